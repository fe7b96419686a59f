// Dashboard tallies (src/graph/tallies.ts): each dashboard bucket is one (:DashboardTally) node, kept
// current by every write that can move it, so a dashboard reads its buckets instead of scanning the
// graph. One node per (board, key); the board is what a dashboard reads by.
CREATE CONSTRAINT dashboard_tally_key IF NOT EXISTS FOR (t:DashboardTally) REQUIRE (t.board, t.key) IS UNIQUE;
CREATE INDEX dashboard_tally_board IF NOT EXISTS FOR (t:DashboardTally) ON (t.board);
// The state the writers lock and the readers check: version 0 means "not built yet"; the first start
// (or the first dashboard read) builds every tally from the graph and records its version.
CREATE CONSTRAINT dashboard_tally_state_id IF NOT EXISTS FOR (s:DashboardTallyState) REQUIRE s.id IS UNIQUE;
MERGE (s:DashboardTallyState {id: 'dashboards'}) ON CREATE SET s.version = 0;
