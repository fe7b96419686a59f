import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { findSubgraph, MAX_SUBGRAPH_NODES } from '../graph/index.js';
import { EXPORT_FORMATS, exportLines, withoutProtectedFields, type ExportFormat } from '../interchange/index.js';
import { withDatabase } from './withDatabase.js';

/** Deepest walk accepted: beyond a few hops a neighbourhood is most of a graph. */
const MAX_EXPORT_DEPTH = 6;

const USAGE = `Usage: npm run export -- --from ID [--depth N] [--format native|ftm|graphml|geojson] [--out FILE] [--include-protected]

Writes the entities within N hops of ID (default 2, at most ${MAX_EXPORT_DEPTH}), the relationships among them and the
sources they cite: as Scam Atlas records (native, the default), FollowTheMoney entities (ftm) or
GraphML for Gephi and yEd. Native and FtM exports import back with "npm run import". At most
${MAX_SUBGRAPH_NODES} entities; a larger neighbourhood is cut short with a warning. Protected fields (legal
names, birth dates, phones, document numbers) are left out, and the summary says of how many
entities, unless --include-protected puts them in.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { from: { type: 'string' }, depth: { type: 'string', default: '2' }, format: { type: 'string', default: 'native' }, out: { type: 'string' }, 'include-protected': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!values.from) fail('--from is required: the id of the entity to start from');
const from = values.from;
const depth = Number(values.depth);
if (!Number.isInteger(depth) || depth < 0 || depth > MAX_EXPORT_DEPTH) fail(`--depth must be a whole number from 0 to ${MAX_EXPORT_DEPTH} (got "${values.depth}")`);
const format = values.format as ExportFormat;
if (!(EXPORT_FORMATS as readonly string[]).includes(format)) fail(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${values.format}")`);

process.exitCode = await withDatabase(async (connection) => {
  const found = await findSubgraph(connection.db, from, depth);
  if (!found) {
    process.stderr.write(`No entity has the id "${from}".\n`);
    return 1;
  }
  // A file leaves the access control behind: protected fields go in only when asked for by name.
  const { subgraph, entitiesWithProtected } = values['include-protected'] ? { subgraph: found, entitiesWithProtected: 0 } : withoutProtectedFields(found);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  for (const line of exportLines(subgraph, format)) if (!out.write(`${line}\n`)) await once(out, 'drain');
  if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
  if (subgraph.truncated) process.stderr.write(`Warning: the neighbourhood has more than ${MAX_SUBGRAPH_NODES} entities; the export stops there.\n`);
  process.stderr.write(`Exported ${subgraph.nodes.length} entities and ${subgraph.relationships.length} relationships (${format}).\n`);
  if (entitiesWithProtected > 0) process.stderr.write(`Protected fields (legal names, birth dates, phones, document numbers) of ${entitiesWithProtected} ${entitiesWithProtected === 1 ? 'entity' : 'entities'} were left out; --include-protected puts them in.\n`);
  else if (values['include-protected']) process.stderr.write('Protected fields included (--include-protected): keep this file as you would the database.\n');
  return 0;
});
