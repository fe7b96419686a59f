// The viewer's statement: the hub and the receiving accounts must not be held only by victims. Victims are persons labelled :TraffickingVictim or :FraudVictim;
// an account held only by victims is hidden too (src/policy/visibility.ts).
MATCH (a:Entity {id: $account})-[r:TRANSFERRED]->(b:Entity)
WHERE a:Account AND (NOT EXISTS { (a)<-[:HOLDS]-() } OR EXISTS { (a)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim }) AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim }) AND (r.at > $afterAt OR (r.at = $afterAt AND r.id > $afterId))
WITH r, b ORDER BY r.at, r.id LIMIT 21
WITH collect({node: {id: r.id, amount: r.amount, currency: r.currency, amountUsd: r.amountUsd, at: r.at, reference: r.reference, to: b {.id, .name}}}) AS rows
RETURN {pageInfo: {hasNextPage: size(rows) > 20}, edges: rows[0..20]} AS transfers
