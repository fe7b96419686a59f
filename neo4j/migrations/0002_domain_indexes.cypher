// Lists page by name (then id) within each kind.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX scam_centre_name IF NOT EXISTS FOR (n:ScamCentre) ON (n.name);
CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name);
CREATE INDEX account_name IF NOT EXISTS FOR (n:Account) ON (n.name);
CREATE INDEX operation_name IF NOT EXISTS FOR (n:Operation) ON (n.name);
CREATE INDEX source_name IF NOT EXISTS FOR (n:Source) ON (n.name);

// Filters that start from a value rather than a name.
CREATE INDEX location_country_code IF NOT EXISTS FOR (n:Location) ON (n.countryCode);
CREATE INDEX scam_centre_status IF NOT EXISTS FOR (n:ScamCentre) ON (n.status);
CREATE INDEX account_identifier IF NOT EXISTS FOR (n:Account) ON (n.identifier);

// Relationship ids: unique within each type (the API also keeps them unique across types), found
// by an index seek per type.
CREATE CONSTRAINT recruited_id_unique IF NOT EXISTS FOR ()-[r:RECRUITED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT travelled_to_id_unique IF NOT EXISTS FOR ()-[r:TRAVELLED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT held_at_id_unique IF NOT EXISTS FOR ()-[r:HELD_AT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT national_of_id_unique IF NOT EXISTS FOR ()-[r:NATIONAL_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT operates_id_unique IF NOT EXISTS FOR ()-[r:OPERATES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT member_of_id_unique IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT located_in_id_unique IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT holds_id_unique IF NOT EXISTS FOR ()-[r:HOLDS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT transferred_id_unique IF NOT EXISTS FOR ()-[r:TRANSFERRED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT linked_to_id_unique IF NOT EXISTS FOR ()-[r:LINKED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT defrauded_id_unique IF NOT EXISTS FOR ()-[r:DEFRAUDED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT targeted_id_unique IF NOT EXISTS FOR ()-[r:TARGETED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT arrested_id_unique IF NOT EXISTS FOR ()-[r:ARRESTED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rescued_id_unique IF NOT EXISTS FOR ()-[r:RESCUED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT conducted_id_unique IF NOT EXISTS FOR ()-[r:CONDUCTED]-() REQUIRE r.id IS UNIQUE;

// Transfers are listed and windowed by time and amount.
CREATE INDEX transferred_at IF NOT EXISTS FOR ()-[r:TRANSFERRED]-() ON (r.at);
CREATE INDEX transferred_amount_usd IF NOT EXISTS FOR ()-[r:TRANSFERRED]-() ON (r.amountUsd);
