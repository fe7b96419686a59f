// Watch rules and alerts (issue 17, part 4): a subject's saved rules and what they raised. Neither
// is part of the network (no :Entity label). Rule and alert ids are unique; evaluation after a write
// finds the rules by what they watch (the account, the entity or the country: `targetId`) and by
// kind (the inflow rules watch every transfer), never by reading every rule; a subject's alerts are
// listed newest first, so by owner and raisedAt.
CREATE CONSTRAINT watch_rule_id IF NOT EXISTS FOR (w:WatchRule) REQUIRE w.id IS UNIQUE;
CREATE INDEX watch_rule_target IF NOT EXISTS FOR (w:WatchRule) ON (w.targetId);
CREATE INDEX watch_rule_kind IF NOT EXISTS FOR (w:WatchRule) ON (w.kind);
CREATE INDEX watch_rule_owner IF NOT EXISTS FOR (w:WatchRule) ON (w.owner);
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE;
CREATE INDEX alert_owner_raised_at IF NOT EXISTS FOR (a:Alert) ON (a.owner, a.raisedAt);
CREATE INDEX alert_rule IF NOT EXISTS FOR (a:Alert) ON (a.ruleId);
