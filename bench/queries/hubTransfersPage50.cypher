MATCH (a:Entity {id: $account})-[r:TRANSFERRED]->(b:Entity)
WHERE a:Account AND (r.at > $afterAt OR (r.at = $afterAt AND r.id > $afterId))
WITH r, b ORDER BY r.at, r.id LIMIT 21
WITH collect({node: {id: r.id, amount: r.amount, currency: r.currency, amountUsd: r.amountUsd, at: r.at, reference: r.reference, to: b {.id, .name}}}) AS rows
RETURN {pageInfo: {hasNextPage: size(rows) > 20}, edges: rows[0..20]} AS transfers
