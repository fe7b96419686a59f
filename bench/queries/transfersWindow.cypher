// The total and the first page, both through the index on `at` (a range seek on the month).
CALL () {
  MATCH ()-[r:TRANSFERRED]->() WHERE r.at >= $since AND r.at < $until AND r.amountUsd >= $min
  RETURN count(r) AS total
}
CALL () {
  MATCH (a)-[r:TRANSFERRED]->(b) WHERE r.at >= $since AND r.at < $until AND r.amountUsd >= $min
  WITH r, a, b ORDER BY r.at, r.id LIMIT 21
  RETURN collect({node: {id: r.id, amountUsd: r.amountUsd, at: r.at, from: {id: a.id}, to: {id: b.id}}}) AS rows
}
RETURN {totalCount: total, pageInfo: {hasNextPage: size(rows) > 20}, edges: rows[0..20]} AS transfers
