// The viewer's statement: both ends and every node on a path must exist for a viewer. Victims are persons labelled :TraffickingVictim or :FraudVictim;
// an account held only by victims is hidden too (src/policy/visibility.ts). The hub rule counts visible neighbours only
// (src/graph/traversal.ts isOverDegree), read only past the store's degree and up to the 201st.
// Visibility first, then the hub rule with the named ends compared by identity (no property read per hop; a named end is never
// judged as a hub): the shape of our own statement, which PROFILE found ten times cheaper than the one written before.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE NOT a:TraffickingVictim AND NOT a:FraudVictim AND (NOT a:Account OR (NOT EXISTS { (a)<-[:HOLDS]-() } OR EXISTS { (a)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })) AND NOT b:TraffickingVictim AND NOT b:FraudVictim AND (NOT b:Account OR (NOT EXISTS { (b)<-[:HOLDS]-() } OR EXISTS { (b)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim }))
OPTIONAL MATCH p = SHORTEST 3 (a) ((x)-[r]-(y)
  WHERE (NOT y:TraffickingVictim AND NOT y:FraudVictim AND (NOT y:Account OR (NOT EXISTS { (y)<-[:HOLDS]-() } OR EXISTS { (y)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })))
    AND (y = a OR y = b OR NOT ((y:Location AND y.locationType = 'COUNTRY') OR (COUNT { (y)--() } > 200 AND EXISTS { MATCH (y)--(z) WHERE NOT z:TraffickingVictim AND NOT z:FraudVictim AND (NOT z:Account OR (NOT EXISTS { (z)<-[:HOLDS]-() } OR EXISTS { (z)<-[:HOLDS]-(holder) WHERE NOT holder:TraffickingVictim AND NOT holder:FraudVictim })) WITH z SKIP 200 RETURN 1 })))){1,4} (b)
WITH p WHERE p IS NOT NULL
WITH p ORDER BY length(p)
RETURN collect({
  length: length(p),
  nodes: [n IN nodes(p) | {id: n.id}],
  steps: [i IN range(0, length(p) - 1) | {
    forward: startNode(relationships(p)[i]) = nodes(p)[i],
    relationship: {id: relationships(p)[i].id, type: type(relationships(p)[i])}
  }]
}) AS paths
