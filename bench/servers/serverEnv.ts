/** Connection settings of the bench's peer and floor servers, from the environment the runner sets. */
export function serverEnv(): { uri: string; username: string; password: string; port: number } {
  // Run as a production build would be: tsx turns on source-mapped stack traces, and neo4j-driver
  // formats a stack for every result, so left on they cost these servers several per cent of their
  // CPU that Scam Atlas, run from dist/ like `npm start`, does not pay.
  process.setSourceMapsEnabled(false);
  const uri = process.env['NEO4J_URI'];
  const password = process.env['NEO4J_PASSWORD'];
  const port = Number(process.env['PORT']);
  if (!uri || password === undefined || !Number.isInteger(port)) {
    throw new Error('Bench servers need NEO4J_URI, NEO4J_PASSWORD and PORT (the bench runner sets them).');
  }
  return { uri, username: process.env['NEO4J_USERNAME'] ?? 'neo4j', password, port };
}
