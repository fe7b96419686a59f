import type { Resolvers } from '../generated/graphql.js';
import { RELATIONSHIPS, type EntityModel, type RelationshipModel } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { gradesOf, recordedAtOf, sourcesOf } from './entityResolvers.js';
import { sharedResolvers } from './sharedResolvers.js';

/**
 * An end of a relationship always exists: relationships are deleted with their ends (DETACH). The
 * look-ahead may have fetched it with the relationship, projected for this spot of the query: then
 * it is returned as is, not as a promise (graphql-js completes a plain value without a microtask).
 */
function endOf(relationship: RelationshipModel, end: 'from' | 'to', context: RequestContext): EntityModel | Promise<EntityModel> {
  const fetched = end === 'from' ? relationship.fetchedFrom : relationship.fetchedTo;
  if (fetched) return fetched;
  const id = end === 'from' ? relationship.fromId : relationship.toId;
  return context.loaders.entityById.load(id).then((entity) => {
    if (!entity) throw new Error(`Relationship end ${id} is missing`);
    // Read through a time lens, the relationship's ends are shown through it (their own links as of
    // the same date); a relationship exists in a lens only with both its ends, so the end does too.
    return relationship.lens ? { ...entity, lens: relationship.lens } : entity;
  });
}

/** Fields every relationship type has, resolved the same way (one function for every type). */
const relationshipFields = sharedResolvers({
  from: (relationship: RelationshipModel, _args: unknown, context: RequestContext) => endOf(relationship, 'from', context),
  to: (relationship: RelationshipModel, _args: unknown, context: RequestContext) => endOf(relationship, 'to', context),
  sources: (relationship: RelationshipModel, _args: unknown, context: RequestContext) => sourcesOf(relationship, context),
  grades: (relationship: RelationshipModel) => gradesOf(relationship),
  recordedAt: (relationship: RelationshipModel) => recordedAtOf(relationship),
});

export const relationshipResolvers: Resolvers = {
  Query: {
    relationship: (_parent, { id }, { loaders }) => loaders.relationshipById.load(id),
  },
  Relationship: {
    __resolveType: (relationship) => RELATIONSHIPS[relationship.type].graphqlType,
  },
  Recruitment: { ...relationshipFields },
  JourneyStop: {
    ...relationshipFields,
    location: (stop, _args, context) => endOf(stop, 'to', context),
  },
  Confinement: { ...relationshipFields },
  Nationality: { ...relationshipFields },
  Operatorship: { ...relationshipFields },
  Membership: { ...relationshipFields },
  Placement: { ...relationshipFields },
  Holding: { ...relationshipFields },
  Transfer: { ...relationshipFields },
  Attribution: { ...relationshipFields },
  Fraud: { ...relationshipFields },
  Targeting: { ...relationshipFields },
  Arrest: { ...relationshipFields },
  Rescue: { ...relationshipFields },
  Conduct: { ...relationshipFields },
  Claim: { ...relationshipFields },
  Association: { ...relationshipFields },
};
