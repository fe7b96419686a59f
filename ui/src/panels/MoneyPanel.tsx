import type { TrailAnswer } from '../canvas/replay';

const usd = (value: number | null | undefined) => (typeof value === 'number' ? `$${Math.round(value).toLocaleString('en-US')}` : '—');

/** A money trail: accounts reached with gross and traced amounts, and the transfers in time order, cycles marked. */
export function MoneyPanel({ trail, onClose }: { trail: TrailAnswer; onClose(): void }) {
  const cycles = new Set(trail.cycles.map((c) => c.id));
  const names = new Map([[trail.origin.id, trail.origin.name], ...trail.accounts.map((a) => [a.account.id, a.account.name] as const)]);
  const transfers = [...trail.transfers].sort((a, b) => String((a as { at?: string }).at ?? '').localeCompare(String((b as { at?: string }).at ?? '')));
  return (
    <aside className="card" data-testid="money-panel">
      <header><h2>Money from {trail.origin.name}</h2><button type="button" onClick={onClose} aria-label="Close money trail">×</button></header>
      <p>First-hop total {usd(trail.totalAmountUsd)}{trail.truncated ? ' · cut short by the caps' : ''}.</p>
      <table>
        <caption>Accounts reached (traced: how much can have come from the origin, proportional tracing)</caption>
        <thead><tr><th>Account</th><th>Hops</th><th>Gross</th><th>Traced</th></tr></thead>
        <tbody>
          {trail.accounts.map((a) => (
            <tr key={a.account.id}><td>{a.account.name}</td><td>{a.hops}</td><td>{usd(a.amountUsd)}</td><td>{usd(a.tracedAmountUsd)}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>Transfers, in time order</h3>
      <ol className="steps" data-testid="trail-transfers">
        {transfers.map((t) => {
          const r = t as typeof t & { at?: string | null; amountUsd?: number | null };
          return (
            <li key={t.id} className={cycles.has(t.id) ? 'cycle' : undefined}>
              {String(r.at ?? '').slice(0, 16).replace('T', ' ')} · {names.get(t.from.id) ?? t.from.id} → {names.get(t.to.id) ?? t.to.id} · {usd(r.amountUsd)}
              {cycles.has(t.id) && <strong> · cycle</strong>}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
