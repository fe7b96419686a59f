/** Joins Cypher conditions (written in the graph layer, never from request text) into one WHERE expression. */
export function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? 'true' : conditions.map((c) => `(${c})`).join(' AND ');
}
