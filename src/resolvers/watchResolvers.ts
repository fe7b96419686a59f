import { auditedWrite } from '../audit/index.js';
import { MAX_ALERTS_PER_ACKNOWLEDGEMENT, MAX_WATCH_RULES_PER_SUBJECT } from '../config/index.js';
import type { RequestContext } from '../context/index.js';
import { forbidden, notFound, unauthenticated } from '../errors/index.js';
import type { Resolvers } from '../generated/graphql.js';
import {
  acknowledgeAlert, countWatchRules, createWatchRule, deleteWatchRule, encodeCursor, findAlertPage, findAlertsByIds, findWatchRulesByIds, listWatchRules,
  roleSeesVictims,
} from '../graph/index.js';
import type { AlertModel, EntityModel, RelationshipModel } from '../model/index.js';
import { InputError, validateWatchRuleInput, type WatchRuleInputFields } from '../validation/index.js';
import { raisedAlertsOf } from '../watch/index.js';
import { afterCursor, pageInfo, pageSize } from './pagination.js';

/** Alert cursors carry the alert's raisedAt and id. */
const ALERT_CURSOR_SCOPE = 'alerts';

/**
 * Watch rules and alerts belong to the subject of the request's token. An anonymous request (a
 * server with an anonymous role) has no subject to keep them for: refused, saying what to send.
 */
function subjectOf(context: RequestContext): string {
  const { subject } = context.viewer;
  if (subject === undefined) {
    throw unauthenticated('Watch rules and alerts belong to the subject of a token: send Authorization: Bearer <token> (a JSON Web Token whose sub names you).');
  }
  return subject;
}

/**
 * The alerts as the request's role sees them: each with its rule and its facts read through the
 * request's loaders (built for its role, src/loaders). An alert one of whose facts is hidden from the
 * role, or gone, is left out whole: a viewer must not learn from an alert that a hidden fact exists.
 * One batched read for the rules and one per kind of fact, whatever the number of alerts.
 */
async function showAlerts(context: RequestContext, alerts: readonly AlertModel[]): Promise<AlertModel[]> {
  if (alerts.length === 0) return [];
  const { loaders } = context;
  const [rules, relationships, entities] = await Promise.all([
    findWatchRulesByIds(context.db, alerts.map((alert) => alert.ruleId)),
    loaders.relationshipById.loadMany([...new Set(alerts.flatMap((alert) => alert.relationshipIds))]),
    loaders.entityById.loadMany([...new Set(alerts.flatMap((alert) => alert.entityIds))]),
  ]);
  const relationshipById = new Map<string, RelationshipModel>();
  for (const relationship of relationships) if (relationship && !(relationship instanceof Error)) relationshipById.set(relationship.id, relationship);
  const entityById = new Map<string, EntityModel>();
  for (const entity of entities) if (entity && !(entity instanceof Error)) entityById.set(entity.id, entity);
  const shown: AlertModel[] = [];
  for (const alert of alerts) {
    const rule = rules.get(alert.ruleId);
    const facts = {
      relationships: alert.relationshipIds.map((id) => relationshipById.get(id)),
      entities: alert.entityIds.map((id) => entityById.get(id)),
    };
    if (!rule || rule.owner !== alert.owner || facts.relationships.includes(undefined) || facts.entities.includes(undefined)) continue;
    shown.push({ ...alert, shown: { rule, relationships: facts.relationships as RelationshipModel[], entities: facts.entities as EntityModel[] } });
  }
  return shown;
}

/** One alert of the subject's, as the role sees it; undefined when it is unknown, another's, or not to be shown. */
async function showAlert(context: RequestContext, owner: string, id: string): Promise<AlertModel | undefined> {
  const alert = (await findAlertsByIds(context.db, owner, [id])).get(id);
  return alert ? (await showAlerts(context, [alert]))[0] : undefined;
}

const noAlert = (id: string) => notFound(`No alert of yours has id ${JSON.stringify(id)}: list yours with alerts(status, first, after).`);

async function checkTarget(context: RequestContext, field: 'accountId' | 'entityId', id: string | null): Promise<void> {
  if (id === null) return;
  // Through the request's loaders: an id hidden from the role is refused exactly as an unknown one.
  const entity = await context.loaders.entityById.load(id);
  if (field === 'accountId' && entity?.label !== 'Account') throw new InputError('input.accountId', `names no account you may see (${JSON.stringify(id)}): watch an account that exists`);
  if (!entity) throw new InputError('input.entityId', `names no entity you may see (${JSON.stringify(id)}): watch an entity that exists`);
}

export const watchResolvers: Resolvers = {
  Query: {
    watchRules: async (_parent, _args, context) => listWatchRules(context.db, subjectOf(context), MAX_WATCH_RULES_PER_SUBJECT),
    alerts: async (_parent, { status, first, after }, context) => {
      const owner = subjectOf(context);
      const size = pageSize(first);
      const cursor = afterCursor(after, ALERT_CURSOR_SCOPE);
      if (cursor && typeof cursor.value !== 'string') throw new InputError('after', 'is not a cursor of alerts: pass the endCursor of a previous page unchanged');
      const page = await findAlertPage(context.db, owner, status ?? null, size, cursor ? { raisedAt: String(cursor.value), id: cursor.id } : undefined);
      // The cursor follows the page as read, so hidden alerts left out never shift the next page.
      const last = page.alerts.at(-1);
      const shown = await showAlerts(context, page.alerts);
      const edges = shown.map((alert) => ({ cursor: encodeCursor(alert.raisedAt, alert.id, ALERT_CURSOR_SCOPE), node: alert }));
      const info = pageInfo(edges, page.hasNextPage);
      return { edges, pageInfo: last ? { ...info, endCursor: encodeCursor(last.raisedAt, last.id, ALERT_CURSOR_SCOPE) } : info };
    },
  },
  Mutation: {
    createWatchRule: async (_parent, { input }, context) => {
      const owner = subjectOf(context);
      const valid = validateWatchRuleInput(input as WatchRuleInputFields);
      const { role } = context.viewer;
      if (valid.kind === 'NEW_VICTIM_AT_CENTRE_IN_COUNTRY' && !roleSeesVictims(role)) {
        throw forbidden(`Forbidden: victims do not exist for the ${role} role, so it may not watch for them; a NEW_VICTIM_AT_CENTRE_IN_COUNTRY rule needs the analyst role or above.`);
      }
      await checkTarget(context, 'accountId', valid.accountId);
      await checkTarget(context, 'entityId', valid.entityId);
      return auditedWrite(context, 'createWatchRule', { input }, async (tx) => {
        const rules = await countWatchRules(tx, owner);
        if (rules >= MAX_WATCH_RULES_PER_SUBJECT) throw new InputError('input', `would be your rule number ${rules + 1}; at most ${MAX_WATCH_RULES_PER_SUBJECT} are kept per subject: delete one first (deleteWatchRule)`);
        return createWatchRule(tx, { ...valid, owner, ownerRole: role });
      }, (rule) => [rule.id]);
    },
    deleteWatchRule: async (_parent, { id }, context) => {
      const owner = subjectOf(context);
      const deleted = await auditedWrite(context, 'deleteWatchRule', { id }, async (tx) => {
        const outcome = await deleteWatchRule(tx, owner, id);
        // Thrown inside the transaction: nothing, not even the audit record, is written.
        if (!outcome) throw notFound(`No watch rule of yours has id ${JSON.stringify(id)}: list yours with watchRules.`);
        return outcome;
      }, () => [id]);
      return { id, alertsDeleted: deleted.alertsDeleted };
    },
    acknowledgeAlert: async (_parent, { id }, context) => {
      const owner = subjectOf(context);
      // Only an alert the subject may see now can be acknowledged; any other is as unknown.
      const shown = await showAlert(context, owner, id);
      if (!shown) throw noAlert(id);
      const acknowledged = await auditedWrite(context, 'acknowledgeAlert', { id }, async (tx) => {
        const alert = await acknowledgeAlert(tx, owner, id);
        if (!alert) throw noAlert(id);
        return alert;
      }, () => [id]);
      return { ...acknowledged, ...(shown.shown ? { shown: shown.shown } : {}) };
    },
    acknowledgeAlerts: async (_parent, { ids }, context) => {
      const owner = subjectOf(context);
      if (ids.length === 0 || ids.length > MAX_ALERTS_PER_ACKNOWLEDGEMENT) throw new InputError('ids', `must hold 1 to ${MAX_ALERTS_PER_ACKNOWLEDGEMENT} alert ids (got ${ids.length})`);
      const unique = [...new Set(ids)];
      const stored = await findAlertsByIds(context.db, owner, unique);
      const shown = new Map((await showAlerts(context, [...stored.values()])).map((alert) => [alert.id, alert]));
      const missing = unique.find((id) => !shown.has(id));
      if (missing !== undefined) throw noAlert(missing);
      const acknowledged = await auditedWrite(context, 'acknowledgeAlerts', { ids: unique }, async (tx) => {
        const byId = new Map<string, AlertModel>();
        for (const id of unique) {
          const alert = await acknowledgeAlert(tx, owner, id);
          if (!alert) throw noAlert(id);
          byId.set(id, alert);
        }
        return byId;
      }, () => unique);
      return ids.map((id) => ({ ...acknowledged.get(id)!, ...(shown.get(id)?.shown ? { shown: shown.get(id)!.shown! } : {}) }));
    },
  },
  Subscription: {
    alertRaised: {
      subscribe: (_parent, _args, context) => {
        const owner = subjectOf(context);
        return raisedAlertsOf(owner, async (raised) => {
          const alert = await showAlert(context, owner, raised.id);
          return alert ? { alertRaised: alert } : undefined;
        });
      },
    },
  },
  WatchRule: {
    target: (rule, _args, { loaders }) => {
      const id = rule.accountId ?? rule.entityId;
      return id === null ? null : loaders.entityById.load(id);
    },
  },
  Alert: {
    rule: async (alert, _args, context) => alert.shown?.rule ?? (await findWatchRulesByIds(context.db, [alert.ruleId])).get(alert.ruleId)!,
    relationships: (alert) => alert.shown?.relationships ?? [],
    entities: (alert) => alert.shown?.entities ?? [],
  },
};
