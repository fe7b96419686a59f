import { derivedRelationshipId } from '../graph/index.js';
import { InputError, parseNativeRecord } from '../validation/index.js';
import type { ImportItem } from './items.js';

/**
 * Scam Atlas's own line-delimited JSON (see docs/data-formats.md): the mutation inputs plus "kind"
 * or "type". One optional field beyond the mutations: "ftm", an object of FollowTheMoney properties
 * the model does not have, kept so that data imported from FtM survives a round trip.
 */
export function nativeLineToItem(value: unknown, line: number): ImportItem {
  let ftm: string | undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'ftm' in value) {
    const { ftm: extra, ...rest } = value as Record<string, unknown>;
    if (extra !== null && (typeof extra !== 'object' || Array.isArray(extra))) {
      throw new InputError('record.ftm', 'must be an object {"schema": ..., "properties": {...}} (FollowTheMoney properties kept from an import)');
    }
    ftm = extra === null ? undefined : JSON.stringify(extra);
    value = rest;
  }
  const record = parseNativeRecord(value);
  if ('entity' in record) return { entity: { line, entity: record.entity, ftm } };
  const relationship = record.relationship;
  return {
    relationship: {
      line,
      relationship: { ...relationship, id: relationship.id ?? derivedRelationshipId(relationship) },
      explicitId: relationship.id !== undefined,
      ftm,
    },
  };
}
