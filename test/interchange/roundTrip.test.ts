import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSubgraph } from '../../src/graph/index.js';
import { generateNetwork } from '../../src/generator/index.js';
import { exportLines, type ExportFormat } from '../../src/interchange/index.js';
import { removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { importValues } from './support.js';

const P = 't-roundtrip:';
const START = `${P}person:recruiter-0`;

describe('exporting a subgraph', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const records = [...generateNetwork({ entities: 400, seed: 11, prefix: P })];
    // FollowTheMoney data too, so that the properties kept from FtM make the trip as well.
    records.push(
      { id: `${P}ftm-company`, schema: 'Company', properties: { name: ['Front Co'], registrationNumber: ['R-1'] } },
      { id: `${P}ftm-directorship`, schema: 'Directorship', properties: { director: [START], organization: [`${P}ftm-company`], role: ['director'], summary: ['kept'] } },
    );
    const summary = await importValues(api.db, records, { ftm: { sourceId: `${P}ftm-source`, sourceName: 'FtM', reliability: 'F', credibility: 6 } });
    expect(summary.rejections).toEqual([]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  async function exported(format: ExportFormat): Promise<string[]> {
    const subgraph = await findSubgraph(api.db, START, 2);
    if (!subgraph) throw new Error('no subgraph');
    return [...exportLines(subgraph, format)];
  }

  for (const format of ['native', 'ftm'] as const) {
    it(`re-imports a ${format} export to the same subgraph`, async () => {
      const before = (await exported('native')).sort();
      expect(before.length).toBeGreaterThan(20);
      expect(before.some((l) => l.includes('"ftm":{"schema":"Company"'))).toBe(true);
      const lines = await exported(format);

      await removeByPrefix(api.db, P);
      expect(await findSubgraph(api.db, START, 2)).toBeUndefined();
      const summary = await importValues(api.db, lines);
      expect(summary.rejections).toEqual([]);
      expect((await exported('native')).sort()).toEqual(before);
    });
  }

  it('writes GraphML with every node and edge for Gephi and yEd', async () => {
    const subgraph = (await findSubgraph(api.db, START, 2))!;
    const xml = (await exported('graphml')).join('\n');
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml.match(/<node id=/g)?.length).toBe(subgraph.nodes.length);
    expect((await exported('graphml')).join('\n').match(/<edge id=/g)?.length).toBeGreaterThan(0);
    expect(xml).toContain(`<node id="${START}">`);
    expect(xml).toContain('<data key="e_type">RECRUITED</data>');
  });
});
