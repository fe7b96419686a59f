import { getArgumentValues, getNamedType, isLeafType, isObjectType, Kind, type FieldNode, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import { auditedWritesTogether, type AuditedWriteSpec, type TogetherOutcome } from '../audit/index.js';
import type { RequestContext } from '../context/index.js';
import { decidingSequence } from '../graph/index.js';

/**
 * A request's consecutive mutation fields written as one statement (auditedWritesTogether): the
 * first of them, when it is resolved, writes itself and the ones after it, each only once the one
 * before it is written, and each later field takes its outcome when its turn comes. What a client
 * sees is what the fields one after another give: the same answers, refusals and audit records,
 * because
 * - only fields that decide alone go (upserts and links whose statement rules out every refusal
 *   and further statement itself); the first that cannot, or whose input is invalid, ends the run;
 * - a field before the last of a run selects only values of what it wrote (its scalars), never the
 *   graph, which would already hold the writes after it: a field that reads more ends the run;
 * - a field that declined, refused or did not run is written on its own, in order.
 * MUTATIONS_TOGETHER=false writes every field on its own: the reference test/server/mutationsTogether.test.ts
 * compares this with.
 */

/**
 * The most fields one statement writes. Neo4j plans each new combination of statements once (on this
 * machine 2–4 s for four, cached after), so a long request goes in runs of this many.
 */
export const MAX_WRITES_TOGETHER = 4;

/** Scalar fields of a written entity or relationship that have resolvers, all computed from the written values alone. */
const OWN_VALUE_RESOLVERS: ReadonlySet<string> = new Set(['kind', 'recordedAt']);

/** How to write one mutation field: its audited write from its input, or undefined when it cannot go with others. Throws on invalid input. */
export type TogetherWriteOf = (fieldName: string, input: unknown, context: RequestContext) => AuditedWriteSpec<unknown> | undefined;

const outcomesOfRequest = new WeakMap<RequestContext, Map<string, Promise<TogetherOutcome<unknown>>>>();

/**
 * This field's outcome when it was (or is now) written together with others; undefined when it is
 * to be written on its own.
 */
export function writtenTogether(context: RequestContext, info: GraphQLResolveInfo, writeOf: TogetherWriteOf): Promise<TogetherOutcome<unknown>> | undefined {
  if (!context.mutationsTogether || info.operation.operation !== 'mutation' || typeof info.path.key !== 'string' || info.path.prev !== undefined) return undefined;
  let outcomes = outcomesOfRequest.get(context);
  if (!outcomes) outcomesOfRequest.set(context, (outcomes = new Map()));
  const known = outcomes.get(info.path.key);
  if (known) return known;
  const run = runFrom(info, info.path.key, context, writeOf);
  if (run.length < 2) return undefined;
  const written = auditedWritesTogether(context, run.map((field) => field.write), decidingSequence).catch(() => run.map(() => ({ left: 'the writes together failed' })));
  run.forEach((field, i) => outcomes.set(field.key, written.then((all) => all[i] ?? { left: 'no outcome' })));
  return outcomes.get(info.path.key);
}

function responseKey(node: FieldNode): string {
  return node.alias?.value ?? node.name.value;
}

/** The run of root fields that can be written together, from the one answering `key`. */
function runFrom(info: GraphQLResolveInfo, key: string, context: RequestContext, writeOf: TogetherWriteOf): Array<{ key: string; write: AuditedWriteSpec<unknown> }> {
  const root = info.operation.selectionSet.selections;
  const keys = root.map((node) => (node.kind === Kind.FIELD ? responseKey(node) : undefined));
  // Fields that share a response key are one field of the answer: left to the executor.
  if (new Set(keys).size !== keys.length) return [];
  const mutationType = info.schema.getMutationType();
  const start = keys.indexOf(key);
  // A lone mutation (the common request) goes its own way without its input checked twice.
  if (start < 0 || root.length - start < 2) return [];
  const run: Array<{ key: string; write: AuditedWriteSpec<unknown> }> = [];
  for (const node of root.slice(start)) {
    if (node.kind !== Kind.FIELD || (node.directives?.length ?? 0) > 0) break;
    const field = mutationType?.getFields()[node.name.value];
    if (!field) break;
    let write: AuditedWriteSpec<unknown> | undefined;
    try {
      write = writeOf(node.name.value, getArgumentValues(field, node, info.variableValues)['input'], context);
    } catch {
      break; // its own resolver reports the bad input
    }
    if (!write?.known?.decides) break;
    run.push({ key: responseKey(node), write });
    if (run.length === MAX_WRITES_TOGETHER || !selectsOwnValuesOnly(node, field)) break;
  }
  return run;
}

/** Whether the field's answer is only values of what it wrote: scalars of the returned object, no fragments, no directives. */
function selectsOwnValuesOnly(node: FieldNode, field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return (node.selectionSet?.selections ?? []).every((selection) => {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return false;
    if (selection.name.value === '__typename') return true;
    const selected = fields[selection.name.value];
    return selected !== undefined && isLeafType(getNamedType(selected.type)) && (selected.resolve === undefined || OWN_VALUE_RESOLVERS.has(selected.name));
  });
}
