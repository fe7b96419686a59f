MATCH (c:Entity {id: $id}) WHERE c:ScamCentre
RETURN c {
  .id,
  relationships: {edges: COLLECT {
    MATCH (c)<-[r:OPERATES]-(o:Entity) WITH r, o ORDER BY r.sortKey LIMIT 20
    RETURN {other: CASE WHEN o:Person
      THEN {__typename: 'Person', id: o.id, name: o.name, roles: o.roles}
      ELSE {__typename: 'Organization', id: o.id, name: o.name, orgType: o.orgType, jurisdiction: o.jurisdiction} END}
  }}
} AS node
