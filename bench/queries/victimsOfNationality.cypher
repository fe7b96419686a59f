// From the country's locations (an index seek) to their nationals, the victims by label.
MATCH (:Location {countryCode: $country})<-[:NATIONAL_OF]-(n:TraffickingVictim)
WITH DISTINCT n ORDER BY n.name, n.id
WITH collect(n {.id, .name}) AS people
RETURN {totalCount: size(people), pageInfo: {hasNextPage: size(people) > 20}, edges: [p IN people[0..20] | {node: p}]} AS people
