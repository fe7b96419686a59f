// The floor reads the tallies (src/graph/tallies.ts): the number of corridors, and the first 20 in the
// dashboard's order by a top-k sort (30,000 corridors at 1M entities; no index orders them). A tally
// at zero is a bucket emptied, kept for readers that catch up by revision: never a bucket.
CALL () { MATCH (t:DashboardTally {board: 'recruitmentCorridors'}) WHERE t.count <> 0 RETURN count(t) AS total }
CALL () {
  MATCH (t:DashboardTally {board: 'recruitmentCorridors'}) WHERE t.count <> 0
  WITH t, coalesce(t.origin, '\uffff') + '|' + reduce(s = '', i IN range(0, size(t.transit) - 1) | s + CASE WHEN i = 0 THEN '' ELSE ',' END + t.transit[i]) + '|' + coalesce(t.destination, '\uffff') AS key
  ORDER BY t.count DESC, key
  LIMIT 20
  RETURN collect({origin: t.origin, transit: t.transit, destination: t.destination, victims: t.count}) AS page
}
RETURN {nodes: page, bucketCount: total, pageInfo: {hasNextPage: total > 20}} AS recruitmentCorridors
