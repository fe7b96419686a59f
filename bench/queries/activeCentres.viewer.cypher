// The viewer's statement: operators that are victims are left out. Victims are persons labelled :TraffickingVictim or :FraudVictim;
// an account held only by victims is hidden too (src/policy/visibility.ts).
MATCH (:Location {countryCode: $country})<-[:LOCATED_IN]-(n:ScamCentre)
WHERE n.status = 'ACTIVE'
WITH DISTINCT n ORDER BY n.name, n.id
WITH collect(n) AS centres
RETURN {
  totalCount: size(centres),
  pageInfo: {hasNextPage: size(centres) > $first},
  edges: [c IN centres[0..$first] | {node: c {
    .id, .name, .status, .estimatedWorkforce,
    relationships: {edges: COLLECT {
      MATCH (c)<-[r:OPERATES]-(o:Entity) WHERE NOT o:TraffickingVictim AND NOT o:FraudVictim WITH r, o ORDER BY r.sortKey LIMIT 20
      RETURN {other: {id: o.id, name: o.name, kind: CASE WHEN o:Person THEN 'PERSON' ELSE 'ORGANIZATION' END}}
    }}
  }}]
} AS scamCentres
