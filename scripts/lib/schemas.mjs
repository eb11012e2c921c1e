/** Every published schema, the name of its compiled validator, and the name of its TypeScript type. */
export const SCHEMAS = [{ file: 'dispatch.schema.json', validator: 'validateDispatch', type: 'Dispatch' }];
