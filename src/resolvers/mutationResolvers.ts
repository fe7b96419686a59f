import type { Resolvers } from '../generated/graphql.js';
import { linkRelationship, unlinkRelationship, upsertEntity } from '../graph/index.js';
import type { EntityLabel, EntityModel, RelationshipModel, RelationshipType } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { validateEntityInput, validateRelationshipInput } from '../validation/index.js';

/** Validate, then write in one transaction; a failed check writes nothing. */
async function upsert(label: EntityLabel, input: object, { db, loaders }: RequestContext): Promise<EntityModel> {
  const valid = validateEntityInput(label, { ...input });
  const { entity } = await db.writeTransaction((tx) => upsertEntity(tx, valid));
  loaders.replaceEntity(entity);
  return entity;
}

async function link(type: RelationshipType, input: object, { db, loaders }: RequestContext): Promise<RelationshipModel> {
  const valid = validateRelationshipInput(type, { ...input });
  const { relationship } = await db.writeTransaction((tx) => linkRelationship(tx, valid));
  loaders.replaceRelationship(relationship);
  return relationship;
}

export const mutationResolvers: Resolvers = {
  Mutation: {
    upsertPerson: (_p, { input }, context) => upsert('Person', input, context),
    upsertOrganization: (_p, { input }, context) => upsert('Organization', input, context),
    upsertScamCentre: (_p, { input }, context) => upsert('ScamCentre', input, context),
    upsertLocation: (_p, { input }, context) => upsert('Location', input, context),
    upsertAccount: (_p, { input }, context) => upsert('Account', input, context),
    upsertOperation: (_p, { input }, context) => upsert('Operation', input, context),
    upsertSource: (_p, { input }, context) => upsert('Source', input, context),
    linkRecruitment: (_p, { input }, context) => link('RECRUITED', input, context),
    linkJourneyStop: (_p, { input }, context) => link('TRAVELLED_TO', input, context),
    linkConfinement: (_p, { input }, context) => link('HELD_AT', input, context),
    linkNationality: (_p, { input }, context) => link('NATIONAL_OF', input, context),
    linkOperatorship: (_p, { input }, context) => link('OPERATES', input, context),
    linkMembership: (_p, { input }, context) => link('MEMBER_OF', input, context),
    linkPlacement: (_p, { input }, context) => link('LOCATED_IN', input, context),
    linkHolding: (_p, { input }, context) => link('HOLDS', input, context),
    linkTransfer: (_p, { input }, context) => link('TRANSFERRED', input, context),
    linkAttribution: (_p, { input }, context) => link('LINKED_TO', input, context),
    linkFraud: (_p, { input }, context) => link('DEFRAUDED', input, context),
    linkTargeting: (_p, { input }, context) => link('TARGETED', input, context),
    linkArrest: (_p, { input }, context) => link('ARRESTED', input, context),
    linkRescue: (_p, { input }, context) => link('RESCUED', input, context),
    linkConduct: (_p, { input }, context) => link('CONDUCTED', input, context),
    linkAssociation: (_p, { input }, context) => link('ASSOCIATED_WITH', input, context),
    unlink: async (_p, { id }, { db, loaders }) => {
      const type = await db.writeTransaction((tx) => unlinkRelationship(tx, id));
      loaders.relationshipById.clear(id);
      return { id, removed: type !== undefined, type: type ?? null };
    },
  },
};
