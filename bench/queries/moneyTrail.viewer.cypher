// The viewer's statement: the origin and every account the money reaches must not be held only by victims. Victims are persons labelled :TraffickingVictim or :FraudVictim;
// an account held only by victims is hidden too (src/policy/visibility.ts).
// The floor's money trail: the same hop-by-hop, time-respecting walk as src/graph/moneyTrail.ts,
// unrolled for maxHops = 3 in one statement.
MATCH (o:Entity {id: $account}) WHERE o:Account AND (NOT EXISTS { (o)<-[:HOLDS]-() } OR EXISTS { (o)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
WITH o, [{id: o.id, bound: null}] AS frontier, [o.id] AS seen, [] AS trail, [] AS cycles, [] AS reached
// hop 1: every transfer out of the frontier at or after the money arrived there
CALL (frontier, seen) {
  UNWIND frontier AS f
  MATCH (a:Entity {id: f.id})-[r:TRANSFERRED]->(b:Entity)
  WHERE (f.bound IS NULL OR r.at >= f.bound) AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
  RETURN collect({id: r.id, at: r.at, fromId: a.id, toId: b.id, amountUsd: coalesce(r.amountUsd, 0.0), cycle: b.id IN seen}) AS rows
}
WITH o, seen, trail, cycles, reached, [x IN rows WHERE NOT x.cycle] AS fwd, [x IN rows WHERE x.cycle] AS cyc
CALL (fwd) {
  UNWIND fwd AS x
  WITH x.toId AS id, min(x.at) AS at, sum(x.amountUsd) AS amountUsd, count(*) AS inCount
  RETURN collect({id: id, hops: 1, at: at, amountUsd: amountUsd, inCount: inCount}) AS newly
}
WITH o, trail + fwd AS trail, cycles + cyc AS cycles, reached + newly AS reached,
     seen + [n IN newly | n.id] AS seen, [n IN newly | {id: n.id, bound: n.at}] AS frontier, [x IN fwd | x.amountUsd] AS firstHop
// hop 2: every transfer out of the frontier at or after the money arrived there
CALL (frontier, seen) {
  UNWIND frontier AS f
  MATCH (a:Entity {id: f.id})-[r:TRANSFERRED]->(b:Entity)
  WHERE (f.bound IS NULL OR r.at >= f.bound) AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
  RETURN collect({id: r.id, at: r.at, fromId: a.id, toId: b.id, amountUsd: coalesce(r.amountUsd, 0.0), cycle: b.id IN seen}) AS rows
}
WITH o, seen, trail, cycles, reached, firstHop, [x IN rows WHERE NOT x.cycle] AS fwd, [x IN rows WHERE x.cycle] AS cyc
CALL (fwd) {
  UNWIND fwd AS x
  WITH x.toId AS id, min(x.at) AS at, sum(x.amountUsd) AS amountUsd, count(*) AS inCount
  RETURN collect({id: id, hops: 2, at: at, amountUsd: amountUsd, inCount: inCount}) AS newly
}
WITH o, trail + fwd AS trail, cycles + cyc AS cycles, reached + newly AS reached,
     seen + [n IN newly | n.id] AS seen, [n IN newly | {id: n.id, bound: n.at}] AS frontier, firstHop
// hop 3: every transfer out of the frontier at or after the money arrived there
CALL (frontier, seen) {
  UNWIND frontier AS f
  MATCH (a:Entity {id: f.id})-[r:TRANSFERRED]->(b:Entity)
  WHERE (f.bound IS NULL OR r.at >= f.bound) AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })
  RETURN collect({id: r.id, at: r.at, fromId: a.id, toId: b.id, amountUsd: coalesce(r.amountUsd, 0.0), cycle: b.id IN seen}) AS rows
}
WITH o, seen, trail, cycles, reached, firstHop, [x IN rows WHERE NOT x.cycle] AS fwd, [x IN rows WHERE x.cycle] AS cyc
CALL (fwd) {
  UNWIND fwd AS x
  WITH x.toId AS id, min(x.at) AS at, sum(x.amountUsd) AS amountUsd, count(*) AS inCount
  RETURN collect({id: id, hops: 3, at: at, amountUsd: amountUsd, inCount: inCount}) AS newly
}
WITH o, trail + fwd AS trail, cycles + cyc AS cycles, reached + newly AS reached,
     seen + [n IN newly | n.id] AS seen, [n IN newly | {id: n.id, bound: n.at}] AS frontier, firstHop
// money beyond the hop cap makes the trail truncated
WITH o, trail, cycles, reached, firstHop,
     any(f IN frontier WHERE EXISTS { MATCH (:Entity {id: f.id})-[r:TRANSFERRED]->(b) WHERE (f.bound IS NULL OR r.at >= f.bound) AND (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim }) }) AS more
CALL (trail) {
  UNWIND trail AS t
  WITH t.fromId AS id, count(*) AS outs
  RETURN apoc.map.fromPairs(collect([id, outs])) AS outCounts
}
RETURN {
  totalAmountUsd: reduce(s = 0.0, a IN firstHop | s + a),
  truncated: more,
  accounts: [a IN reached | {account: {id: a.id}, hops: a.hops, amountUsd: a.amountUsd, at: a.at,
                            transferCount: a.inCount + coalesce(outCounts[a.id], 0)}],
  transfers: [t IN trail | {id: t.id}],
  cycles: [c IN cycles | {id: c.id}]
} AS moneyTrail
