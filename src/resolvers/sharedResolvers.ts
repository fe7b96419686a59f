/**
 * Field resolvers that every implementation of an interface shares, as `{ resolve }` objects so the
 * schema keeps one function for all of them: graphql-tools binds a plain function to each type's
 * resolver map, a new function per type. The compiled executor (src/server/compiledExecutor.ts)
 * compiles an interface's selection once, not once per implementation, when its implementations
 * resolve the selected fields with the same functions.
 */
export function sharedResolvers<T extends Record<string, unknown>>(fields: T): { [K in keyof T]: { resolve: T[K] } } {
  return Object.fromEntries(Object.entries(fields).map(([name, resolve]) => [name, { resolve }])) as { [K in keyof T]: { resolve: T[K] } };
}
