// The end compared by identity first: no property read per hop, and the named end is never judged as a hub.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH p = SHORTEST 3 (a) ((x)-[r]-(y)
  WHERE y = b OR (NOT (y:Location AND y.locationType = 'COUNTRY') AND COUNT { (y)--() } <= 200)){1,4} (b)
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
