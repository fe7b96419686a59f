import {
  BROKERS_MAX_DEPTH, BROKERS_MAX_RELATIONSHIPS, COMMON_CONNECTIONS_MAX_HOPS, COMMON_CONNECTIONS_MAX_IDS, DEFAULT_HUB_DEGREE,
  MONEY_TRAIL_MAX_ACCOUNTS, MONEY_TRAIL_MAX_HOPS, NEIGHBOURHOOD_MAX_DEPTH, NEIGHBOURHOOD_MAX_LIMIT, PATHS_MAX_HOPS, PATHS_MAX_K,
  SEARCH_MAX_HITS, SEARCH_MAX_TEXT,
} from '../config/index.js';
import { rankByBetweennessBefore } from '../analysis/index.js';
import { badUserInput, notFound } from '../errors/index.js';
import type { EntityKind, Resolvers, TraversalFilter as TraversalFilterInput } from '../generated/graphql.js';
import {
  checkProvenanceFilter, countRecruitmentCorridors, countScamCentresByCountry, countVictimsByNationality, findCommonConnections,
  findNeighbourhood, findShortestPaths, followMoney, loadBrokerEdges, searchEntities, sumFlowsByCurrencyAndMonth,
  type TraversalFilter,
} from '../graph/index.js';
import type { EntityLabel, EntityModel, PathModel } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { KIND_OF_LABEL } from './entityResolvers.js';
import { corridorPage, flowPage, nationalityPage, scamCentrePage, wholeMonths } from './dashboards.js';
import { moneyTrailReads, pathReads } from './lookahead/index.js';
import { timeWindow } from './timeWindow.js';
import { withLens } from '../policy/index.js';
import { lensPhrase, timeLensOf } from './timeLens.js';

/** With a kind filter, how many ranked candidates to look up per broker asked for. */
const BROKER_CANDIDATES_PER_SLOT = 10;

const LABEL_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_LABEL).map(([label, kind]) => [kind, label])) as Record<EntityKind, EntityLabel>;

/** An integer argument within its cap, or BAD_USER_INPUT naming the limit. */
function bounded(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badUserInput(`${name} must be from ${min} to ${max} (got ${v})`, name);
  return v;
}


function traversalFilter(input: TraversalFilterInput | null | undefined): TraversalFilter | null {
  if (!input) return null;
  try {
    checkProvenanceFilter(input.provenance);
  } catch (error) {
    if (error instanceof Error && 'field' in error) throw badUserInput(`filter.${error.message}`, 'filter.provenance');
    throw error;
  }
  const { since, until } = timeWindow(input.since, input.until, 'filter.');
  if (input.maxDegree !== null && input.maxDegree !== undefined) bounded('filter.maxDegree', input.maxDegree, DEFAULT_HUB_DEGREE, 1, 1_000_000);
  return {
    relationshipTypes: input.relationshipTypes ?? null,
    includeLabels: input.includeKinds?.map((k) => LABEL_OF_KIND[k]) ?? null,
    excludeLabels: input.excludeKinds?.map((k) => LABEL_OF_KIND[k]) ?? null,
    since,
    until,
    provenance: input.provenance ?? null,
    includeHubs: input.includeHubs ?? false,
    maxDegree: input.maxDegree ?? null,
  };
}

async function requireEntity(id: string, context: RequestContext, argument: string): Promise<EntityModel> {
  const entity = await context.loaders.entityById.load(id);
  if (!entity) throw notFound(`${argument}: no entity has id "${id}"`);
  return entity;
}

function primePaths(paths: PathModel[], { loaders }: RequestContext): PathModel[] {
  for (const path of paths) loaders.rememberEntities(path.nodes);
  return paths;
}

export const investigationResolvers: Resolvers = {
  Query: {
    paths: async (_p, args, context, info) => {
      const k = bounded('k', args.k, 3, 1, PATHS_MAX_K);
      const maxHops = bounded('maxHops', args.maxHops, 4, 1, PATHS_MAX_HOPS);
      const filter = traversalFilter(args.filter);
      if (args.from === args.to) throw badUserInput('from and to must be different entities', 'to');
      const lens = timeLensOf(args);
      // The ends are checked in the path query's own round trip; only the properties the selection
      // reads come back (whole maps of every node and relationship were half the statement's cost).
      const found = await findShortestPaths(
        context.db, { from: args.from, to: args.to, k, maxHops, filter }, withLens(context.loaders.visibility, lens), 'entered', pathReads(info, context),
      );
      if (!found.fromFound) throw notFound(`from: no entity has id "${args.from}"${lensPhrase(lens)}`);
      if (!found.toFound) throw notFound(`to: no entity has id "${args.to}"${lensPhrase(lens)}`);
      return primePaths(found.paths, context);
    },
    neighbourhood: async (_p, args, context) => {
      const depth = bounded('depth', args.depth, 1, 1, NEIGHBOURHOOD_MAX_DEPTH);
      const limit = bounded('limit', args.limit, 100, 1, NEIGHBOURHOOD_MAX_LIMIT);
      const lens = timeLensOf(args);
      const subgraph = await findNeighbourhood(context.db, { id: args.id, depth, limit, filter: traversalFilter(args.filter) }, withLens(context.loaders.visibility, lens));
      if (!subgraph) throw notFound(`id: no entity has id "${args.id}"${lensPhrase(lens)}`);
      context.loaders.rememberEntities(subgraph.nodes);
      return subgraph;
    },
    moneyTrail: async (_p, args, context, info) => {
      const maxHops = bounded('maxHops', args.maxHops, 4, 1, MONEY_TRAIL_MAX_HOPS);
      const maxAccounts = bounded('maxAccounts', args.maxAccounts, 200, 1, MONEY_TRAIL_MAX_ACCOUNTS);
      if (args.minAmountUsd !== null && args.minAmountUsd !== undefined && args.minAmountUsd < 0) throw badUserInput(`minAmountUsd must be 0 or more (got ${args.minAmountUsd})`, 'minAmountUsd');
      const window = timeWindow(args.since, args.until);
      const lens = timeLensOf(args);
      // The account is looked up in the trail's own round trip.
      const { origin, trail } = await followMoney(context.db, {
        accountId: args.accountId,
        direction: args.direction ?? 'DOWNSTREAM',
        maxHops,
        maxAccounts,
        ...window,
        minAmountUsd: args.minAmountUsd ?? null,
        // Only the properties the selection reads come back (the floor returns ids; a full map per
        // transfer and account was most of this query's cost).
        reads: moneyTrailReads(info, context),
      }, withLens(context.loaders.visibility, lens));
      if (!origin) throw notFound(`accountId: no entity has id "${args.accountId}"${lensPhrase(lens)}`);
      if (!trail) throw badUserInput(`accountId "${args.accountId}" is a ${origin.label}, not an Account`, 'accountId');
      // A projected account holds only what this selection reads: it is not remembered.
      context.loaders.rememberEntities([origin, ...trail.accounts.map((account) => account.account)]);
      return trail;
    },
    commonConnections: async (_p, args, context) => {
      const ids = [...new Set(args.ids)];
      if (ids.length < 2 || ids.length > COMMON_CONNECTIONS_MAX_IDS) throw badUserInput(`ids must name 2 to ${COMMON_CONNECTIONS_MAX_IDS} different entities (got ${ids.length})`, 'ids');
      const minShared = bounded('minShared', args.minShared, ids.length, 2, ids.length);
      const maxHops = bounded('maxHops', args.maxHops, 2, 1, COMMON_CONNECTIONS_MAX_HOPS);
      const first = bounded('first', args.first, 20, 1, 100);
      await Promise.all(ids.map((id) => requireEntity(id, context, 'ids')));
      const { connections, skippedHubs } = await findCommonConnections(context.db, { ids, minShared, maxHops, first, filter: traversalFilter(args.filter) }, context.loaders.visibility);
      for (const c of connections) {
        context.loaders.rememberEntities([c.entity]);
        primePaths(c.links, context);
      }
      context.loaders.rememberEntities(skippedHubs.map((hub) => hub.entity));
      return { connections, skippedHubs };
    },
    search: async (_p, args, context) => {
      const text = args.text.trim();
      if (text.length === 0 || text.length > SEARCH_MAX_TEXT) throw badUserInput(`text must be 1 to ${SEARCH_MAX_TEXT} characters (got ${text.length})`, 'text');
      const first = bounded('first', args.first, 10, 1, SEARCH_MAX_HITS);
      const hits = await searchEntities(context.db, { text, labels: args.kinds?.map((k) => LABEL_OF_KIND[k]) ?? null, first }, context.loaders.visibility);
      context.loaders.rememberEntities(hits.map((hit) => hit.entity));
      return hits;
    },
    // Dashboards are aggregates for every role, never entity lists; below investigator, small
    // buckets (and what would reveal them) are suppressed (src/policy/suppression.ts).
    victimsByNationality: async (_p, args, { db, loaders }) =>
      nationalityPage(await countVictimsByNationality(db), loaders.visibility, { nationalities: args.nationalities }, args),
    recruitmentCorridors: async (_p, args, { db, loaders }) =>
      corridorPage(await countRecruitmentCorridors(db), loaders.visibility, { origins: args.origins, destinations: args.destinations, via: args.via }, args),
    scamCentresByCountry: async (_p, args, { db, loaders }) =>
      scamCentrePage(await countScamCentresByCountry(db), loaders.visibility, { countries: args.countries, statuses: args.statuses }, args),
    flowsByCurrencyAndMonth: async (_p, args, { db, loaders }) => {
      const window = timeWindow(args.since, args.until);
      // Below investigator a window is widened to whole months: two windows a day apart would otherwise differ by a small bucket.
      const published = loaders.visibility.exactAggregates ? window : wholeMonths(window);
      return flowPage(await sumFlowsByCurrencyAndMonth(db, published), loaders.visibility, { currencies: args.currencies }, args);
    },
    brokers: async (_p, args, context) => {
      const first = bounded('first', args.first, 20, 1, 100);
      let links: Array<readonly [string, string]>;
      let sampled: boolean;
      if (args.around) {
        const depth = bounded('depth', args.depth, 3, 1, BROKERS_MAX_DEPTH);
        const subgraph = await findNeighbourhood(context.db, { id: args.around, depth, limit: NEIGHBOURHOOD_MAX_LIMIT, filter: null }, context.loaders.visibility);
        if (!subgraph) throw notFound(`around: no entity has id "${args.around}"`);
        links = subgraph.relationships.map((r) => [r.fromId, r.toId] as const);
        sampled = subgraph.truncated;
      } else {
        const loaded = await loadBrokerEdges(context.db, BROKERS_MAX_RELATIONSHIPS, DEFAULT_HUB_DEGREE, context.loaders.visibility);
        links = loaded.edges;
        sampled = loaded.capped;
      }
      // Off the event loop above a size, and stopped at the request's deadline.
      const ranking = await rankByBetweennessBefore(links, context.deadlineAt);
      const labels = args.kinds?.map((k) => LABEL_OF_KIND[k]) ?? null;
      const candidates = [...ranking.entries()].sort((a, b) => b[1].betweenness - a[1].betweenness || b[1].degree - a[1].degree || a[0].localeCompare(b[0]));
      // One batched lookup for the leading candidates; more when a kind filter will drop some.
      const leading = candidates.slice(0, labels ? first * BROKER_CANDIDATES_PER_SLOT : first);
      const entities = await context.loaders.entityById.loadMany(leading.map(([id]) => id));
      const brokers = [];
      for (const [i, [, score]] of leading.entries()) {
        const entity = entities[i];
        if (!entity || entity instanceof Error || (labels && !labels.includes(entity.label))) continue;
        if (brokers.length < first) brokers.push({ entity, ...score });
      }
      return { brokers, nodeCount: ranking.size, relationshipCount: links.length, sampled };
    },
  },
  Path: {
    length: (path) => path.steps.length,
    relationships: (path) => path.steps.map((step) => step.relationship),
  },
  NationalityCount: {
    country: (bucket, _args, { loaders }) => (bucket.countryId ? loaders.entityById.load(bucket.countryId) : null),
  },
};
