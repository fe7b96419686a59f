import { ENTITY_PROPERTY_SPECS, identifierProperties, type EntityLabel } from '../model/index.js';

/**
 * The Cypher twin of `identifierKey` / `identifierText` (src/model/identifierKeys.ts): what a write
 * leaves in `identifierText` and `protectedIdentifierText`, computed from the node's stored
 * properties after the write (a partial update keeps identifiers given before). Names are the
 * model's constants; a variable is bound with `[x IN [e] | …][0]` so each step is computed once.
 */
function keyExpression(value: string): string {
  // From the first letter or digit on (Cypher's trim() knows fewer spaces than JavaScript's).
  const lowered = `[v IN [toLower(${value})] | coalesce(substring(v, [i IN range(0, size(v) - 1) WHERE substring(v, i, 1) =~ '[a-z0-9]'][0]), '')][0]`;
  const noScheme = `[l IN [${lowered}] | CASE WHEN l =~ '(?s)[a-z][a-z0-9+.-]*://.*' THEN substring(l, size(split(l, '://')[0]) + 3) ELSE l END][0]`;
  const noWww = `[w IN [${noScheme}] | CASE WHEN w STARTS WITH 'www.' THEN substring(w, 4) ELSE w END][0]`;
  const alphanumeric = `reduce(acc = '', c IN split(${noWww}, '') | acc + CASE WHEN c =~ '[a-z0-9]' THEN c ELSE '' END)`;
  return `[k IN [${alphanumeric}] | CASE WHEN k STARTS WITH '0x' THEN substring(k, 2) ELSE k END][0]`;
}

/** `|key|key|` of the kind's identifying properties on `holder`, or null when there are none. */
export function identifierTextExpression(label: EntityLabel, which: 'public' | 'protected', holder = 'n'): string {
  const names = identifierProperties(label, which);
  if (names.length === 0) return 'null';
  const values = names
    .map((name) => (ENTITY_PROPERTY_SPECS[label][name]?.type === 'strings' ? `coalesce(${holder}.${name}, [])` : `CASE WHEN ${holder}.${name} IS NULL THEN [] ELSE [${holder}.${name}] END`))
    .join(' + ');
  const keys = `[key IN [value IN ${values} | ${keyExpression('value')}] WHERE key <> '']`;
  return `[keys IN [${keys}] | CASE WHEN size(keys) = 0 THEN null ELSE '|' + reduce(text = '', key IN keys | text + key + '|') END][0]`;
}

/** `SET` items keeping both texts in step with the node's stored identifiers. */
export function identifierTextAssignments(label: EntityLabel, holder = 'n'): string {
  return `${holder}.identifierText = ${identifierTextExpression(label, 'public', holder)}, ${holder}.protectedIdentifierText = ${identifierTextExpression(label, 'protected', holder)}`;
}
