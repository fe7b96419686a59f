import { EXPORT_VIEW_MAX_IDS } from '../config/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { findSubgraphOfIds } from '../graph/index.js';
import { exportLines, formatWritesProtected, protectedFieldsOf, withoutProtectedFields, type ExportFormat } from '../interchange/index.js';
import { InputError } from '../validation/index.js';

const FILE: Record<ExportFormat, { extension: string; mediaType: string }> = {
  ftm: { extension: 'ftm.jsonl', mediaType: 'application/x-ndjson' },
  native: { extension: 'jsonl', mediaType: 'application/x-ndjson' },
  graphml: { extension: 'graphml', mediaType: 'application/graphml+xml' },
  geojson: { extension: 'geojson', mediaType: 'application/geo+json' },
};

/** `Query.exportView`: a drawn view as a file, through the same exporters as `npm run export`, under the viewer's role. */
export const exportResolvers: Resolvers = {
  Query: {
    exportView: async (_parent, { ids, format }, { db, loaders, audit }) => {
      if (ids.length < 1 || ids.length > EXPORT_VIEW_MAX_IDS) throw new InputError('ids', `must list 1 to ${EXPORT_VIEW_MAX_IDS.toLocaleString('en-US')} entity ids (got ${ids.length})`);
      const kind = format.toLowerCase() as ExportFormat;
      const found = await findSubgraphOfIds(db, ids, loaders.visibility);
      const { subgraph, entitiesWithProtected } = loaders.visibility.readsProtected ? { subgraph: found, entitiesWithProtected: 0 } : withoutProtectedFields(found);
      // Recorded as what the file holds: every protected field it writes, none for a format that writes none.
      if (loaders.visibility.readsProtected && formatWritesProtected(kind)) {
        for (const node of subgraph.nodes) {
          const read = protectedFieldsOf(node);
          if (read.length > 0) audit.protectedRead(node.id, read);
        }
      }
      return {
        format,
        fileName: `scam-atlas-view.${FILE[kind].extension}`,
        mediaType: FILE[kind].mediaType,
        content: [...exportLines(subgraph, kind)].join('\n') + '\n',
        entityCount: subgraph.nodes.length,
        relationshipCount: subgraph.relationships.length,
        protectedFieldsLeftOut: entitiesWithProtected,
      };
    },
  },
};
