import type { Database } from '../../src/database/index.js';

/**
 * The leak detector: what a viewer must never receive, read straight from the database (by the
 * `roles` property, not the derived labels the API filters on, so a missing label is caught too),
 * and a scan of a whole HTTP answer — body (data, errors, extensions) and headers — for any of it.
 */

export interface HiddenTerms {
  /** Ids and names (aliases too) of victims and of accounts held only by victims. */
  entities: string[];
  /** Ids of relationships with a hidden end (they name their ends: `rel:held-at:ug-victim-1:…`). */
  relationships: string[];
  /** Values of protected fields (any person's): shown only to investigators and above. */
  protectedValues: string[];
  /** Victim ids alone, for building requests. */
  victimIds: string[];
}

const VICTIM_ROLES = ['TRAFFICKING_VICTIM', 'FRAUD_VICTIM'];

export async function collectHiddenTerms(db: Database): Promise<HiddenTerms> {
  const victims = await db.read<{ id: string; name: string; aliases: string[] | null }>(
    `MATCH (p:Person) WHERE any(role IN coalesce(p.roles, []) WHERE role IN $roles)
     RETURN p.id AS id, p.name AS name, p.aliases AS aliases`,
    { roles: VICTIM_ROLES },
  );
  const accounts = await db.read<{ id: string; name: string; aliases: string[] | null }>(
    `MATCH (a:Account)<-[:HOLDS]-(h)
     WITH a, collect(h) AS holders
     WHERE all(h IN holders WHERE h:Person AND any(role IN coalesce(h.roles, []) WHERE role IN $roles))
     RETURN a.id AS id, a.name AS name, a.aliases AS aliases`,
    { roles: VICTIM_ROLES },
  );
  const hiddenIds = [...victims.records, ...accounts.records].map((r) => r.get('id'));
  const relationships = await db.read<{ id: string }>(
    'UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-() RETURN DISTINCT r.id AS id',
    { ids: hiddenIds },
  );
  // Protected fields (legal names, phones, document numbers) of anyone: never for a viewer or an analyst.
  const protectedValues = await db.read<{ values: unknown[] }>(
    `MATCH (p:Person) WHERE p.legalName IS NOT NULL OR p.phones IS NOT NULL OR p.documentNumbers IS NOT NULL
     RETURN [p.legalName] + coalesce(p.phones, []) + coalesce(p.documentNumbers, []) AS values`,
  );
  const entities = [...victims.records, ...accounts.records].flatMap((r) => [r.get('id'), r.get('name'), ...(r.get('aliases') ?? [])]);
  const secrets = protectedValues.records.flatMap((r) => r.get('values')).filter((v): v is string => typeof v === 'string');
  return {
    protectedValues: [...new Set(secrets.filter((term) => term.length >= 3))],
    entities: [...new Set(entities.filter((term) => term && term.length >= 3))],
    relationships: [...new Set(relationships.records.map((r) => r.get('id')).filter(Boolean))],
    victimIds: victims.records.map((r) => r.get('id')),
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The hidden terms found in `text`, case-insensitively and as whole terms ("Victim V-1" is not found
 * in "Victim V-10", which is hidden too and found on its own; "Account A-5" not in "Account A-50").
 * Terms in `sentByClient` are left out: echoing an id the client itself sent reveals nothing (the
 * role-matrix test checks those answers are the same as for an unknown id).
 */
export function findLeaks(terms: Pick<HiddenTerms, 'entities' | 'relationships' | 'protectedValues'>, text: string, sentByClient = ''): string[] {
  const found: string[] = [];
  const sent = sentByClient.toLowerCase();
  for (const term of [...terms.entities, ...terms.relationships, ...terms.protectedValues]) {
    if (sent.includes(term.toLowerCase())) continue;
    const pattern = new RegExp(`(?<![A-Za-z0-9_-])${escape(term)}(?![A-Za-z0-9_])`, 'i');
    if (pattern.test(text)) found.push(term);
  }
  return found;
}

/** A whole answer as text to scan: status, every header, and the body as received. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>; extensions?: unknown };
}

export async function postRaw(graphqlUrl: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body, json: JSON.parse(body) as RawAnswer['json'] };
}

/** Cursors are opaque base64: decoded, so an id encoded in one is found too. */
function decodedCursors(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) decodedCursors(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (/cursor$/i.test(key) && typeof item === 'string') into.push(Buffer.from(item, 'base64url').toString('utf8'));
      else decodedCursors(item, into);
    }
  }
  return into;
}

/** Everything a client receives, as one text to scan: status, headers, body, and every cursor decoded. */
export const answerText = (answer: RawAnswer) => `${answer.status}\n${JSON.stringify(answer.headers)}\n${answer.body}\n${decodedCursors(answer.json).join('\n')}`;
