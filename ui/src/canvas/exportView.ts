import type { Client } from 'urql';
import { ExportViewQuery } from '../api/documents';
import type { ExportFormat } from '../gql/graphql';
import type { CanvasGraph } from './graphModel';

/** Most entities one export holds (the API's EXPORT_VIEW_MAX_IDS). */
export const EXPORT_MAX_IDS = 1_000;

/**
 * The entities on the canvas as a file, written by the API (the same exporters as npm run export,
 * under your role): every relationship among them, the sources they cite. Resolves with a summary.
 */
export async function exportView(client: Client, graph: CanvasGraph, format: ExportFormat): Promise<string> {
  const ids = graph.nodes().slice(0, EXPORT_MAX_IDS);
  if (ids.length === 0) return 'Nothing on the canvas to export.';
  const result = await client.query(ExportViewQuery, { ids, format }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) return result.error.message.replace(/^\[\w+\] /, '');
  const file = result.data?.exportView;
  if (!file) return 'The API sent no file.';
  download(file.fileName, file.content, file.mediaType);
  const leftOut = file.protectedFieldsLeftOut > 0 ? `; protected fields of ${file.protectedFieldsLeftOut} left out (your role)` : '';
  return `Exported ${file.entityCount} entities and ${file.relationshipCount} relationships as ${file.fileName}${leftOut}${graph.order > EXPORT_MAX_IDS ? ` (the first ${EXPORT_MAX_IDS})` : ''}.`;
}

function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
