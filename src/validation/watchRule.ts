import { MAX_WATCH_RULE_NAME_LENGTH, MAX_WATCH_RULE_RELATIONSHIP_TYPES } from '../config/index.js';
import { countryCodeProblem, isRelationshipType, WATCH_RULE_KINDS, type RelationshipType, type WatchRuleFields, type WatchRuleKind } from '../model/index.js';
import { InputError } from './inputError.js';
import { MAX_ID_LENGTH } from './validateInput.js';

/** A rule's fields as the client sent them (`createWatchRule(input)`). */
export interface WatchRuleInputFields {
  kind: string;
  name?: string | null | undefined;
  accountId?: string | null | undefined;
  entityId?: string | null | undefined;
  relationshipTypes?: readonly string[] | null | undefined;
  countryCode?: string | null | undefined;
  minAmountUsd?: number | null | undefined;
}

/** A rule that passed every check of its form (not yet whether the ids it names exist for the role). */
export type ValidWatchRule = WatchRuleFields;

type KindField = 'accountId' | 'entityId' | 'relationshipTypes' | 'countryCode' | 'minAmountUsd';
const KIND_FIELDS: readonly KindField[] = ['accountId', 'entityId', 'relationshipTypes', 'countryCode', 'minAmountUsd'];

/** Which fields each kind needs and which it may take: the rule input is a tagged union, checked here (graphql 16 has no @oneOf). */
const FIELDS_OF_KIND: Record<WatchRuleKind, { required: readonly KindField[]; optional: readonly KindField[] }> = {
  TRANSFER_ON_ACCOUNT: { required: ['accountId'], optional: [] },
  NEW_LINK_TO_ENTITY: { required: ['entityId'], optional: ['relationshipTypes'] },
  NEW_VICTIM_AT_CENTRE_IN_COUNTRY: { required: ['countryCode'], optional: [] },
  LARGE_INFLOW_TO_ACCOUNT_LINKED_TO_FLAGGED: { required: ['minAmountUsd'], optional: [] },
};

const given = (value: unknown) => value !== null && value !== undefined;

/**
 * Checks a rule's form: its kind's fields are there, no other kind's field is, and each is well formed.
 * Errors name the field (`input.accountId`) and say what the kind expects.
 */
export function validateWatchRuleInput(input: WatchRuleInputFields): ValidWatchRule {
  const kind = input.kind as WatchRuleKind;
  if (!WATCH_RULE_KINDS.includes(kind)) throw new InputError('input.kind', `must be one of ${WATCH_RULE_KINDS.join(', ')} (got ${JSON.stringify(input.kind)})`);
  const { required, optional } = FIELDS_OF_KIND[kind];
  for (const field of required) {
    if (!given(input[field])) throw new InputError(`input.${field}`, `is required for a ${kind} rule`);
  }
  for (const field of KIND_FIELDS) {
    if (given(input[field]) && !required.includes(field) && !optional.includes(field)) {
      const takes = [...required, ...optional].join(', ');
      throw new InputError(`input.${field}`, `is not a field of a ${kind} rule, which takes ${takes}: leave it out`);
    }
  }
  const name = input.name ?? null;
  if (name !== null && (name.trim() === '' || name.length > MAX_WATCH_RULE_NAME_LENGTH)) {
    throw new InputError('input.name', `must be 1 to ${MAX_WATCH_RULE_NAME_LENGTH} characters, not blank`);
  }
  for (const field of ['accountId', 'entityId'] as const) {
    const id = input[field];
    if (given(id) && (id!.trim() === '' || id!.length > MAX_ID_LENGTH)) throw new InputError(`input.${field}`, `must be an id of 1 to ${MAX_ID_LENGTH} characters`);
  }
  let relationshipTypes: RelationshipType[] | null = null;
  if (given(input.relationshipTypes)) {
    const types = [...new Set(input.relationshipTypes)];
    if (types.length === 0 || types.length > MAX_WATCH_RULE_RELATIONSHIP_TYPES) {
      throw new InputError('input.relationshipTypes', `must list 1 to ${MAX_WATCH_RULE_RELATIONSHIP_TYPES} relationship types, or be left out for every type`);
    }
    const unknown = types.find((type) => !isRelationshipType(type));
    if (unknown !== undefined) throw new InputError('input.relationshipTypes', `has ${JSON.stringify(unknown)}, which is not a relationship type`);
    relationshipTypes = (types as RelationshipType[]).sort();
  }
  let countryCode: string | null = null;
  if (given(input.countryCode)) {
    const problem = countryCodeProblem(input.countryCode);
    if (problem) throw new InputError('input.countryCode', problem);
    countryCode = input.countryCode!.toUpperCase();
  }
  const minAmountUsd = input.minAmountUsd ?? null;
  if (minAmountUsd !== null && (!Number.isFinite(minAmountUsd) || minAmountUsd <= 0)) {
    throw new InputError('input.minAmountUsd', `must be an amount in US dollars above 0 (got ${minAmountUsd})`);
  }
  return { kind, name, accountId: input.accountId ?? null, entityId: input.entityId ?? null, relationshipTypes, countryCode, minAmountUsd };
}
