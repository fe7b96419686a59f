import { ENTITY_LABELS, isRelationshipType, type EntityLabel } from '../model/index.js';
import { InputError } from './inputError.js';
import { validateEntityInput, validateRelationshipInput, type ValidEntity, type ValidRelationship } from './validateInput.js';

/**
 * One record of Scam Atlas's own line-delimited JSON format: an entity is
 * `{"kind": "Person", ...the fields of PersonInput}`, a relationship is
 * `{"type": "RECRUITED", ...the fields of RecruitmentInput}` — the same shapes as the mutations, so
 * a file and the API validate alike.
 */
export type NativeRecord = { entity: ValidEntity } | { relationship: ValidRelationship };

export function parseNativeRecord(value: unknown): NativeRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('record', 'must be a JSON object with "kind" (an entity) or "type" (a relationship)');
  }
  const { kind, type, ...fields } = value as Record<string, unknown>;
  if (kind !== undefined && type !== undefined) throw new InputError('record', 'has both "kind" and "type"; an entity has "kind", a relationship "type"');
  if (kind !== undefined) {
    if (typeof kind !== 'string' || !(ENTITY_LABELS as readonly string[]).includes(kind)) {
      throw new InputError('kind', `must be one of ${ENTITY_LABELS.join(', ')} (got ${JSON.stringify(kind)})`);
    }
    return { entity: validateEntityInput(kind as EntityLabel, fields, 'record') };
  }
  if (type !== undefined) {
    if (typeof type !== 'string' || !isRelationshipType(type)) throw new InputError('type', `must be a relationship type such as RECRUITED or TRANSFERRED (got ${JSON.stringify(type)})`);
    return { relationship: validateRelationshipInput(type, fields, 'record') };
  }
  throw new InputError('record', 'needs "kind" (an entity) or "type" (a relationship)');
}
