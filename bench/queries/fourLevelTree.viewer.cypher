// The viewer's statement: people held and their recruiters must not be victims (persons labelled
// :TraffickingVictim or :FraudVictim; src/policy/visibility.ts).
MATCH (g:Entity {id: $id}) WHERE g:Organization
RETURN g {
  .id, .name,
  relationships: {edges: COLLECT {
    MATCH (g)-[o:OPERATES]->(c:Entity) WITH o, c ORDER BY o.sortKey LIMIT 10
    RETURN {other: c {.id, .name, relationships: {edges: COLLECT {
      MATCH (c)<-[h:HELD_AT]-(v:Entity) WHERE NOT v:TraffickingVictim AND NOT v:FraudVictim WITH h, v ORDER BY h.sortKey LIMIT 10
      RETURN {other: v {.id, .name, relationships: {edges: COLLECT {
        MATCH (v)<-[r:RECRUITED]-(x:Entity) WHERE NOT x:TraffickingVictim AND NOT x:FraudVictim WITH r, x ORDER BY r.sortKey LIMIT 3
        RETURN {other: x {.id, .name, relationships: {edges: COLLECT {
          MATCH (x)-[n:NATIONAL_OF]->(l:Entity) WITH n, l ORDER BY n.sortKey LIMIT 2
          RETURN {other: l {.id, .name}}
        }}}}
      }}}}
    }}}}
  }}
} AS node
