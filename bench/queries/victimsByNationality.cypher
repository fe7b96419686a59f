// The floor reads the same tallies the API keeps (src/graph/tallies.ts): the best statement on this
// store. The scan it replaces (1.3 s at 1M) is the reference recount in src/graph/analytics.ts.
MATCH (t:DashboardTally {board: 'victimsByNationality'}) WHERE t.count <> 0
OPTIONAL MATCH (c:Entity {id: t.countryId})
WITH c.countryCode AS countryCode, t.count AS victims
ORDER BY victims DESC, countryCode
RETURN {nodes: collect({countryCode: countryCode, victims: victims})} AS victimsByNationality
