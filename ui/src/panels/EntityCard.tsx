import { useState } from 'react';
import { useQuery } from 'urql';
import { EntityCardQuery } from '../api/documents';
import type { ExpandFilter } from '../actions';
import { KIND_STYLE } from '../theme';

interface Props {
  id: string;
  /** The date the canvas is drawn as of: the card shows the links of that date. */
  asOf: string | null;
  pathStart: string | null;
  onExpand(id: string, filter?: ExpandFilter): void;
  onPathStart(id: string): void;
  onPathTo(id: string): void;
  onFollowMoney(id: string, direction: 'DOWNSTREAM' | 'UPSTREAM'): void;
}

/** Fields every card leaves out of its property table (shown elsewhere on the card). */
const SHOWN_ELSEWHERE = new Set(['__typename', 'id', 'kind', 'name', 'aliases', 'description', 'illustrative', 'topics', 'sources', 'grades', 'relationships', 'protected', 'nationalities', 'locations']);
const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'];

const label = (field: string) => field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
const show = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : typeof value === 'number' ? value.toLocaleString('en-US') : String(value));

/** An entity's card: its properties by kind, every source with its grade, protected fields where the role allows, links to expand. */
export function EntityCard({ id, asOf, pathStart, onExpand, onPathStart, onPathTo, onFollowMoney }: Props) {
  const [{ data, error, fetching }] = useQuery({ query: EntityCardQuery, variables: { id, asOf } });
  const [filter, setFilter] = useState<ExpandFilter>({});
  if (fetching && !data) return <aside className="card">Loading…</aside>;
  if (error) return <aside className="card error" role="alert">{error.message.replace(/^\[\w+\] /, '')}</aside>;
  const node = data?.node;
  if (!node) return <aside className="card">Not visible to your role, or no such entity{asOf ? ` as of ${asOf}` : ''}.</aside>;
  const style = KIND_STYLE[node.kind];
  const properties = Object.entries(node).filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && value !== null && !(Array.isArray(value) && value.length === 0));
  const counts = new Map<string, number>();
  for (const edge of node.relationships.edges) counts.set(edge.node.type, (counts.get(edge.node.type) ?? 0) + 1);
  const gradeOf = (sourceId: string) => node.grades.find((grade) => grade.sourceId === sourceId)?.code;
  const protectedFields = 'protected' in node ? node.protected : null;
  return (
    <aside className="card" data-testid="entity-card" aria-label={`${style.label} ${node.name}`}>
      <header>
        <span className="badge" style={{ background: style.colour }}>{style.badge}</span>
        <h2>{node.name}</h2>
        <span className="kind">{style.label}{node.illustrative ? ' · illustrative' : ''}</span>
      </header>
      {node.aliases.length > 0 && <p className="aliases">Also: {node.aliases.join(', ')}</p>}
      {node.description && <p>{node.description}</p>}
      <dl className="properties">
        {properties.map(([key, value]) => (
          <div key={key}><dt>{label(key)}</dt><dd>{show(value)}</dd></div>
        ))}
        {'nationalities' in node && node.nationalities.length > 0 && <div><dt>Nationalities</dt><dd>{node.nationalities.map((n) => n.name).join(', ')}</dd></div>}
        {'locations' in node && node.locations.length > 0 && <div><dt>Located in</dt><dd>{node.locations.map((l) => l.name).join(', ')}</dd></div>}
      </dl>
      {protectedFields && (
        <section className="protected" data-testid="protected-fields">
          <h3>Protected (investigators)</h3>
          <dl className="properties">
            {Object.entries(protectedFields).filter(([key, value]) => key !== '__typename' && value !== null && !(Array.isArray(value) && value.length === 0)).map(([key, value]) => (
              <div key={key}><dt>{label(key)}</dt><dd>{show(value)}</dd></div>
            ))}
          </dl>
        </section>
      )}
      <section data-testid="sources">
        <h3>Sources</h3>
        <ul className="sources">
          {node.sources.map((source) => (
            <li key={source.id}>
              <span className="grade" title="Admiralty grade: source reliability A–F, information credibility 1–6">{gradeOf(source.id) ?? '—'}</span>{' '}
              {source.url ? <a href={source.url} rel="noreferrer noopener" target="_blank">{source.name}</a> : source.name}
              {source.publisher ? ` (${source.publisher}${source.publishedAt ? `, ${source.publishedAt}` : ''})` : ''}
            </li>
          ))}
          {node.sources.length === 0 && <li>None: this is a source itself.</li>}
        </ul>
      </section>
      <section>
        <h3>Links ({node.relationships.totalCount})</h3>
        <div className="links">
          {[...counts].map(([type, count]) => (
            <button type="button" key={type} onClick={() => onExpand(node.id, { ...filter, types: [type] })}>{type} · {count}</button>
          ))}
        </div>
        <details className="filters">
          <summary>Expand filters</summary>
          <label>Kinds <select multiple value={filter.kinds ?? []} onChange={(e) => setFilter({ ...filter, kinds: [...e.target.selectedOptions].map((o) => o.value) })}>
            {Object.entries(KIND_STYLE).map(([kind, s]) => <option key={kind} value={kind}>{s.label}</option>)}
          </select></label>
          <label>Minimum reliability <select value={filter.minReliability ?? ''} onChange={(e) => setFilter({ ...filter, ...(e.target.value ? { minReliability: e.target.value } : { minReliability: undefined }) })}>
            <option value="">any</option>
            {RELIABILITY.map((r) => <option key={r} value={r}>{r} or better</option>)}
          </select></label>
          <label>Minimum credibility <select value={filter.minCredibility ?? ''} onChange={(e) => setFilter({ ...filter, minCredibility: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">any</option>
            {[1, 2, 3, 4, 5].map((c) => <option key={c} value={c}>{c} or better</option>)}
          </select></label>
          <label>From <input type="date" value={filter.since ?? ''} onChange={(e) => setFilter({ ...filter, since: e.target.value || undefined })} /></label>
          <label>Until <input type="date" value={filter.until ?? ''} onChange={(e) => setFilter({ ...filter, until: e.target.value || undefined })} /></label>
        </details>
      </section>
      <div className="actions">
        <button type="button" data-testid="expand" onClick={() => onExpand(node.id, filter)}>Expand</button>
        {pathStart && pathStart !== node.id
          ? <button type="button" data-testid="path-to" onClick={() => onPathTo(node.id)}>How is it connected to the start?</button>
          : <button type="button" data-testid="path-start" onClick={() => onPathStart(node.id)}>{pathStart === node.id ? 'Path start ✓' : 'Start a path here'}</button>}
        {node.kind === 'ACCOUNT' && (
          <>
            <button type="button" data-testid="follow-money" onClick={() => onFollowMoney(node.id, 'DOWNSTREAM')}>Follow the money</button>
            <button type="button" onClick={() => onFollowMoney(node.id, 'UPSTREAM')}>Where it came from</button>
          </>
        )}
      </div>
    </aside>
  );
}
