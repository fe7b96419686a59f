// The floor reads the tallies (src/graph/tallies.ts), in the dashboard's order, first page.
MATCH (t:DashboardTally {board: 'recruitmentCorridors'})
WITH t, coalesce(t.origin, '\uffff') + '|' + reduce(s = '', i IN range(0, size(t.transit) - 1) | s + CASE WHEN i = 0 THEN '' ELSE ',' END + t.transit[i]) + '|' + coalesce(t.destination, '\uffff') AS key
ORDER BY t.count DESC, key
WITH collect({origin: t.origin, transit: t.transit, destination: t.destination, victims: t.count}) AS buckets
RETURN {nodes: buckets[0..20], bucketCount: size(buckets), pageInfo: {hasNextPage: size(buckets) > 20}} AS recruitmentCorridors
