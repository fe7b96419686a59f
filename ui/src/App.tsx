import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Provider } from 'urql';
import type Sigma from 'sigma';
import { downloadAsPNG } from '@sigma/export-image';
import { actionsFromHash, actionsToHash, asOfFromHash, type CanvasAction, type ExpandFilter } from './actions';
import { createApiClient, storedToken, storeToken } from './api/session';
import { GraphCanvas, tuneForSize, type CanvasView } from './canvas/GraphCanvas';
import { createCanvasGraph, curveParallelEdges, type EdgeAttributes, type NodeAttributes } from './canvas/graphModel';
import { CanvasLayout } from './canvas/layout';
import { applyAction, type ActionOutcome } from './canvas/replay';
import { benchmarkCanvas, type CanvasBenchmarkRequest } from './canvas/benchmark';
import { exportView } from './canvas/exportView';
import { Dashboards } from './dashboards/Dashboards';
import { EntityCard } from './panels/EntityCard';
import { MoneyPanel } from './panels/MoneyPanel';
import { PathsPanel } from './panels/PathsPanel';
import { SearchBox } from './panels/SearchBox';
import { SignIn } from './panels/SignIn';
import { Timeline } from './panels/Timeline';
import { KIND_STYLE } from './theme';

type Tab = 'explore' | 'dashboards';
const EMPTY: ActionOutcome = { highlightNodes: new Set(), highlightEdges: new Set() };

/** The explorer: sign in, search, draw, expand, connect, follow the money, and the dashboards. */
export function App() {
  const [token, setToken] = useState<string | null>(() => storedToken());
  const client = useMemo(() => createApiClient(token), [token]);
  const graph = useMemo(() => createCanvasGraph(), []);
  const layout = useMemo(() => new CanvasLayout(graph), [graph]);
  const sigmaRef = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  const [actions, setActions] = useState<CanvasAction[]>(() => actionsFromHash(window.location.hash));
  // The date the whole canvas is drawn as of (the API's `asOf`); null: today's graph.
  const [asOf, setAsOf] = useState<string | null>(() => asOfFromHash(window.location.hash));
  const [outcome, setOutcome] = useState<ActionOutcome>(EMPTY);
  const [selected, setSelected] = useState<string | null>(null);
  const [pathStart, setPathStart] = useState<string | null>(null);
  const [timeWindow, setTimeWindow] = useState<{ from: string; to: string } | null>(null);
  const [tab, setTab] = useState<Tab>('explore');
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  // The canvas is the replay of the action list: on every change (and on sign-in, since the role
  // decides what exists) it is rebuilt, keeping the positions of what was already drawn.
  useEffect(() => {
    let cancelled = false;
    const positions = new Map<string, { x: number; y: number }>();
    graph.forEachNode((node, a) => positions.set(node, { x: a.x, y: a.y }));
    (async () => {
      setBusy(true);
      // Built aside and swapped in only if still current: an undo, a newer action or a sign-out
      // while this replay waits for the API must leave nothing of it on the canvas.
      const next = createCanvasGraph();
      let last: ActionOutcome = EMPTY;
      const messages: string[] = [];
      for (const action of actions) {
        try {
          last = await applyAction(client, next, action, asOf);
          if (last.message) messages.push(last.message);
        } catch (error) {
          messages.push(error instanceof Error ? error.message : String(error));
        }
        if (cancelled) return;
      }
      curveParallelEdges(next);
      graph.clear();
      graph.import(next.export());
      if (sigmaRef.current) tuneForSize(sigmaRef.current, graph);
      const kept: string[] = [];
      graph.forEachNode((node) => {
        const known = positions.get(node);
        if (known) {
          graph.mergeNodeAttributes(node, known);
          kept.push(node);
        }
      });
      setOutcome({ ...last, ...(messages.length ? { message: messages[messages.length - 1] } : {}) });
      setBusy(false);
      setVersion((v) => v + 1);
      // What was drawn stays where the reader left it; only new entities find their place.
      if (kept.length < graph.order) await layout.run({ fixed: kept.length > 1 ? kept : [] }).catch((error: unknown) => setOutcome((o) => ({ ...o, message: String(error) })));
    })();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${actionsToHash(actions, asOf)}`);
    return () => {
      cancelled = true;
      setBusy(false);
    };
  }, [actions, asOf, client, graph, layout]);

  // A link pasted into this tab (only the fragment changes, so the page does not reload) replays too.
  useEffect(() => {
    const onHashChange = () => {
      const next = actionsFromHash(window.location.hash);
      setActions((current) => (actionsToHash(current) === actionsToHash(next) ? current : next));
      setAsOf(asOfFromHash(window.location.hash));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  // The drawing benchmark's handle (bench/explorer.ts), on /explore?bench only.
  useEffect(() => {
    if (!new URLSearchParams(window.location.search).has('bench')) return;
    (window as unknown as { scamAtlasBench?: unknown }).scamAtlasBench = (request: CanvasBenchmarkRequest) => {
      if (!sigmaRef.current) throw new Error('the canvas is not ready');
      return benchmarkCanvas(graph, layout, sigmaRef.current, request);
    };
  }, [graph, layout]);

  const act = useCallback((action: CanvasAction) => setActions((list) => [...list, action]), []);
  const undo = () => setActions((list) => list.slice(0, -1));
  const dates = useMemo(() => {
    const all = new Set<string>();
    graph.forEachEdge((_e, a) => { if (a.date) all.add(a.date); });
    return [...all].sort();
    // Recomputed when a replay finished.
  }, [graph, version]);

  // How many links the timeline leaves drawn (undated ones always are).
  const inWindow = useMemo(() => {
    if (!timeWindow) return null;
    return graph.filterEdges((_e, a) => !a.date || (a.date >= timeWindow.from && a.date <= timeWindow.to)).length;
  }, [graph, timeWindow, version]);

  // The canvas's entities as a list too: what a screen reader or the keyboard uses, not the WebGL canvas.
  const canvasEntities = useMemo(() => graph.mapNodes((id, a) => ({ id, label: a.label, kind: a.kind })).sort((a, b) => a.label.localeCompare(b.label)),
    // Recomputed when a replay finished.
    [graph, version]);

  const view: CanvasView = useMemo(() => ({ selected, highlightNodes: outcome.highlightNodes, highlightEdges: outcome.highlightEdges, timeWindow }), [selected, outcome, timeWindow]);

  const signIn = (value: string | null) => {
    storeToken(value);
    setToken(value);
  };

  return (
    <Provider value={client}>
      <div className="app">
        <header className="topbar">
          <h1>Scam Atlas</h1>
          <nav aria-label="Views">
            <button type="button" aria-pressed={tab === 'explore'} onClick={() => setTab('explore')}>Explore</button>
            <button type="button" aria-pressed={tab === 'dashboards'} onClick={() => setTab('dashboards')} data-testid="tab-dashboards">Dashboards</button>
            <a href="/graphiql">GraphiQL</a>
          </nav>
          {tab === 'explore' && <SearchBox onPick={(id) => { act({ t: 'add', id }); setSelected(id); }} />}
          <SignIn key={token ?? 'anonymous'} signedIn={token !== null} onSignIn={signIn} onSignOut={() => signIn(null)} />
        </header>
        {tab === 'dashboards' ? (
          <main className="dashboards-view"><Dashboards /></main>
        ) : (
          <main className="explore">
            <section className="stage">
              <div className="toolbar" role="toolbar" aria-label="Canvas">
                <button type="button" onClick={undo} disabled={actions.length === 0}>Undo</button>
                <button type="button" onClick={() => { setActions([]); setSelected(null); setPathStart(null); }} disabled={actions.length === 0}>Clear</button>
                <button type="button" onClick={() => void navigator.clipboard?.writeText(window.location.href)}>Copy link</button>
                <button type="button" data-testid="export-png" onClick={() => sigmaRef.current && void downloadAsPNG(sigmaRef.current as unknown as Parameters<typeof downloadAsPNG>[0], { fileName: 'scam-atlas-view', backgroundColor: '#ffffff' })}>PNG</button>
                <button type="button" data-testid="export-graphml" onClick={() => void exportView(client, graph, 'GRAPHML').then((message) => setOutcome((o) => ({ ...o, message })))}>GraphML</button>
                <button type="button" data-testid="export-ftm" onClick={() => void exportView(client, graph, 'FTM').then((message) => setOutcome((o) => ({ ...o, message })))}>FollowTheMoney</button>
                <label className="as-of">
                  As of{' '}
                  <input type="date" data-testid="as-of" value={asOf ?? ''} max="9999-12-31"
                    onChange={(event) => setAsOf(/^\d{4}-\d{2}-\d{2}$/.test(event.target.value) ? event.target.value : null)}
                    title="Draw the network as it stood on this date: only the links true that day. Empty: today." />
                </label>
                {asOf && <button type="button" onClick={() => setAsOf(null)}>Today</button>}
                <span className="status" role="status" data-testid="status">{busy ? 'Loading…' : `${graph.order} entities · ${graph.size} links${inWindow === null ? '' : ` (${inWindow} in the time window)`}${outcome.message ? ` — ${outcome.message}` : ''}`}</span>
              </div>
              <GraphCanvas graph={graph} view={view} onSelect={setSelected} onExpand={(id) => act({ t: 'expand', id })} onReady={(s) => { sigmaRef.current = s; }} />
              <Timeline dates={dates} window={timeWindow} onChange={setTimeWindow} />
              <ul className="legend" aria-label="Kinds">
                {Object.values(KIND_STYLE).map((s) => <li key={s.label}><span className="badge" style={{ background: s.colour }}>{s.badge}</span>{s.label}</li>)}
                <li>ⁱ illustrative</li>
              </ul>
              <details className="entity-list">
                <summary>Entities on the canvas ({graph.order}) — keyboard: Tab to one, Enter opens its card</summary>
                <ul data-testid="canvas-entities">
                  {canvasEntities.map((e) => (
                    <li key={e.id}>
                      <button type="button" data-id={e.id} onClick={() => setSelected(e.id)} onDoubleClick={() => act({ t: 'expand', id: e.id })}>
                        <span className="badge" style={{ background: KIND_STYLE[e.kind].colour }}>{KIND_STYLE[e.kind].badge}</span>{e.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
              {actions.length === 0 && <p className="empty">Search for an entity to start — for example “Myanmar”, “INTERPOL” or the first characters of a wallet address.</p>}
            </section>
            <section className="side">
              {outcome.paths && <PathsPanel answer={outcome.paths.answer} onClose={() => setOutcome({ ...outcome, paths: undefined, highlightNodes: new Set(), highlightEdges: new Set() })} />}
              {outcome.trail && <MoneyPanel trail={outcome.trail} onClose={() => setOutcome({ ...outcome, trail: undefined, highlightNodes: new Set(), highlightEdges: new Set() })} />}
              {selected && (
                <EntityCard
                  id={selected}
                  asOf={asOf}
                  pathStart={pathStart}
                  onExpand={(id, filter?: ExpandFilter) => act({ t: 'expand', id, ...(filter && Object.keys(filter).length ? { filter } : {}) })}
                  onPathStart={setPathStart}
                  onPathTo={(id) => { if (pathStart) act({ t: 'paths', from: pathStart, to: id }); }}
                  onFollowMoney={(id, direction) => act({ t: 'money', id, direction })}
                />
              )}
            </section>
          </main>
        )}
      </div>
    </Provider>
  );
}
