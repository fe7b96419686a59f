/** Connection settings of the bench's peer and floor servers, from the environment the runner sets. */
export function serverEnv(): { uri: string; username: string; password: string; port: number } {
  const uri = process.env['NEO4J_URI'];
  const password = process.env['NEO4J_PASSWORD'];
  const port = Number(process.env['PORT']);
  if (!uri || password === undefined || !Number.isInteger(port)) {
    throw new Error('Bench servers need NEO4J_URI, NEO4J_PASSWORD and PORT (the bench runner sets them).');
  }
  return { uri, username: process.env['NEO4J_USERNAME'] ?? 'neo4j', password, port };
}
