// The viewer's statement: neither account may be held only by victims (persons labelled
// :TraffickingVictim or :FraudVictim; src/policy/visibility.ts).
CALL () {
  MATCH (a)-[r:TRANSFERRED]->(b) WHERE r.at >= $since AND r.at < $until AND r.amountUsd >= $min
    AND (NOT EXISTS { (a)<-[:HOLDS]-() } OR EXISTS { (a)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
    AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
  RETURN count(r) AS total
}
CALL () {
  MATCH (a)-[r:TRANSFERRED]->(b) WHERE r.at >= $since AND r.at < $until AND r.amountUsd >= $min
    AND (NOT EXISTS { (a)<-[:HOLDS]-() } OR EXISTS { (a)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
    AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
  WITH r, a, b ORDER BY r.at, r.id LIMIT 21
  RETURN collect({node: {id: r.id, amountUsd: r.amountUsd, at: r.at, from: {id: a.id}, to: {id: b.id}}}) AS rows
}
RETURN {totalCount: total, pageInfo: {hasNextPage: size(rows) > 20}, edges: rows[0..20]} AS transfers
