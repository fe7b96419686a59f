import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/index.js';
import { removeByPrefix, seedStory } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, TEST_SECRET } from '../auth/support.js';

/**
 * Every ```graphql block of the README and docs/, run against the demo story: the docs stay true. A
 * block that starts with `# as: <role>` is sent with a token of that role (subject EXAMPLE_SUBJECT):
 * watch rules and alerts belong to a token's subject.
 */
const EXAMPLE_SUBJECT = 'readme-example';
const AS_ROLE = /^\s*# as: (\w+)/;
const DOCUMENTS = ['README.md', 'docs/story-queries.md'];

function graphqlBlocks(file: string): string[] {
  const text = readFileSync(path.join(projectRoot, file), 'utf8');
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('the documented example queries', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'admin', jwtSecret: TEST_SECRET } });
    await seedStory(api.db);
  });
  const forgetExampleRules = () => api.db.write(
    'MATCH (n) WHERE (n:WatchRule OR n:Alert) AND n.owner = $owner DETACH DELETE n', { owner: EXAMPLE_SUBJECT },
  );
  afterAll(async () => {
    await forgetExampleRules();
    await removeByPrefix(api.db, 'person:example-');
    await api.stop();
  });

  for (const file of DOCUMENTS) {
    const blocks = graphqlBlocks(file);
    it(`${file} has example queries`, () => {
      expect(blocks.length).toBeGreaterThan(0);
    });
    blocks.forEach((query, i) => {
      const firstLine = query.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
      it(`${file} example ${i + 1} (${firstLine.slice(0, 40)}) runs without errors and finds data`, async () => {
        const role = AS_ROLE.exec(query)?.[1];
        const response = await api.graphql(query, undefined, role ? bearer(await hs256Token({ role }, { subject: EXAMPLE_SUBJECT })) : {});
        expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
        expect(JSON.stringify(response.data)).not.toMatch(/^\{"\w+":(null|\[\])\}$/);
      });
    });
  }
});
