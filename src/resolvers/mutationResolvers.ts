import { auditedWrite } from '../audit/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { derivedRelationshipId, evaluateWatchRules, givesSortKey, knowsSubjects, linkRelationship, unlinkRelationship, upsertEntity } from '../graph/index.js';
import type { EntityLabel, EntityModel, RelationshipModel, RelationshipType } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { validateEntityInput, validateRelationshipInput } from '../validation/index.js';
import { publishRaisedAlerts } from '../watch/index.js';

/** Validate, then write in one transaction, with its audit record; a failed check writes nothing. */
async function upsert(mutation: string, label: EntityLabel, input: object, context: RequestContext): Promise<EntityModel> {
  const valid = validateEntityInput(label, { ...input });
  const oneStatement = context.oneStatementWrites;
  // When the write is one statement, its audit append goes in it (the id is the input's).
  const early = oneStatement && knowsSubjects(valid);
  const { entity } = await auditedWrite(
    context, mutation, { input },
    (tx, auditPiece, decides) => upsertEntity(tx, valid, { oneStatement, alongside: auditPiece, decides }),
    (written) => [written.entity.id],
    early ? { ids: [valid.id], carried: (written) => written.carried, decides: true } : undefined,
  );
  context.loaders.replaceEntity(entity);
  return entity;
}

async function link(mutation: string, type: RelationshipType, input: object, context: RequestContext): Promise<RelationshipModel> {
  const valid = validateRelationshipInput(type, { ...input });
  // The watch rules are evaluated in the write's transaction (src/graph/watch.ts); the alerts it
  // raised are pushed to their owners' subscriptions once it has committed.
  const oneStatement = context.oneStatementWrites;
  // When the write is one statement, its audit append goes in it (the ids are the input's).
  const early = oneStatement && givesSortKey(valid);
  const { relationship, raised } = await auditedWrite(
    context, mutation, { input },
    async (tx, auditPiece, decides) => {
      const written = await linkRelationship(tx, valid, { oneStatement, alongside: auditPiece, decides });
      const { id, type, fromId, toId } = written.relationship;
      return { ...written, raised: await evaluateWatchRules(tx, [{ id, type, from: fromId, to: toId }], written.watched) };
    },
    (written) => [written.relationship.id, written.relationship.fromId, written.relationship.toId],
    early ? { ids: [valid.id ?? derivedRelationshipId(valid), valid.from, valid.to], carried: (written) => written.carried, decides: true } : undefined,
  );
  publishRaisedAlerts(raised);
  context.loaders.replaceRelationship(relationship);
  return relationship;
}

export const mutationResolvers: Resolvers = {
  Mutation: {
    upsertPerson: (_p, { input }, context) => upsert('upsertPerson', 'Person', input, context),
    upsertOrganization: (_p, { input }, context) => upsert('upsertOrganization', 'Organization', input, context),
    upsertScamCentre: (_p, { input }, context) => upsert('upsertScamCentre', 'ScamCentre', input, context),
    upsertLocation: (_p, { input }, context) => upsert('upsertLocation', 'Location', input, context),
    upsertAccount: (_p, { input }, context) => upsert('upsertAccount', 'Account', input, context),
    upsertOperation: (_p, { input }, context) => upsert('upsertOperation', 'Operation', input, context),
    upsertSource: (_p, { input }, context) => upsert('upsertSource', 'Source', input, context),
    linkRecruitment: (_p, { input }, context) => link('linkRecruitment', 'RECRUITED', input, context),
    linkJourneyStop: (_p, { input }, context) => link('linkJourneyStop', 'TRAVELLED_TO', input, context),
    linkConfinement: (_p, { input }, context) => link('linkConfinement', 'HELD_AT', input, context),
    linkNationality: (_p, { input }, context) => link('linkNationality', 'NATIONAL_OF', input, context),
    linkOperatorship: (_p, { input }, context) => link('linkOperatorship', 'OPERATES', input, context),
    linkMembership: (_p, { input }, context) => link('linkMembership', 'MEMBER_OF', input, context),
    linkPlacement: (_p, { input }, context) => link('linkPlacement', 'LOCATED_IN', input, context),
    linkHolding: (_p, { input }, context) => link('linkHolding', 'HOLDS', input, context),
    linkTransfer: (_p, { input }, context) => link('linkTransfer', 'TRANSFERRED', input, context),
    linkAttribution: (_p, { input }, context) => link('linkAttribution', 'LINKED_TO', input, context),
    linkFraud: (_p, { input }, context) => link('linkFraud', 'DEFRAUDED', input, context),
    linkTargeting: (_p, { input }, context) => link('linkTargeting', 'TARGETED', input, context),
    linkArrest: (_p, { input }, context) => link('linkArrest', 'ARRESTED', input, context),
    linkRescue: (_p, { input }, context) => link('linkRescue', 'RESCUED', input, context),
    linkConduct: (_p, { input }, context) => link('linkConduct', 'CONDUCTED', input, context),
    linkClaim: (_p, { input }, context) => link('linkClaim', 'CLAIMED', input, context),
    linkAssociation: (_p, { input }, context) => link('linkAssociation', 'ASSOCIATED_WITH', input, context),
    unlink: async (_p, { id }, context) => {
      const type = await auditedWrite(context, 'unlink', { id }, (tx) => unlinkRelationship(tx, id), () => [id]);
      context.loaders.relationshipById.clear(id);
      return { id, removed: type !== undefined, type: type ?? null };
    },
  },
};
