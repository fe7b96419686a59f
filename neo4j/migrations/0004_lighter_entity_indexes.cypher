// Imports write every index on each commit. Lists always page by name within a kind (the per-kind
// indexes of 0002), so the label-wide name index only costs writes.
DROP INDEX entity_name IF EXISTS;

// Fulltext updates applied in the background rather than in each commit: a search may miss a write
// for a moment (well under a second), writes and imports commit faster. Recreating the index
// is the only way to change its configuration; this migration runs once per database.
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.identifiers]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
