import type { PathsAnswer } from '../canvas/replay';

const money = (value: unknown) => (typeof value === 'number' ? ` · $${Math.round(value).toLocaleString('en-US')}` : '');
const dated = (r: Record<string, unknown>) => {
  const value = r['date'] ?? r['at'] ?? r['heldFrom'] ?? r['since'] ?? r['startDate'];
  return typeof value === 'string' ? ` · ${value.slice(0, 10)}` : '';
};

/** The k shortest paths between two entities, step by step: relationship, direction, date, amount, sources. */
export function PathsPanel({ answer, onClose }: { answer: PathsAnswer; onClose(): void }) {
  return (
    <aside className="card" data-testid="paths-panel">
      <header><h2>How they are connected</h2><button type="button" onClick={onClose} aria-label="Close paths">×</button></header>
      {answer.length === 0 && <p>No path within 6 steps (hubs such as countries are not passed through).</p>}
      {answer.map((path, index) => (
        <section key={index}>
          <h3>Path {index + 1} · {path.length} step{path.length === 1 ? '' : 's'}</h3>
          <ol className="steps">
            {path.steps.map((step) => {
              const r = step.relationship as Record<string, unknown> & typeof step.relationship;
              return (
                <li key={r.id} data-testid="path-step">
                  <strong>{step.from.name}</strong> {step.forward ? `—${r.type}→` : `←${r.type}—`} <strong>{step.to.name}</strong>
                  <span className="meta">{dated(r)}{money(r['amountUsd'])}{r.illustrative ? ' · illustrative' : ''}</span>
                  <span className="meta"> · {r.sources.map((s, i) => `${s.name} (${r.grades[i]?.code ?? '—'})`).join('; ')}</span>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </aside>
  );
}
