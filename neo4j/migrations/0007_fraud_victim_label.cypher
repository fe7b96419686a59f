// Derived label :FraudVictim on every Person whose roles include FRAUD_VICTIM (see DERIVED_LABELS in
// src/model/domain.ts): victims do not exist for a viewer, and every read hides them with a label
// test (src/policy/visibility.ts). Writes keep it in step from now on; this backfills what is stored.
// In batches of its own transactions, so a large graph does not need one huge transaction.
MATCH (p:Person) WHERE 'FRAUD_VICTIM' IN p.roles
CALL (p) { SET p:FraudVictim } IN TRANSACTIONS OF 10000 ROWS;
