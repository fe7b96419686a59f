import { MAX_INLINE_LIST, MAX_NODES_PER_LOOKUP } from '../config/index.js';
import { badUserInput } from '../errors/index.js';
import type { EntityKind, Resolvers } from '../generated/graphql.js';
import { checkProvenanceFilter, encodeCursor, type RelationshipPageArgs } from '../graph/index.js';
import type { EntityLabel, EntityModel, GradeModel, RelationshipType } from '../model/index.js';
import type { RequestContext } from '../server/context.js';
import { afterCursor, asUserInput, pageInfo, pageSize } from './pagination.js';

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

/** Roles allowed to read protected identity fields (legal names, phones, document numbers). */
const PROTECTED_FIELD_READERS = new Set(['investigator', 'editor', 'admin']);

/** Parses stored grades (`B2`) beside their source ids. */
export function gradesOf(fact: { sourceIds: string[]; grades: string[] }): GradeModel[] {
  return fact.sourceIds.map((sourceId, i) => {
    const code = fact.grades[i] ?? 'F6';
    return { sourceId, code, reliability: code.slice(0, 1), credibility: Number(code.slice(1)) };
  });
}

export async function sourcesOf(fact: { sourceIds: string[] }, { loaders }: RequestContext): Promise<EntityModel[]> {
  const sources = await loaders.entityById.loadMany(fact.sourceIds);
  return sources.filter((s): s is EntityModel => s !== null && !(s instanceof Error));
}

/** A fixed, unpaginated view of one kind of relationship (nationalities, journey stops...). */
function inlineRelationships(context: RequestContext, entityId: string, direction: 'OUTGOING' | 'INCOMING', type: RelationshipType) {
  const args: RelationshipPageArgs = { direction, types: [type], provenance: null, first: MAX_INLINE_LIST, afterSortKey: null };
  return context.loaders.relationshipPage.load({ entityId, args });
}

/** Fields every entity type has, resolved the same way. */
const entityFields = {
  kind: (entity: EntityModel) => KIND_OF_LABEL[entity.label],
  sources: (entity: EntityModel, _args: unknown, context: RequestContext) => sourcesOf(entity, context),
  grades: (entity: EntityModel) => gradesOf(entity),
  relationships: async (
    entity: EntityModel,
    args: { direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null; types?: RelationshipType[] | null; provenance?: RelationshipPageArgs['provenance']; first?: number | null; after?: string | null },
    { loaders }: RequestContext,
  ) => {
    const first = pageSize(args.first);
    const cursor = afterCursor(args.after);
    const filter = { direction: args.direction ?? 'BOTH', types: args.types ?? [], provenance: args.provenance ?? null };
    await asUserInput(async () => checkProvenanceFilter(filter.provenance));
    const page = await loaders.relationshipPage.load({ entityId: entity.id, args: { ...filter, first, afterSortKey: cursor ? String(cursor.value) : null } });
    const edges = page.edges.map((edge) => ({ ...edge, cursor: encodeCursor(edge.relationship.sortKey, edge.relationship.id) }));
    return { edges, pageInfo: pageInfo(edges, page.hasNextPage), totalCount: () => loaders.relationshipCount.load({ entityId: entity.id, args: filter }) };
  },
};

export const entityResolvers: Resolvers = {
  Query: {
    node: (_parent, { id }, { loaders }) => loaders.entityById.load(id),
    nodes: async (_parent, { ids }, { loaders }) => {
      if (ids.length > MAX_NODES_PER_LOOKUP) {
        throw badUserInput(`nodes(ids) accepts at most ${MAX_NODES_PER_LOOKUP} ids; got ${ids.length}. Split the lookup.`, 'ids');
      }
      const results = await loaders.entityById.loadMany(ids);
      return results.map((result) => {
        if (result instanceof Error) throw result;
        return result;
      });
    },
  },
  Entity: {
    __resolveType: (entity) => entity.label,
  },
  Person: {
    ...entityFields,
    protected: (person, _args, { viewer }) => (PROTECTED_FIELD_READERS.has(viewer.role) ? person : null),
    nationalities: async (person, _args, context) => (await inlineRelationships(context, person.id, 'OUTGOING', 'NATIONAL_OF')).edges.map((e) => e.other),
    journey: async (person, _args, context) => (await inlineRelationships(context, person.id, 'OUTGOING', 'TRAVELLED_TO')).edges.map((e) => e.relationship),
  },
  Organization: { ...entityFields },
  ScamCentre: {
    ...entityFields,
    locations: async (centre, _args, context) => (await inlineRelationships(context, centre.id, 'OUTGOING', 'LOCATED_IN')).edges.map((e) => e.other),
  },
  Location: {
    ...entityFields,
    partOf: async (location, _args, context) => (await inlineRelationships(context, location.id, 'OUTGOING', 'LOCATED_IN')).edges.map((e) => e.other),
  },
  Account: { ...entityFields },
  Operation: { ...entityFields },
  Source: { ...entityFields },
  Grade: {
    source: (grade, _args, { loaders }) => loaders.entityById.load(grade.sourceId),
  },
  RelationshipConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  RelationshipEdge: {
    node: (edge) => edge.relationship,
  },
};
