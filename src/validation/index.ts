export { InputError } from './inputError.js';
export { validateEntityInput, validateRelationshipInput, checkRelationshipOrder, RELATIONSHIP_ORDERED_PAIRS, MAX_ID_LENGTH, MAX_LIST_ITEMS, MAX_NAME_LENGTH } from './validateInput.js';
export type { ProvenanceItem, ValidEntity, ValidRelationship } from './validateInput.js';
export { parseNativeRecord } from './nativeRecord.js';
export type { NativeRecord } from './nativeRecord.js';
export { validateWatchRuleInput } from './watchRule.js';
export type { ValidWatchRule, WatchRuleInputFields } from './watchRule.js';
