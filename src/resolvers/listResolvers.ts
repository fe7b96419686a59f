import type { GraphQLResolveInfo } from 'graphql';
import { checkBoundingBox } from './geography.js';
import type { Resolvers } from '../generated/graphql.js';
import {
  countEntities, countTransfers, entityFilterConditions, KeysetEdge, listEntities, listTransfers, SORT_EXPRESSIONS,
  type TransferListQuery,
} from '../graph/index.js';
import type { EntityConnectionModel, EntityLabel, EntityModel, TransferConnectionModel } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { withLens } from '../policy/index.js';
import { planForEntityList, transferListReads } from './lookahead/index.js';
import { timeLensOf, type TimeLensArgs } from './timeLens.js';
import { pageWindow, windowDirection, windowPage } from './pagination.js';
import { dateRange, timeWindow } from './timeWindow.js';

interface ListArgs extends TimeLensArgs {
  filter?: object | null;
  orderBy?: { field?: string | null; direction?: 'ASC' | 'DESC' | null } | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * One page of a kind, keyset-paginated, with the nested relationship pages the selection asks for
 * in the same statement; the entities also fill the request's entity cache.
 */
async function entityList(label: EntityLabel, args: ListArgs, { db, loaders, lookAhead }: RequestContext, info: GraphQLResolveInfo): Promise<EntityConnectionModel> {
  const orderField = args.orderBy?.field ?? 'NAME';
  const orderDirection = args.orderBy?.direction ?? 'ASC';
  // Cursors belong to this kind's list in this order (a cursor of another is BAD_USER_INPUT).
  const scope = `${label}:${orderField}:${orderDirection}`;
  const window = pageWindow(args, scope);
  // Through a time lens (asOf, knownAsOf), the list and everything below it is that date's graph.
  const lens = timeLensOf(args);
  const visibility = withLens(loaders.visibility, lens);
  const ahead = planForEntityList(info, `${label}Connection`, `${label}Edge`, { lookAhead }, lens);
  const filter = args.filter as Record<string, unknown> | null | undefined;
  // An operation active from after it was active until selects nothing: a mistake, said so.
  dateRange(filter?.['activeSince'] as string | null | undefined, filter?.['activeUntil'] as string | null | undefined, 'filter.activeSince', 'filter.activeUntil');
  if (filter?.['within']) checkBoundingBox(filter['within'] as { south: number; west: number; north: number; east: number }, 'filter.within');
  const { conditions, patterns, params, labelsAnyOf } = entityFilterConditions(label, filter);
  const sort = SORT_EXPRESSIONS[orderField] ?? SORT_EXPRESSIONS['NAME'];
  const page = await listEntities(db, {
    label, conditions, patterns, params, labelsAnyOf, first: window.size, after: window.cursor,
    sortExpression: sort?.expression ?? 'n.name',
    sortAlwaysSet: sort?.alwaysSet ?? true,
    direction: windowDirection(orderDirection, window),
    prefetch: ahead.plan,
    countTotal: ahead.countTotal,
    properties: ahead.properties,
  }, visibility);
  loaders.rememberEntities(page.rows.map((row) => row.entity));
  const edges = page.rows.map(({ entity, sortValue }) => new KeysetEdge(entity, sortValue, entity.id, scope));
  const counted = page.totalCount;
  return { ...windowPage(edges, page.hasNextPage, window), totalCount: async () => counted ?? countEntities(db, { label, conditions, patterns, params, labelsAnyOf }, visibility) };
}

/** The accounts at both ends of a page's transfers (a loop: flatMap cost a light page 1 % of its server time). */
function endsOf(rows: ReadonlyArray<{ from: EntityModel; to: EntityModel }>): EntityModel[] {
  const ends: EntityModel[] = [];
  for (const row of rows) ends.push(row.from, row.to);
  return ends;
}

const totalCount = { totalCount: (connection: { totalCount: () => Promise<number> }) => connection.totalCount() };

export const listResolvers: Resolvers = {
  Query: {
    people: (_parent, args, context, info) => entityList('Person', args, context, info),
    organizations: (_parent, args, context, info) => entityList('Organization', args, context, info),
    scamCentres: (_parent, args, context, info) => entityList('ScamCentre', args, context, info),
    locations: (_parent, args, context, info) => entityList('Location', args, context, info),
    accounts: (_parent, args, context, info) => entityList('Account', args, context, info),
    operations: (_parent, args, context, info) => entityList('Operation', args, context, info),
    sources: (_parent, args, context, info) => entityList('Source', args, context, info),
    transfers: async (_parent, args, { db, loaders, lookAhead }, info): Promise<TransferConnectionModel> => {
      const scope = `Transfer:${args.orderBy?.field ?? 'AT'}:${args.orderBy?.direction ?? 'ASC'}`;
      const window = pageWindow(args, scope);
      const filter = args.filter ?? {};
      const span = timeWindow(filter.since, filter.until, 'filter.');
      const query: TransferListQuery = {
        from: filter.from ?? null,
        to: filter.to ?? null,
        since: span.since,
        until: span.until,
        minAmountUsd: filter.minAmountUsd ?? null,
        maxAmountUsd: filter.maxAmountUsd ?? null,
        currency: filter.currency ?? null,
        provenance: filter.provenance ?? null,
        sort: args.orderBy?.field ?? 'AT',
        direction: windowDirection(args.orderBy?.direction ?? 'ASC', window),
        first: window.size,
        after: window.cursor,
      };
      const visibility = withLens(loaders.visibility, timeLensOf(args));
      const { countTotal, ...reads } = transferListReads(info, { lookAhead });
      const page = await listTransfers(db, { ...query, reads, countTotal }, visibility);
      // Accounts read whole fill the request's cache; projected ones serve only this spot.
      loaders.rememberEntities(endsOf(page.rows));
      const edges = page.rows.map(({ transfer, sortValue }) => new KeysetEdge(transfer, sortValue, transfer.id, scope));
      const counted = page.totalCount;
      return { ...windowPage(edges, page.hasNextPage, window), totalCount: async () => counted ?? countTransfers(db, query, visibility) };
    },
  },
  PersonConnection: totalCount,
  OrganizationConnection: totalCount,
  ScamCentreConnection: totalCount,
  LocationConnection: totalCount,
  AccountConnection: totalCount,
  OperationConnection: totalCount,
  SourceConnection: totalCount,
  TransferConnection: totalCount,
};
