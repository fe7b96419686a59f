// Dashboard tallies carry the revision of the write that last moved them (src/graph/tallies.ts), so a
// reader holding a board at one revision reads only the tallies moved since, not the whole board
// (30,000 corridors at 1M entities). A tally that reaches zero stays, at zero, so a reader catching
// up sees it go.
CREATE INDEX dashboard_tally_revision IF NOT EXISTS FOR (t:DashboardTally) ON (t.board, t.revision);
