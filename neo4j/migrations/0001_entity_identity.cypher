// Every node carries the label Entity and a stable, graph-wide unique string id.
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;

// Lists and keyset pagination order by name, then id.
CREATE INDEX entity_name IF NOT EXISTS
FOR (n:Entity) ON (n.name);

// Fulltext over names, aliases and identifiers (IBANs, wallet addresses, phone numbers) for `search`.
// Lucene's standard analyzer splits on punctuation, so "0xAbC…" and "GB29 NWBK…" are found whole.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.identifiers];
