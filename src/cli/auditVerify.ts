import { verifyAuditChain } from '../audit/index.js';
import { withDatabase } from './withDatabase.js';

/**
 * `npm run audit:verify`: walks the audit log's hash chain in the configured Neo4j (the embedded
 * one or NEO4J_URI). Prints OK with the number of events, or names the first deleted or altered
 * event and exits 1.
 */
process.exitCode = await withDatabase(async (connection) => {
  const result = await verifyAuditChain(connection.db);
  if (result.ok) {
    process.stdout.write(`Audit log OK: ${result.count} events, hash chain unbroken.\n`);
    return 0;
  }
  process.stderr.write(`Audit log ${result.problem}: ${result.message}. ${result.count} events before it verified.\n`);
  return 1;
});
