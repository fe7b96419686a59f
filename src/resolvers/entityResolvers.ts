import type { GraphQLResolveInfo } from 'graphql';
import { fieldsRead } from '../audit/index.js';
import { MAX_NODES_PER_LOOKUP } from '../config/index.js';
import { badUserInput } from '../errors/index.js';
import type { EntityKind, Resolvers } from '../generated/graphql.js';
import { encodeCursor, findEntitiesByIds, findEntitiesWithPages } from '../graph/index.js';
import { lensKey, protectedPropertiesFor, withLens, type Visibility } from '../policy/index.js';
import { type EntityLabel, type EntityModel, type GradeModel, type PageInfoModel, type PrefetchedPage, type ProtectedFieldsModel, type RelationshipConnectionModel, type RelationshipEdgeModel, type TimeLens } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import {
  INLINE_RELATIONSHIP_FIELDS, RELATIONSHIP_CURSOR_SCOPE, inlinePageArgs, mapMaybe, pageRequest, planForEntities, readsPageInfo, relationshipPageOf, relationshipsFieldRequest,
  type PageRequest, type RelationshipsFieldArgs,
} from './lookahead/index.js';
import { timeLensOf } from './timeLens.js';
import { sharedResolvers } from './sharedResolvers.js';

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

/**
 * Only the properties the domain model marks protected, so nothing else can be reached through this
 * field; null for roles the policy does not let read them (below investigator).
 */
function protectedFieldsOf(entity: EntityModel, visibility: Visibility): ProtectedFieldsModel | null {
  const names = protectedPropertiesFor(visibility, entity.label);
  return names.length === 0 ? null : Object.fromEntries(names.map((name) => [name, entity[name]]));
}

/** When a fact was first recorded (its `createdAt` stamp), or null for one stored before stamps were kept. */
export function recordedAtOf(fact: { [property: string]: unknown }): string | null {
  const stamp = fact['createdAt'];
  return typeof stamp === 'string' ? stamp : null;
}

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

/**
 * A fixed, unpaginated view of one kind of relationship (nationalities, journey stops...), as
 * INLINE_RELATIONSHIP_FIELDS says, through the time lens the entity was read through.
 */
function inlineEdges(typeName: string, field: string) {
  const spec = INLINE_RELATIONSHIP_FIELDS[typeName]?.[field];
  if (!spec) throw new Error(`${typeName}.${field} is not an inline relationship field`);
  const request = pageRequest(inlinePageArgs(spec.type));
  const lensed = new Map<string, PageRequest>();
  const requestFor = (lens: TimeLens) => {
    const key = lensKey(lens);
    let known = lensed.get(key);
    if (!known) lensed.set(key, (known = pageRequest(inlinePageArgs(spec.type, lens))));
    return known;
  };
  return (entity: EntityModel, context: RequestContext) => relationshipPageOf(entity, entity.lens ? requestFor(entity.lens) : request, context);
}
const inlineOthers = (typeName: string, field: string) => {
  const pageOf = inlineEdges(typeName, field);
  return (entity: EntityModel, _args: unknown, context: RequestContext) => mapMaybe(pageOf(entity, context), (page) => page.edges.map((edge) => edge.other));
};
const inlineRelationships = (typeName: string, field: string) => {
  const pageOf = inlineEdges(typeName, field);
  return (entity: EntityModel, _args: unknown, context: RequestContext) => mapMaybe(pageOf(entity, context), (page) => page.edges.map((edge) => edge.relationship));
};

/**
 * Root fields returning entities: with nested relationship pages in the same statement when the
 * selection has any. Through a time lens, read apart from the request's cache (which holds the
 * present graph), and marked with the lens for the fields below.
 */
async function entitiesById(ids: readonly string[], info: GraphQLResolveInfo, { db, loaders, lookAhead }: RequestContext, lens: TimeLens | undefined): Promise<Array<EntityModel | null>> {
  const { plan, properties } = planForEntities(info, { lookAhead }, lens);
  if (lens) {
    const visibility = withLens(loaders.visibility, lens);
    const byId = plan.size === 0 ? await findEntitiesByIds(db, ids, visibility) : await findEntitiesWithPages(db, ids, plan, visibility, properties);
    return ids.map((id) => byId.get(id) ?? null);
  }
  if (plan.size === 0) {
    const results = await loaders.entityById.loadMany(ids);
    return results.map((result) => {
      if (result instanceof Error) throw result;
      return result;
    });
  }
  // Projected roots (the selection reads few properties) serve this field only: not remembered.
  const byId = await findEntitiesWithPages(db, ids, plan, loaders.visibility, properties);
  loaders.rememberEntities(byId.values());
  return ids.map((id) => byId.get(id) ?? null);
}

const cursorOf = (edge: RelationshipEdgeModel) => encodeCursor(edge.relationship.sortKey, edge.relationship.id, RELATIONSHIP_CURSOR_SCOPE);

/**
 * An entity's `relationships` connection over one page. A class, not an object literal with getters
 * and closures: the field resolves once per entity of a tree (hundreds per request), and each
 * literal cost a closure context, two getters and two functions (a sixth of what a four-level tree
 * allocated per request). Page info and the total are worked out only when read.
 */
class RelationshipsOfEntity implements RelationshipConnectionModel {
  readonly edges: RelationshipEdgeModel[];
  constructor(
    private readonly entityId: string,
    private readonly request: PageRequest,
    private readonly page: PrefetchedPage,
    private readonly context: RequestContext,
  ) {
    this.edges = page.edges;
  }

  private info: PageInfoModel | undefined;

  get pageInfo(): PageInfoModel {
    return (this.info ??= new PageInfoOfPage(this.request.args, this.page));
  }

  totalCount(): Promise<number> {
    const { direction, types, provenance, asOf, knownAsOf } = this.request.args;
    const counted = this.page.totalCount;
    return typeof counted === 'number' ? Promise.resolve(counted) : this.context.loaders.relationshipCount.load({ entityId: this.entityId, args: { direction, types, provenance, asOf, knownAsOf } });
  }
}

/** Backwards, the statement's "more" lies before the page, and the cursor's item after it; cursors encoded only when read. */
class PageInfoOfPage implements PageInfoModel {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  constructor(args: PageRequest['args'], private readonly page: PrefetchedPage) {
    this.hasNextPage = args.backward ? args.afterSortKey !== null : page.hasNextPage === true;
    this.hasPreviousPage = args.backward ? page.hasNextPage === true : false;
  }

  get startCursor(): string | null {
    const first = this.page.edges[0];
    return first ? cursorOf(first) : null;
  }

  get endCursor(): string | null {
    const last = this.page.edges[this.page.edges.length - 1];
    return last ? cursorOf(last) : null;
  }
}

/** Fields every entity type has, resolved the same way (one function for every type). */
const entityFields = sharedResolvers({
  kind: (entity: EntityModel) => KIND_OF_LABEL[entity.label],
  sources: (entity: EntityModel, _args: unknown, context: RequestContext) => sourcesOf(entity, context),
  grades: (entity: EntityModel) => gradesOf(entity),
  recordedAt: (entity: EntityModel) => recordedAtOf(entity),
  relationships: (entity: EntityModel, fieldArgs: RelationshipsFieldArgs, context: RequestContext, info: GraphQLResolveInfo) => {
    let request: PageRequest;
    try {
      request = relationshipsFieldRequest(fieldArgs, info, entity.lens);
    } catch (error) {
      // Rejected, not thrown: graphql-js 16 abandons the promises of a list's earlier items when a
      // later item throws synchronously through non-null fields, and their rejections would go
      // unhandled (which ends a Node process).
      return Promise.reject(error);
    }
    const page = relationshipPageOf(entity, request, context, readsPageInfo(info));
    return page instanceof Promise ? page.then((loaded) => new RelationshipsOfEntity(entity.id, request, loaded, context)) : new RelationshipsOfEntity(entity.id, request, page, context);
  },
});

export const entityResolvers: Resolvers = {
  Query: {
    node: async (_parent, { id, ...lensArgs }, context, info) => (await entitiesById([id], info, context, timeLensOf(lensArgs)))[0] ?? null,
    nodes: async (_parent, { ids, ...lensArgs }, context, info) => {
      if (ids.length > MAX_NODES_PER_LOOKUP) {
        throw badUserInput(`nodes(ids) accepts at most ${MAX_NODES_PER_LOOKUP} ids; got ${ids.length}. Split the lookup.`, 'ids');
      }
      return entitiesById(ids, info, context, timeLensOf(lensArgs));
    },
  },
  Entity: {
    __resolveType: (entity) => entity.label,
  },
  Person: {
    ...entityFields,
    protected: (person, _args, { loaders, audit }, info) => {
      const fields = protectedFieldsOf(person, loaders.visibility);
      // Recorded before it is returned; the audit plugin writes it before the response leaves.
      if (fields !== null) audit.protectedRead(person.id, fieldsRead(info));
      return fields;
    },
    nationalities: inlineOthers('Person', 'nationalities'),
    journey: inlineRelationships('Person', 'journey'),
  },
  Organization: { ...entityFields },
  ScamCentre: {
    ...entityFields,
    locations: inlineOthers('ScamCentre', 'locations'),
  },
  Location: {
    ...entityFields,
    partOf: inlineOthers('Location', 'partOf'),
  },
  Account: {
    ...entityFields,
    locations: inlineOthers('Account', 'locations'),
  },
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
    cursor: (edge) => cursorOf(edge),
  },
};
