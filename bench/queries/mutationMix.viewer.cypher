// writes — the floor: both writes in one statement, by id, with the stored shape's bookkeeping
// (updatedAt, provenance lists); no validation, no audit record, no dashboard tallies.
MATCH (p:Entity {id: $personId}) WHERE p:Person
SET p.name = $name, p.sourceIds = $sourceIds, p.grades = $grades, p.updatedAt = toString(datetime())
WITH p
MATCH ()-[r:TRAVELLED_TO {id: $stopId}]->()
SET r.seq = $seq, r.sourceIds = $sourceIds, r.grades = $grades, r.updatedAt = toString(datetime())
RETURN {person: p.id, name: p.name, stop: r.id} AS mutationMix
