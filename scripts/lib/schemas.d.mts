/** Every published schema and the names generated from it. */
export const SCHEMAS: ReadonlyArray<{ file: string; validator: string; type: string; columns?: string; module?: string }>;
