import type { HttpRequest } from './httpStep.js';

/** The parts of a GraphQL-over-HTTP request the limits read; undefined when it is not one (Apollo then says why). */
export interface GraphQLRequestParts {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

export function graphqlRequestOf(req: HttpRequest): GraphQLRequestParts | undefined {
  const source: unknown = req.method === 'GET' ? req.query : req.body;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  const { query, operationName, variables } = source as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  let vars: unknown = variables;
  if (typeof vars === 'string') {
    try {
      vars = JSON.parse(vars);
    } catch {
      vars = undefined;
    }
  }
  return {
    query,
    operationName: typeof operationName === 'string' && operationName !== '' ? operationName : undefined,
    variables: typeof vars === 'object' && vars !== null && !Array.isArray(vars) ? (vars as Record<string, unknown>) : {},
  };
}
