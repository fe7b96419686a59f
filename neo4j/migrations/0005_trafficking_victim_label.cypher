// Derived label :TraffickingVictim on every Person whose roles include TRAFFICKING_VICTIM (see
// DERIVED_LABELS in src/model/domain.ts): dashboards count victims by scanning the label instead of
// reading every person's roles. Writes keep it in step from now on; this backfills what is stored.
// In batches of its own transactions, so a large graph does not need one huge transaction.
MATCH (p:Person) WHERE 'TRAFFICKING_VICTIM' IN p.roles
CALL (p) { SET p:TraffickingVictim } IN TRANSACTIONS OF 10000 ROWS;
