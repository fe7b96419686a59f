import { useEffect, useRef, type ReactNode } from 'react';
import { Chart, type ChartConfiguration, type ChartType } from 'chart.js';
import type { CombinedError } from 'urql';
import { registerCharts } from './chartSetup';

/** How a suppressed bucket reads wherever it appears (chart, table, map). */
export const SUPPRESSED_TEXT = 'suppressed (fewer than 11)';

/** How many rows a horizontal bar chart shows at most; the table lists every bucket read. */
export const CHART_ROWS = 30;

/** Buckets read per dashboard (the API's largest page). */
export const BUCKETS_PER_DASHBOARD = 250;

const integer = new Intl.NumberFormat('en');
const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCompact = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const format = {
  integer: (n: number) => integer.format(n),
  usd: (n: number) => usd.format(n),
  usdCompact: (n: number) => usdCompact.format(n),
  decimal: (n: number) => decimal.format(n),
};

/** The text of a GraphQL or network error, with each error's `extensions.code`. */
export function errorText(error: CombinedError): string {
  if (error.graphQLErrors.length > 0) {
    return error.graphQLErrors
      .map((e) => {
        const code = typeof e.extensions?.code === 'string' ? e.extensions.code : null;
        return code ? `${e.message} (${code})` : e.message;
      })
      .join('; ');
  }
  if (error.networkError) return `Network error: ${error.networkError.message}`;
  return error.message;
}

export function ErrorNote({ error, what }: { error: CombinedError; what: string }) {
  return (
    <p className="dash-error" role="alert">
      Could not load {what}: {errorText(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="dash-loading" role="status">
      Loading {what}…
    </p>
  );
}

/** "N more not shown" when the page the dashboard read was not the last one. */
export function MoreNotShown({ hasNextPage, bucketCount, shown, noun = 'buckets' }: { hasNextPage: boolean; bucketCount: number; shown: number; noun?: string }) {
  if (!hasNextPage) return null;
  const more = Math.max(bucketCount - shown, 0);
  return (
    <p className="dash-more">
      {more > 0 ? `${format.integer(more)} more ${noun} not shown` : `More ${noun} not shown`} (the first {format.integer(shown)} of {format.integer(bucketCount)} were read).
    </p>
  );
}

/** The list of suppressed buckets under a chart, so they are visible, not just missing. */
export function SuppressedList({ labels }: { labels: readonly string[] }) {
  if (labels.length === 0) return null;
  return (
    <p className="dash-suppressed">
      <strong>{SUPPRESSED_TEXT[0]!.toUpperCase() + SUPPRESSED_TEXT.slice(1)}:</strong> {labels.join(', ')}.
    </p>
  );
}

/** A chart's data as a table, folded away under its chart (and read by screen readers as is). */
export function DataTable({ caption, head, rows }: { caption: string; head: readonly string[]; rows: ReadonlyArray<readonly ReactNode[]> }) {
  return (
    <details className="dash-table">
      <summary>Data table</summary>
      <div className="dash-table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={head.length}>No buckets.</td>
              </tr>
            ) : (
              rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * A Chart.js chart on a canvas, rebuilt when its configuration changes (the data are small; a new
 * chart is simpler and safer than patching one) and destroyed on unmount.
 */
export function ChartCanvas<T extends ChartType>({ config, testId, label, height }: { config: ChartConfiguration<T>; testId: string; label: string; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    registerCharts();
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="dash-chart" style={{ height }}>
      <canvas ref={canvas} data-testid={testId} role="img" aria-label={label} />
    </div>
  );
}

/** A dashboard figure: the caption, then the chart (or loading / error), notes and table. */
export function DashFigure({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <figure className="dash-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <span className="dash-figure-title">{title}</span>
        {description ? <span className="dash-figure-description">{description}</span> : null}
      </figcaption>
      {children}
    </figure>
  );
}
