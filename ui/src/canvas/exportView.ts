import type { CanvasGraph } from './graphModel';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The current view as GraphML (Gephi, yEd): what is drawn, with kinds, types, dates and amounts. */
export function viewAsGraphml(graph: CanvasGraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="illustrative" for="all" attr.name="illustrative" attr.type="boolean"/>',
    '  <key id="type" for="edge" attr.name="label" attr.type="string"/>',
    '  <key id="date" for="edge" attr.name="date" attr.type="string"/>',
    '  <key id="amountUsd" for="edge" attr.name="amountUsd" attr.type="double"/>',
    '  <graph id="scam-atlas-view" edgedefault="directed">',
  ];
  graph.forEachNode((id, a) => {
    lines.push(`    <node id="${escapeXml(id)}"><data key="label">${escapeXml(a.label)}</data><data key="kind">${a.kind}</data><data key="illustrative">${a.illustrative}</data></node>`);
  });
  graph.forEachEdge((id, a, source, target) => {
    const extra = `${a.date ? `<data key="date">${a.date}</data>` : ''}${a.amountUsd !== null ? `<data key="amountUsd">${a.amountUsd}</data>` : ''}`;
    lines.push(`    <edge id="${escapeXml(id)}" source="${escapeXml(source)}" target="${escapeXml(target)}"><data key="type">${a.relationshipType}</data><data key="illustrative">${a.illustrative}</data>${extra}</edge>`);
  });
  lines.push('  </graph>', '</graphml>');
  return lines.join('\n');
}

export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
