import type { GraphQLResolveInfo } from 'graphql';
import { auditedWrite, type AuditedWriteSpec } from '../audit/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { derivedRelationshipId, evaluateWatchRules, givesSortKey, knowsSubjects, linkRelationship, unlinkRelationship, upsertEntity } from '../graph/index.js';
import type { EntityLabel, EntityModel, RaisedAlert, RelationshipModel, RelationshipType } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { validateEntityInput, validateRelationshipInput } from '../validation/index.js';
import { publishRaisedAlerts } from '../watch/index.js';
import { writtenTogether, type TogetherWriteOf } from './mutationsTogether.js';

type Upserted = Awaited<ReturnType<typeof upsertEntity>>;
type Linked = Awaited<ReturnType<typeof linkRelationship>> & { raised: RaisedAlert[] };

/** An upsert's audited write: validated first (a failed check throws, nothing written), then one transaction with its audit record. */
function upsertWrite(mutation: string, label: EntityLabel, input: object, context: RequestContext): AuditedWriteSpec<Upserted> {
  const valid = validateEntityInput(label, { ...input });
  const oneStatement = context.oneStatementWrites;
  // When the write is one statement, its audit append goes in it (the id is the input's).
  const early = oneStatement && knowsSubjects(valid);
  return {
    mutation, args: { input },
    work: (tx, auditPiece, decides) => upsertEntity(tx, valid, { oneStatement, alongside: auditPiece, decides }),
    idsTouched: (written) => [written.entity.id],
    known: early ? { ids: [valid.id], carried: (written) => written.carried, decides: true } : undefined,
  };
}

function linkWrite(mutation: string, type: RelationshipType, input: object, context: RequestContext): AuditedWriteSpec<Linked> {
  const valid = validateRelationshipInput(type, { ...input });
  // The watch rules are evaluated in the write's transaction (src/graph/watch.ts); the alerts it
  // raised are pushed to their owners' subscriptions once it has committed.
  const oneStatement = context.oneStatementWrites;
  // When the write is one statement, its audit append goes in it (the ids are the input's).
  const early = oneStatement && givesSortKey(valid);
  return {
    mutation, args: { input },
    work: async (tx, auditPiece, decides) => {
      const written = await linkRelationship(tx, valid, { oneStatement, alongside: auditPiece, decides });
      const { id, type, fromId, toId } = written.relationship;
      return { ...written, raised: await evaluateWatchRules(tx, [{ id, type, from: fromId, to: toId }], written.watched) };
    },
    idsTouched: (written) => [written.relationship.id, written.relationship.fromId, written.relationship.toId],
    known: early ? { ids: [valid.id ?? derivedRelationshipId(valid), valid.from, valid.to], carried: (written) => written.carried, decides: true } : undefined,
  };
}

/** Each upsert mutation and the kind it writes. */
const UPSERTS = {
  upsertPerson: 'Person', upsertOrganization: 'Organization', upsertScamCentre: 'ScamCentre', upsertLocation: 'Location',
  upsertAccount: 'Account', upsertOperation: 'Operation', upsertSource: 'Source',
} as const satisfies Record<string, EntityLabel>;

/** Each link mutation and the relationship type it writes. */
const LINKS = {
  linkRecruitment: 'RECRUITED', linkJourneyStop: 'TRAVELLED_TO', linkConfinement: 'HELD_AT', linkNationality: 'NATIONAL_OF',
  linkOperatorship: 'OPERATES', linkMembership: 'MEMBER_OF', linkPlacement: 'LOCATED_IN', linkHolding: 'HOLDS', linkTransfer: 'TRANSFERRED',
  linkAttribution: 'LINKED_TO', linkFraud: 'DEFRAUDED', linkTargeting: 'TARGETED', linkArrest: 'ARRESTED', linkRescue: 'RESCUED',
  linkConduct: 'CONDUCTED', linkClaim: 'CLAIMED', linkAssociation: 'ASSOCIATED_WITH',
} as const satisfies Record<string, RelationshipType>;

/** The audited write of an upsert or link field, for writing it with the fields after it (src/resolvers/mutationsTogether.ts). */
const writeOfField: TogetherWriteOf = (fieldName, input, context) => {
  if (typeof input !== 'object' || input === null) return undefined;
  if (Object.hasOwn(UPSERTS, fieldName)) return upsertWrite(fieldName, UPSERTS[fieldName as keyof typeof UPSERTS], input, context) as AuditedWriteSpec<unknown>;
  if (Object.hasOwn(LINKS, fieldName)) return linkWrite(fieldName, LINKS[fieldName as keyof typeof LINKS], input, context) as AuditedWriteSpec<unknown>;
  return undefined;
};

/** The field's write: its outcome when written together with others, else written on its own (auditedWrite). */
async function write<T>(context: RequestContext, info: GraphQLResolveInfo, own: () => AuditedWriteSpec<T>): Promise<T> {
  const together = await writtenTogether(context, info, writeOfField);
  if (together && 'written' in together) return together.written as T;
  if (together && 'refused' in together) throw together.refused;
  const { mutation, args, work, idsTouched, known } = own();
  return auditedWrite(context, mutation, args, work, idsTouched, known);
}

async function upsert(mutation: keyof typeof UPSERTS, input: object, context: RequestContext, info: GraphQLResolveInfo): Promise<EntityModel> {
  const { entity } = await write(context, info, () => upsertWrite(mutation, UPSERTS[mutation], input, context));
  context.loaders.replaceEntity(entity);
  return entity;
}

async function link(mutation: keyof typeof LINKS, input: object, context: RequestContext, info: GraphQLResolveInfo): Promise<RelationshipModel> {
  const { relationship, raised } = await write(context, info, () => linkWrite(mutation, LINKS[mutation], input, context));
  publishRaisedAlerts(raised);
  context.loaders.replaceRelationship(relationship);
  return relationship;
}

export const mutationResolvers: Resolvers = {
  Mutation: {
    upsertPerson: (_p, { input }, context, info) => upsert('upsertPerson', input, context, info),
    upsertOrganization: (_p, { input }, context, info) => upsert('upsertOrganization', input, context, info),
    upsertScamCentre: (_p, { input }, context, info) => upsert('upsertScamCentre', input, context, info),
    upsertLocation: (_p, { input }, context, info) => upsert('upsertLocation', input, context, info),
    upsertAccount: (_p, { input }, context, info) => upsert('upsertAccount', input, context, info),
    upsertOperation: (_p, { input }, context, info) => upsert('upsertOperation', input, context, info),
    upsertSource: (_p, { input }, context, info) => upsert('upsertSource', input, context, info),
    linkRecruitment: (_p, { input }, context, info) => link('linkRecruitment', input, context, info),
    linkJourneyStop: (_p, { input }, context, info) => link('linkJourneyStop', input, context, info),
    linkConfinement: (_p, { input }, context, info) => link('linkConfinement', input, context, info),
    linkNationality: (_p, { input }, context, info) => link('linkNationality', input, context, info),
    linkOperatorship: (_p, { input }, context, info) => link('linkOperatorship', input, context, info),
    linkMembership: (_p, { input }, context, info) => link('linkMembership', input, context, info),
    linkPlacement: (_p, { input }, context, info) => link('linkPlacement', input, context, info),
    linkHolding: (_p, { input }, context, info) => link('linkHolding', input, context, info),
    linkTransfer: (_p, { input }, context, info) => link('linkTransfer', input, context, info),
    linkAttribution: (_p, { input }, context, info) => link('linkAttribution', input, context, info),
    linkFraud: (_p, { input }, context, info) => link('linkFraud', input, context, info),
    linkTargeting: (_p, { input }, context, info) => link('linkTargeting', input, context, info),
    linkArrest: (_p, { input }, context, info) => link('linkArrest', input, context, info),
    linkRescue: (_p, { input }, context, info) => link('linkRescue', input, context, info),
    linkConduct: (_p, { input }, context, info) => link('linkConduct', input, context, info),
    linkClaim: (_p, { input }, context, info) => link('linkClaim', input, context, info),
    linkAssociation: (_p, { input }, context, info) => link('linkAssociation', input, context, info),
    unlink: async (_p, { id }, context) => {
      const type = await auditedWrite(context, 'unlink', { id }, (tx) => unlinkRelationship(tx, id), () => [id]);
      context.loaders.relationshipById.clear(id);
      return { id, removed: type !== undefined, type: type ?? null };
    },
  },
};
