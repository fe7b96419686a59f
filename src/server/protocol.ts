/** Where GraphQL is served: POST (and GET for queries), and WebSocket subscriptions. */
export const GRAPHQL_PATH = '/graphql';

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy media type) reads the
 * outcome from the body, so a well-formed request whose document does not parse, validate, pass the
 * operation limits or coerce its variables is answered 200 with `errors` (the spec's SHOULD). A client
 * that accepts `application/graphql-response+json` (or anything, `*` wildcards) keeps the 4xx.
 */
export function acceptsOnlyJson(accept: string | null | undefined): boolean {
  if (!accept) return false;
  const mediaTypes = accept
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((mediaType) => mediaType !== '');
  return mediaTypes.includes('application/json') && !mediaTypes.some((mediaType) => mediaType === 'application/graphql-response+json' || mediaType.endsWith('/*'));
}

/** HTTP status of a request error (parse, validation, limits, variables): 200 for a JSON-only client, else 400. */
export function requestErrorStatus(accept: string | null | undefined): 200 | 400 {
  return acceptsOnlyJson(accept) ? 200 : 400;
}
