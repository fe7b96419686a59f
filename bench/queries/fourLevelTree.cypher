MATCH (g:Entity {id: $id}) WHERE g:Organization
RETURN g {
  .id, .name,
  relationships: {edges: COLLECT {
    MATCH (g)-[o:OPERATES]->(c:Entity) WITH o, c ORDER BY o.sortKey LIMIT 10
    RETURN {other: c {.id, .name, relationships: {edges: COLLECT {
      MATCH (c)<-[h:HELD_AT]-(v:Entity) WITH h, v ORDER BY h.sortKey LIMIT 10
      RETURN {other: v {.id, .name, relationships: {edges: COLLECT {
        MATCH (v)<-[r:RECRUITED]-(x:Entity) WITH r, x ORDER BY r.sortKey LIMIT 3
        RETURN {other: x {.id, .name, relationships: {edges: COLLECT {
          MATCH (x)-[n:NATIONAL_OF]->(l:Entity) WITH n, l ORDER BY n.sortKey LIMIT 2
          RETURN {other: l {.id, .name}}
        }}}}
      }}}}
    }}}}
  }}
} AS node
