// The viewer's statement: scam centres are visible to every role, so it is the same.
// The total from the count store; the page read from the name index in order, from the cursor on.
CALL () { MATCH (n:ScamCentre) RETURN count(n) AS total }
CALL () {
  MATCH (n:ScamCentre) WHERE n.name >= $afterName AND (n.name > $afterName OR n.id > $afterId)
  WITH n ORDER BY n.name, n.id LIMIT 21
  RETURN collect({node: n {.id, .name, .status}}) AS rows
}
RETURN {totalCount: total, pageInfo: {hasNextPage: size(rows) > 20}, edges: rows[0..20]} AS scamCentres
