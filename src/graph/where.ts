/** Joins Cypher conditions (written in the graph layer, never from request text) into one WHERE expression. */
export function whereClause(conditions: string[]): string {
  // 'true' (a role that hides nothing) adds nothing: the statement stays what it was without it.
  const real = conditions.filter((c) => c !== 'true');
  return real.length === 0 ? 'true' : real.map((c) => `(${c})`).join(' AND ');
}
