import { Client, cacheExchange, fetchExchange } from 'urql';

/**
 * The explorer speaks only to the API, with the signed-in token (or none: the anonymous role), so
 * it shows exactly what that role may see. The token lives in this tab's sessionStorage, never in
 * the URL that "share" copies.
 */
const TOKEN_KEY = 'scam-atlas.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function createApiClient(token: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>) }),
    requestPolicy: 'cache-first',
    // POST, with content-type application/json: the API refuses a GET that a browser could forge (CSRF).
    preferGetMethod: false,
  });
}
