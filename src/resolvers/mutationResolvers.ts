import type { GraphQLResolveInfo } from 'graphql';
import { auditedWork, auditedWrite, chainHeadGuess } from '../audit/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { derivedRelationshipId, evaluateWatchRules, givesSortKey, knowsSubjects, linkRelationship, unlinkRelationship, upsertEntity } from '../graph/index.js';
import type { EntityLabel, RelationshipType } from '../model/index.js';
import type { ObservedTransaction } from '../database/index.js';
import type { RequestContext } from '../context/index.js';
import { validateEntityInput, validateRelationshipInput } from '../validation/index.js';
import { publishRaisedAlerts } from '../watch/index.js';

/**
 * A mutation field's write, planned (its input validated): `run` writes it with its audit record in
 * the transaction it is given; `committed` does what follows the commit (the request's loaders told,
 * alerts pushed) and gives the field's answer.
 */
interface PlannedWrite<R = unknown> {
  run: (tx: ObservedTransaction) => Promise<R>;
  committed: (written: R) => unknown;
}

/** Validate, then write in one transaction, with its audit record; a failed check writes nothing. */
function planUpsert(mutation: string, label: EntityLabel, input: object, context: RequestContext): PlannedWrite {
  const valid = validateEntityInput(label, { ...input });
  const oneStatement = context.oneStatementWrites;
  // When the write is one statement, its audit event goes in the same round trip (the id is the input's).
  const early = oneStatement && knowsSubjects(valid);
  return planned({
    run: (tx) => auditedWork(tx, context, mutation, { input }, (t) => upsertEntity(t, valid, { oneStatement }), (written) => [written.entity.id], early ? [valid.id] : undefined),
    committed: ({ entity }) => {
      context.loaders.replaceEntity(entity);
      return entity;
    },
  });
}

function planLink(mutation: string, type: RelationshipType, input: object, context: RequestContext): PlannedWrite {
  const valid = validateRelationshipInput(type, { ...input });
  const oneStatement = context.oneStatementWrites;
  // When the write is one statement, its audit event goes in the same round trip (the ids are the input's).
  const early = oneStatement && givesSortKey(valid);
  return planned({
    // The watch rules are evaluated in the write's transaction (src/graph/watch.ts); the alerts it
    // raised are pushed to their owners' subscriptions once it has committed.
    run: (tx) => auditedWork(
      tx, context, mutation, { input },
      async (t) => {
        const written = await linkRelationship(t, valid, { oneStatement });
        const { id, type: linkType, fromId, toId } = written.relationship;
        return { ...written, raised: await evaluateWatchRules(t, [{ id, type: linkType, from: fromId, to: toId }], written.watched) };
      },
      (written) => [written.relationship.id, written.relationship.fromId, written.relationship.toId],
      early ? [valid.id ?? derivedRelationshipId(valid), valid.from, valid.to] : undefined,
    ),
    committed: ({ relationship, raised }) => {
      publishRaisedAlerts(raised);
      context.loaders.replaceRelationship(relationship);
      return relationship;
    },
  });
}

/** Typed where it is made, kept as the list's common shape. */
const planned = <R>(write: PlannedWrite<R>) => write as PlannedWrite;

const UPSERTS: Record<string, EntityLabel> = {
  upsertPerson: 'Person', upsertOrganization: 'Organization', upsertScamCentre: 'ScamCentre', upsertLocation: 'Location',
  upsertAccount: 'Account', upsertOperation: 'Operation', upsertSource: 'Source',
};
const LINKS: Record<string, RelationshipType> = {
  linkRecruitment: 'RECRUITED', linkJourneyStop: 'TRAVELLED_TO', linkConfinement: 'HELD_AT', linkNationality: 'NATIONAL_OF',
  linkOperatorship: 'OPERATES', linkMembership: 'MEMBER_OF', linkPlacement: 'LOCATED_IN', linkHolding: 'HOLDS',
  linkTransfer: 'TRANSFERRED', linkAttribution: 'LINKED_TO', linkFraud: 'DEFRAUDED', linkTargeting: 'TARGETED',
  linkArrest: 'ARRESTED', linkRescue: 'RESCUED', linkConduct: 'CONDUCTED', linkClaim: 'CLAIMED', linkAssociation: 'ASSOCIATED_WITH',
};

/** The mutation fields a request may write together in one transaction (writeMutationFieldsTogether). */
export const MUTATIONS_WRITTEN_TOGETHER: ReadonlySet<string> = new Set([...Object.keys(UPSERTS), ...Object.keys(LINKS)]);

function plan(field: string, input: object, context: RequestContext): PlannedWrite {
  const label = UPSERTS[field];
  if (label) return planUpsert(field, label, input, context);
  const type = LINKS[field];
  if (type) return planLink(field, type, input, context);
  throw new Error(`${field} is not a mutation written together`);
}

/**
 * A field's answer: the one its request's transaction already wrote (useMutationsInOneTransaction),
 * else its own write in a transaction of its own — the reference path, which each field of a request
 * takes in turn when they were not written together.
 */
async function answer(field: string, input: object, context: RequestContext, info: GraphQLResolveInfo): Promise<unknown> {
  const prepared = context.preparedMutations?.get(String(info.path.key));
  if (prepared !== undefined) return prepared;
  const write = plan(field, input, context);
  return write.committed(await context.db.writeTransaction((tx) => write.run(tx)));
}

/**
 * Writes a request's mutation fields, in order, in one transaction, with an audit record each: one
 * commit for the request where the fields would each have had their own. The answers by response
 * key, once committed. Undefined when a field is refused (invalid input, a check, any failure): then
 * nothing was written, and each field takes the reference path in turn, so that a refusal leaves the
 * fields before it written and answers exactly as it would have. The caller makes sure no field's
 * answer reads what a later field writes (answers are the written records' own fields).
 */
export async function writeMutationFieldsTogether(context: RequestContext, fields: ReadonlyArray<{ key: string; field: string; input: object }>): Promise<Map<string, unknown> | undefined> {
  let writes: PlannedWrite[];
  try {
    writes = fields.map(({ field, input }) => plan(field, input, context));
  } catch {
    return undefined;
  }
  // Appends this transaction sent and rolled back leave the process's guess of the chain's head wrong: put it back.
  const guess = chainHeadGuess(context.db);
  let written: unknown[];
  try {
    written = await context.db.writeTransaction(async (tx) => {
      const results: unknown[] = [];
      try {
        for (const write of writes) results.push(await write.run(tx));
      } catch (error) {
        guess.restore();
        throw error;
      }
      return results;
    });
  } catch (error) {
    guess.restore();
    context.logger.debug({ err: error }, 'mutation fields not written together; each takes its own transaction');
    return undefined;
  }
  return new Map(fields.map(({ key }, i) => [key, writes[i]!.committed(written[i])]));
}

type Args = { input: object };
const write = (field: string) => (_parent: unknown, { input }: Args, context: RequestContext, info: GraphQLResolveInfo) => answer(field, input, context, info);

export const mutationResolvers: Resolvers = {
  Mutation: {
    ...Object.fromEntries([...MUTATIONS_WRITTEN_TOGETHER].map((field) => [field, write(field)])),
    unlink: async (_p, { id }, context) => {
      const type = await auditedWrite(context, 'unlink', { id }, (tx) => unlinkRelationship(tx, id), () => [id]);
      context.loaders.relationshipById.clear(id);
      return { id, removed: type !== undefined, type: type ?? null };
    },
  },
};
