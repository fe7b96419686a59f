// writes — the floor: both writes in one statement, with the bookkeeping Scam Atlas does for them.
// - Dashboard tallies: under the tallies' lock, the person's buckets (victims by nationality,
//   recruitment corridor) are read before the writes and after them, and only what moved is
//   written (src/graph/tallies.ts does the same, per write).
// - Audit: one event per write, chained by SHA-256 to the one before (APOC, in the statement), under
//   the chain head's lock — on a head and label of the floor's own, indexed as the API's are
//   (bench/servers/floorServer.ts creates them), so the API's chain stays verifiable.
// No validation beyond the MATCHes, one transaction for both writes.
MATCH (s:DashboardTallyState {id: 'dashboards'})
SET s.revision = s.revision + 1
WITH s
MATCH (p:Entity {id: $personId}) WHERE p:Person
CALL (p) {
  WITH p WHERE p:TraffickingVictim
  OPTIONAL MATCH (p)-[:NATIONAL_OF]->(c:Location)
  WITH p, collect(DISTINCT c.id) AS countries
  UNWIND CASE size(countries) WHEN 0 THEN [null] ELSE countries END AS countryId
  RETURN collect({board: 'victimsByNationality', key: coalesce(countryId, ''), dims: {countryId: countryId}}) AS nationalityBefore
}
CALL (p) {
  MATCH (p)-[t:TRAVELLED_TO]->(l:Location)
  WITH t, l ORDER BY t.seq, t.id
  WITH collect({stage: t.stage, country: l.countryCode}) AS stops
  WITH stops, [s IN stops WHERE s.stage = 'RECRUITMENT' | s.country] AS recruited, [s IN stops WHERE s.stage = 'EXPLOITATION' | s.country] AS exploited
  WITH coalesce(head(recruited), head(stops).country) AS origin, [s IN stops WHERE s.stage = 'TRANSIT' AND s.country IS NOT NULL | s.country] AS transit,
       coalesce(last(exploited), last(stops).country) AS destination
  RETURN [{board: 'recruitmentCorridors', key: coalesce(origin, '') + '|' + reduce(joined = '', c IN transit | joined + c + ',') + '|' + coalesce(destination, ''),
           dims: {origin: origin, transit: transit, destination: destination}}] AS corridorBefore
}
SET p.name = $name, p.sourceIds = $sourceIds, p.grades = $grades, p.updatedAt = toString(datetime())
WITH p, nationalityBefore + corridorBefore AS before
MATCH (from)-[r:TRAVELLED_TO {id: $stopId}]->(to)
SET r.seq = $seq, r.sourceIds = $sourceIds, r.grades = $grades, r.updatedAt = toString(datetime())
WITH p, r, from, to, before
CALL (p) {
  WITH p WHERE p:TraffickingVictim
  OPTIONAL MATCH (p)-[:NATIONAL_OF]->(c:Location)
  WITH p, collect(DISTINCT c.id) AS countries
  UNWIND CASE size(countries) WHEN 0 THEN [null] ELSE countries END AS countryId
  RETURN collect({board: 'victimsByNationality', key: coalesce(countryId, ''), dims: {countryId: countryId}}) AS nationalityAfter
}
CALL (p) {
  MATCH (p)-[t:TRAVELLED_TO]->(l:Location)
  WITH t, l ORDER BY t.seq, t.id
  WITH collect({stage: t.stage, country: l.countryCode}) AS stops
  WITH stops, [s IN stops WHERE s.stage = 'RECRUITMENT' | s.country] AS recruited, [s IN stops WHERE s.stage = 'EXPLOITATION' | s.country] AS exploited
  WITH coalesce(head(recruited), head(stops).country) AS origin, [s IN stops WHERE s.stage = 'TRANSIT' AND s.country IS NOT NULL | s.country] AS transit,
       coalesce(last(exploited), last(stops).country) AS destination
  RETURN [{board: 'recruitmentCorridors', key: coalesce(origin, '') + '|' + reduce(joined = '', c IN transit | joined + c + ',') + '|' + coalesce(destination, ''),
           dims: {origin: origin, transit: transit, destination: destination}}] AS corridorAfter
}
WITH p, r, from, to, before, nationalityAfter + corridorAfter AS after
// What moved: buckets the person left (-1) and entered (+1); none when the writes moved nothing.
CALL (before, after) {
  MATCH (state:DashboardTallyState {id: 'dashboards'})
  UNWIND [b IN before WHERE NOT b IN after | b {.*, change: -1}] + [a IN after WHERE NOT a IN before | a {.*, change: 1}] AS moved
  WITH state, moved ORDER BY moved.board, moved.key
  MERGE (t:DashboardTally {board: moved.board, key: moved.key})
    ON CREATE SET t += moved.dims, t.count = 0
  // Stamped with the revision, and kept at zero, for readers that catch up by revision (as the API's writes).
  SET t.count = t.count + moved.change, t.revision = state.revision
}
MERGE (h:BenchFloorAuditHead {id: 'floor'})
  ON CREATE SET h.seq = 0, h.hash = '0000000000000000000000000000000000000000000000000000000000000000'
SET h._lock = true
WITH p, r, from, to, h, toString(datetime()) AS at, randomUUID() AS requestId
WITH p, r, h,
     {seq: h.seq + 1, kind: 'WRITE', at: at, requestId: requestId, subject: 'bench-floor', role: 'editor', mutation: 'upsertPerson', entityIds: [p.id],
      inputHash: apoc.util.sha256([apoc.convert.toJson({id: $personId, name: $name, sourceIds: $sourceIds, grades: $grades})])} AS first,
     {seq: h.seq + 2, kind: 'WRITE', at: at, requestId: requestId, subject: 'bench-floor', role: 'editor', mutation: 'linkJourneyStop', entityIds: [r.id, from.id, to.id],
      inputHash: apoc.util.sha256([apoc.convert.toJson({id: $stopId, seq: $seq, sourceIds: $sourceIds, grades: $grades})])} AS second
WITH p, r, h, first, second, apoc.util.sha256([h.hash, apoc.convert.toJson(first)]) AS firstHash
WITH p, r, h, first, second, firstHash, apoc.util.sha256([firstHash, apoc.convert.toJson(second)]) AS secondHash
CREATE (a1:BenchFloorAuditEvent) SET a1 = first, a1.hash = firstHash
CREATE (a2:BenchFloorAuditEvent) SET a2 = second, a2.hash = secondHash
SET h.seq = second.seq, h.hash = secondHash
REMOVE h._lock
RETURN {person: p.id, name: p.name, stop: r.id} AS mutationMix
