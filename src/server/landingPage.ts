/**
 * A self-contained page at GET / for people who open the API in a browser. It needs no internet
 * (Apollo's default landing page loads Sandbox from a CDN, and this machine may be offline).
 */
export function landingPageHtml(graphqlPath: string): string {
  const example = `curl -s http://HOST${graphqlPath} -H 'content-type: application/json' \\\n  -d '{"query":"{ node(id: \\"person:ug-victim-1\\") { id kind name } }"}'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scam Atlas API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1d232a}
code,pre{background:#f2f4f7;border-radius:4px;padding:.1rem .3rem}pre{padding:1rem;overflow:auto}</style></head>
<body><h1>Scam Atlas</h1>
<p>A GraphQL knowledge graph of trafficking-fuelled scam networks. The GraphQL endpoint is
<code>POST ${graphqlPath}</code>; point any GraphQL client (Altair, Insomnia, GraphiQL, Apollo Sandbox) at it.
Introspection tells you every type and field, each with a description.</p>
<pre>${example.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</pre>
<p>Health: <a href="/health">/health</a> (process) and <a href="/ready">/ready</a> (database).</p>
</body></html>`;
}
