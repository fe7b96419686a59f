// ASSOCIATED_WITH (FollowTheMoney's Associate, Family, UnknownLink, Sanction, Note): ids found by an
// index seek like every other relationship type.
CREATE CONSTRAINT associated_with_id_unique IF NOT EXISTS FOR ()-[r:ASSOCIATED_WITH]-() REQUIRE r.id IS UNIQUE;
