// The floor reads the tallies (src/graph/tallies.ts), in the dashboard's order; one at zero is an emptied bucket.
MATCH (t:DashboardTally {board: 'scamCentresByCountry'}) WHERE t.count <> 0
WITH t ORDER BY t.count DESC, coalesce(t.countryCode, '\uffff') + '|' + coalesce(t.status, '\uffff')
WITH collect({countryCode: t.countryCode, status: t.status, count: t.count}) AS buckets
RETURN {nodes: buckets[0..250], bucketCount: size(buckets)} AS scamCentresByCountry
