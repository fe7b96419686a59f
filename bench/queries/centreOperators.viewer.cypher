// The viewer's statement: an operator who is a victim is not shown (persons labelled
// :TraffickingVictim or :FraudVictim; src/policy/visibility.ts).
MATCH (c:Entity {id: $id}) WHERE c:ScamCentre
RETURN c {
  .id,
  relationships: {edges: COLLECT {
    MATCH (c)<-[r:OPERATES]-(o:Entity) WHERE NOT o:TraffickingVictim AND NOT o:FraudVictim WITH r, o ORDER BY r.sortKey LIMIT 20
    RETURN {other: CASE WHEN o:Person
      THEN {__typename: 'Person', id: o.id, name: o.name, roles: o.roles}
      ELSE {__typename: 'Organization', id: o.id, name: o.name, orgType: o.orgType, jurisdiction: o.jurisdiction} END}
  }}
} AS node
