/**
 * The canvas is the result of a list of actions (add an entity, expand one, find paths, follow
 * money). The list is what the URL keeps, what undo shortens, and what a shared link replays.
 */
export type ExpandFilter = {
  types?: string[];
  kinds?: string[];
  minReliability?: string;
  minCredibility?: number;
  since?: string;
  until?: string;
};

export type CanvasAction =
  | { t: 'add'; id: string }
  | { t: 'expand'; id: string; filter?: ExpandFilter }
  | { t: 'paths'; from: string; to: string }
  | { t: 'money'; id: string; direction: 'DOWNSTREAM' | 'UPSTREAM' };

/** Longest action list a URL keeps (a shared view stays a reasonable link). */
export const MAX_ACTIONS = 50;

const PARAM = 's';
/** The date the canvas is drawn as of (the API's `asOf`), beside the actions in the fragment. */
const AS_OF_PARAM = 'asOf';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The action list (and the date the canvas is drawn as of) in the URL's fragment: never sent to the server, never holds the token. */
export function actionsToHash(actions: readonly CanvasAction[], asOf: string | null = null): string {
  const parts: string[] = [];
  if (actions.length > 0) {
    const json = JSON.stringify(actions.slice(-MAX_ACTIONS));
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(json)));
    parts.push(`${PARAM}=${base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`);
  }
  if (asOf && DATE.test(asOf)) parts.push(`${AS_OF_PARAM}=${asOf}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}

/** The date in the fragment, or null for today's graph. */
export function asOfFromHash(hash: string): string | null {
  const match = new RegExp(`[#&]${AS_OF_PARAM}=(\\d{4}-\\d{2}-\\d{2})(?:&|$)`).exec(hash);
  return match?.[1] ?? null;
}

export function actionsFromHash(hash: string): CanvasAction[] {
  const match = new RegExp(`[#&]${PARAM}=([A-Za-z0-9_-]+)`).exec(hash);
  if (!match?.[1]) return [];
  try {
    const base64 = match[1].replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return Array.isArray(parsed) ? parsed.filter(isAction).slice(-MAX_ACTIONS) : [];
  } catch {
    return [];
  }
}

function isAction(value: unknown): value is CanvasAction {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  switch (a['t']) {
    case 'add': case 'expand': return typeof a['id'] === 'string';
    case 'paths': return typeof a['from'] === 'string' && typeof a['to'] === 'string';
    case 'money': return typeof a['id'] === 'string' && (a['direction'] === 'DOWNSTREAM' || a['direction'] === 'UPSTREAM');
    default: return false;
  }
}
