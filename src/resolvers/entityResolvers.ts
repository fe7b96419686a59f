import { MAX_NODES_PER_LOOKUP } from '../config/index.js';
import { badUserInput } from '../errors/index.js';
import type { EntityKind, Resolvers } from '../generated/graphql.js';
import type { EntityLabel, EntityModel } from '../model/index.js';

/** Neo4j label → GraphQL kind. */
export const KIND_OF_LABEL: Record<EntityLabel, EntityKind> = {
  Person: 'PERSON',
  Organization: 'ORGANIZATION',
  ScamCentre: 'SCAM_CENTRE',
  Location: 'LOCATION',
  Account: 'ACCOUNT',
  Operation: 'OPERATION',
  Source: 'SOURCE',
};

export const entityResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, { loaders }) => loaders.entityById.load(id),
    nodes: (_parent, { ids }, { loaders }) => {
      if (ids.length > MAX_NODES_PER_LOOKUP) {
        throw badUserInput(`nodes(ids) accepts at most ${MAX_NODES_PER_LOOKUP} ids; got ${ids.length}. Split the lookup.`, 'ids');
      }
      return loaders.entityById.loadMany(ids).then((results) =>
        results.map((result) => {
          if (result instanceof Error) throw result;
          return result;
        }),
      );
    },
  },
  Entity: {
    __resolveType: (entity) => entity.label,
  },
  Person: { kind: kindOf },
  Organization: { kind: kindOf },
  ScamCentre: { kind: kindOf },
  Location: { kind: kindOf },
  Account: { kind: kindOf },
  Operation: { kind: kindOf },
  Source: { kind: kindOf },
};

function kindOf(entity: EntityModel): EntityKind {
  return KIND_OF_LABEL[entity.label];
}
