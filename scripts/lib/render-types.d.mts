/** Renders src/schema/types.generated.ts from the schemas in schemas/. */
export function renderTypes(): Promise<string>;
