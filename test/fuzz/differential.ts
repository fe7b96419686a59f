import { Kind, parse, print, validate, visit, type ASTNode, type DocumentNode } from 'graphql';
import { fuzzSchema, generateDocument, type FuzzCase, type FuzzPools } from './generateDocument.js';

/**
 * The differential fuzzer: every generated document goes to two servers over the same database —
 * the fast path (look-ahead, projections, request caches) and the reference path (LOOKAHEAD off:
 * loaders only, whole entities, no cross-field cache) — and the answers must be identical, errors
 * included. A difference is shrunk to the smallest document that still shows it.
 */

export interface Answer {
  status: number;
  data: unknown;
  errors: Array<{ path: string; code: unknown; message: string }>;
}

export interface Difference {
  index: number;
  original: FuzzCase;
  shrunk: FuzzCase;
  fast: Answer;
  reference: Answer;
}

export interface FuzzReport {
  seed: number;
  documents: number;
  differences: Difference[];
  /** Documents whose answer carried INTERNAL_SERVER_ERROR on either path: a crash is a finding too. */
  internalErrors: Array<{ index: number; case: FuzzCase; answer: Answer }>;
  errorAnswers: number;
  milliseconds: number;
  /** The slowest documents (both paths asked at once), for keeping the generator's documents cheap. */
  slowest: Array<{ index: number; milliseconds: number }>;
}

const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** POSTs one document and reduces the answer to what must not differ (request ids removed, errors in path order). */
export async function ask(graphqlUrl: string, fuzzCase: FuzzCase): Promise<Answer> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: fuzzCase.query, variables: fuzzCase.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: unknown } }> };
  const data = body.data ?? null;
  const seen = new Set<string>();
  const errors = (body.errors ?? [])
    .map((error) => {
      const nulled = nulledAncestor(data, error.path);
      // An error whose null went up to an ancestor: several sibling errors may race to null it, and
      // graphql-js reports the ones that came first. The answer is that this ancestor is null, by an error.
      if (nulled !== undefined) return { path: JSON.stringify(nulled), code: 'NULLED_BY_A_DESCENDANT', message: '' };
      return { path: JSON.stringify(error.path ?? []), code: error.extensions?.code, message: error.message.replace(REQUEST_ID, '<request id>') };
    })
    .filter((error) => {
      const key = JSON.stringify(error);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.path + a.message < b.path + b.message ? -1 : a.path + a.message > b.path + b.message ? 1 : 0));
  return { status: response.status, data, errors };
}

/**
 * The path of the nearest ancestor an error's null went up to (a non-null field failed, so its
 * nullable parent is null), or undefined when the error's own field holds the null.
 */
export function nulledAncestor(data: unknown, path: unknown[] | undefined): unknown[] | undefined {
  if (!path || path.length === 0) return undefined;
  let value: unknown = data;
  for (let depth = 0; depth < path.length; depth++) {
    if (value === null || value === undefined) return path.slice(0, depth);
    value = (value as Record<string | number, unknown>)[path[depth] as string | number];
  }
  return undefined;
}

const same = (a: Answer, b: Answer) => a.status === b.status && JSON.stringify(a.data) === JSON.stringify(b.data) && JSON.stringify(a.errors) === JSON.stringify(b.errors);

export interface Endpoints {
  fast: string;
  reference: string;
}

/** Both answers, asked at once (the fast path's races are part of what is tested). */
async function both(endpoints: Endpoints, fuzzCase: FuzzCase): Promise<[Answer, Answer]> {
  return Promise.all([ask(endpoints.fast, fuzzCase), ask(endpoints.reference, fuzzCase)]);
}

/** Whether the document's answers differ in any of `tries` runs (a race may show only now and then). */
async function differs(endpoints: Endpoints, fuzzCase: FuzzCase, tries: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const [fast, reference] = await both(endpoints, fuzzCase);
    if (!same(fast, reference)) return true;
  }
  return false;
}

/** Nodes the shrinker may delete: selections, arguments, directives, input object fields. */
const REMOVABLE = new Set<string>([Kind.FIELD, Kind.INLINE_FRAGMENT, Kind.FRAGMENT_SPREAD, Kind.ARGUMENT, Kind.DIRECTIVE, Kind.OBJECT_FIELD]);

function removableCount(document: DocumentNode): number {
  let count = 0;
  visit(document, { enter: (node: ASTNode) => { if (REMOVABLE.has(node.kind)) count++; } });
  return count;
}

/** The document without its `target`-th removable node (and whatever is then unused). */
function withoutNode(document: DocumentNode, target: number): DocumentNode {
  let index = 0;
  return visit(document, {
    enter: (node: ASTNode) => {
      if (!REMOVABLE.has(node.kind)) return undefined;
      return index++ === target ? null : undefined;
    },
  });
}

/** Drops fragments nothing spreads and variables nothing uses, until none is left. */
function withoutUnused(document: DocumentNode, variables: Record<string, unknown>): FuzzCase {
  let current = document;
  for (;;) {
    const spread = new Set<string>();
    const used = new Set<string>();
    visit(current, {
      FragmentSpread: (node) => { spread.add(node.name.value); },
      Variable: (node, _key, parent) => {
        if (!(parent && 'kind' in parent && parent.kind === Kind.VARIABLE_DEFINITION)) used.add(node.name.value);
      },
    });
    const next = visit(current, {
      FragmentDefinition: (node) => (spread.has(node.name.value) ? undefined : null),
      VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null),
    });
    if (print(next) === print(current)) {
      const kept = new Set<string>();
      visit(next, { VariableDefinition: (node) => { kept.add(node.variable.name.value); } });
      return { query: print(next), variables: Object.fromEntries(Object.entries(variables).filter(([name]) => kept.has(name))) };
    }
    current = next;
  }
}

/**
 * The smallest document found (by deleting one node at a time while the difference stays) that
 * still gives different answers. Greedy, like delta debugging's one-minimal step.
 */
export async function shrink(endpoints: Endpoints, original: FuzzCase, tries = 3): Promise<FuzzCase> {
  const schema = fuzzSchema();
  let current = original;
  let document = parse(current.query);
  for (let target = 0; target < removableCount(document);) {
    let candidate: FuzzCase;
    let candidateDocument: DocumentNode;
    try {
      candidate = withoutUnused(withoutNode(document, target), current.variables);
      // Deleting the last selection of a set prints a set-less field or fragment, which does not parse: skip it.
      candidateDocument = parse(candidate.query, { noLocation: true });
    } catch {
      target++;
      continue;
    }
    if (validate(schema, candidateDocument).length === 0 && (await differs(endpoints, candidate, tries))) {
      current = candidate;
      document = candidateDocument;
    } else {
      target++;
    }
  }
  return current;
}

export interface FuzzOptions {
  endpoints: Endpoints;
  pools: FuzzPools;
  seed: number;
  documents: number;
  /** Index of the first document (default 0): a long run of one seed can go on where an earlier one stopped. */
  from?: number;
  /** Stop after this many differences (each is shrunk, which takes a while). */
  maxDifferences?: number;
  onProgress?: (done: number, report: FuzzReport) => void;
}

/** Runs `documents` generated documents against both paths; returns every difference, shrunk. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const report: FuzzReport = { seed: options.seed, documents: 0, differences: [], internalErrors: [], errorAnswers: 0, milliseconds: 0, slowest: [] };
  const from = options.from ?? 0;
  for (let index = from; index < from + options.documents; index++) {
    const fuzzCase = generateDocument(options.pools, options.seed, index);
    const asked = performance.now();
    const [fast, reference] = await both(options.endpoints, fuzzCase);
    report.slowest.push({ index, milliseconds: Math.round(performance.now() - asked) });
    report.slowest = report.slowest.sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 5);
    report.documents++;
    if (fast.errors.length > 0) report.errorAnswers++;
    const internal = [fast, reference].find((answer) => answer.errors.some((error) => error.code === 'INTERNAL_SERVER_ERROR'));
    if (internal) report.internalErrors.push({ index, case: fuzzCase, answer: internal });
    if (!same(fast, reference)) {
      const shrunk = await shrink(options.endpoints, fuzzCase);
      const [shrunkFast, shrunkReference] = await both(options.endpoints, shrunk);
      report.differences.push({ index, original: fuzzCase, shrunk, fast: shrunkFast, reference: shrunkReference });
      if (report.differences.length >= (options.maxDifferences ?? 1)) break;
    }
    if (options.onProgress && report.documents % 100 === 0) options.onProgress(report.documents, report);
  }
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/** A difference as a reader wants it: the smallest document, its variables, and both answers. */
export function describeDifference(difference: Difference, seed: number): string {
  return [
    `Fast and reference paths differ (seed ${seed}, document ${difference.index}). Smallest document:`,
    difference.shrunk.query,
    `variables: ${JSON.stringify(difference.shrunk.variables)}`,
    `fast:      ${JSON.stringify({ data: difference.fast.data, errors: difference.fast.errors })}`,
    `reference: ${JSON.stringify({ data: difference.reference.data, errors: difference.reference.errors })}`,
  ].join('\n');
}
