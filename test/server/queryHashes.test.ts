import { createHash } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/generator/index.js';

/**
 * @apollo/server is patched (patches/@apollo+server+5.5.1.patch) to remember the hash of a query
 * text it has seen, where it hashed the text on every request. The hash is the key of Apollo's cache
 * of validated documents: a wrong one would answer a query with another's document. Here every hash
 * Apollo hands the plugins must be the SHA-256 of the text sent, for generated texts sent in a random
 * order, again and again, near-identical ones included, long ones (not remembered) too.
 */
describe("Apollo's query hash, remembered", () => {
  it('is the SHA-256 of the text for every request, repeated or not', async () => {
    const seen: Array<{ query: string; hash: string | undefined }> = [];
    const apollo = new ApolloServer({
      typeDefs: 'type Query { a(n: Int): Int, b: String }',
      resolvers: { Query: { a: (_: unknown, { n }: { n?: number }) => n ?? 0, b: () => 'b' } },
      plugins: [{ async requestDidStart() { return { async didResolveSource(context) { seen.push({ query: context.source, hash: context.queryHash }); } }; } }],
    });
    await apollo.start();
    try {
      const random = new Prng(5);
      // Texts that differ in one character, and a few past the remembered length (16,384 characters).
      const texts = [
        ...Array.from({ length: 40 }, (_, i) => `{ a(n: ${i}) }`),
        ...Array.from({ length: 40 }, (_, i) => `{ a(n: ${i}) b }`),
        ...Array.from({ length: 3 }, (_, i) => `{ a(n: ${i}) ${' '.repeat(17_000)}}`),
      ];
      for (let i = 0; i < 600; i++) {
        const query = texts[Math.floor(random.next() * texts.length)]!;
        const response = await apollo.executeOperation({ query });
        expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
      }
    } finally {
      await apollo.stop();
    }
    expect(seen).toHaveLength(600);
    for (const { query, hash } of seen) expect(hash).toBe(createHash('sha256').update(query).digest('hex'));
    // Texts came back: the remembered hashes were asked for.
    expect(new Set(seen.map((s) => s.query)).size).toBeLessThan(100);
  });
});
