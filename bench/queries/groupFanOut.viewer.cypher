// The viewer's statement: people held and their recruiters must not be victims. Victims are persons labelled :TraffickingVictim or :FraudVictim;
// an account held only by victims is hidden too (src/policy/visibility.ts).
MATCH (g:Entity {id: $id}) WHERE g:Organization
RETURN g {
  .id, .name,
  relationships: {edges: COLLECT {
    MATCH (g)-[o:OPERATES]->(c:Entity) WITH o, c ORDER BY o.sortKey LIMIT 20
    RETURN {other: c {.id, .name, relationships: {edges: COLLECT {
      MATCH (c)<-[h:HELD_AT]-(v:Entity) WHERE NOT v:TraffickingVictim AND NOT v:FraudVictim WITH h, v ORDER BY h.sortKey LIMIT 20
      RETURN {other: v {.id, .name, relationships: {edges: COLLECT {
        MATCH (v)<-[r:RECRUITED]-(x:Entity) WHERE NOT x:TraffickingVictim AND NOT x:FraudVictim WITH r, x ORDER BY r.sortKey LIMIT 5
        RETURN {other: x {.id, .name}}
      }}}}
    }}}}
  }}
} AS node
