import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { ChartConfiguration } from 'chart.js';
import type { ScamCentreStatus } from '../gql/graphql';
import { KIND_STYLE } from '../theme';
import { rowNotesPlugin } from './chartSetup';
import {
  BUCKETS_PER_DASHBOARD,
  CHART_ROWS,
  ChartCanvas,
  DashFigure,
  DataTable,
  ErrorNote,
  Loading,
  MoreNotShown,
  SUPPRESSED_TEXT,
  SuppressedList,
  format,
} from './common';
import { countryName } from './countries';
import {
  FlowsByCurrencyAndMonthQuery,
  RecruitmentCorridorsQuery,
  ScamCentresByCountryQuery,
  VictimsByNationalityQuery,
} from './documents';
import {
  STATUSES,
  STATUS_COLOUR,
  centresByCountry,
  corridorCodes,
  corridorNames,
  isSuppressed,
  statusLabel,
  type CorridorBucket,
  type FlowBucket,
  type VictimBucket,
} from './model';

const PERSON_COLOUR = KIND_STYLE.PERSON.colour;
const BAR_BORDER = '#1f2933';

/** Height of a horizontal bar chart with `rows` rows. */
function barHeight(rows: number): number {
  return Math.max(120, rows * 26 + 56);
}

/** "The chart shows the first 30 of 120 buckets read; the table lists them all." */
function ChartCut({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <p className="dash-more">
      The chart shows the first {format.integer(shown)} of the {format.integer(total)} buckets read; the data table lists them all.
    </p>
  );
}

/** A horizontal bar chart of one count per row; suppressed rows are labelled as such on the chart. */
function countBarConfig(labels: string[], values: Array<number | null>, what: string, colour: string, tooltipTitles?: string[]): ChartConfiguration<'bar', Array<number | null>, string> {
  const hasNumbers = values.some((v) => v !== null);
  const notes = values.map((v) => (v === null ? SUPPRESSED_TEXT : format.integer(v)));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [{ label: what, data: values, backgroundColor: colour, borderColor: BAR_BORDER, borderWidth: 1, maxBarThickness: 18 }],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { right: 24 } },
      scales: {
        x: { beginAtZero: true, grace: '20%', display: hasNumbers, ticks: { precision: 0 }, title: { display: hasNumbers, text: what } },
        y: { grid: { display: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const i = items[0]?.dataIndex;
              return i === undefined ? '' : (tooltipTitles?.[i] ?? labels[i] ?? '');
            },
            label: (item) => `${format.integer(item.parsed.x ?? 0)} ${what.toLowerCase()}`,
          },
        },
      },
    },
    plugins: [rowNotesPlugin(notes)],
  };
}

export function VictimsByNationalityChart() {
  const [{ data, error, fetching }] = useQuery({ query: VictimsByNationalityQuery, variables: { first: BUCKETS_PER_DASHBOARD } });
  const page = data?.victimsByNationality;
  const nodes: readonly VictimBucket[] = useMemo(() => page?.nodes ?? [], [page]);
  const rows = useMemo(() => nodes.slice(0, CHART_ROWS), [nodes]);
  const config = useMemo(
    () =>
      countBarConfig(
        rows.map((n) => countryName(n.countryCode)),
        rows.map((n) => (isSuppressed(n, n.victims) ? null : n.victims)),
        'Victims',
        PERSON_COLOUR,
      ),
    [rows],
  );
  return (
    <DashFigure id="dash-victims" title="Trafficking victims by nationality" description="Largest first; victims of unknown nationality as “Unknown”.">
      {error ? <ErrorNote error={error} what="victims by nationality" /> : null}
      {!page && fetching ? <Loading what="victims by nationality" /> : null}
      {page ? (
        <>
          <ChartCanvas config={config} testId="chart-victims-by-nationality" label={`Bar chart of trafficking victims by nationality, ${nodes.length} buckets; the data table below lists them.`} height={barHeight(rows.length)} />
          <ChartCut shown={rows.length} total={nodes.length} />
          <MoreNotShown hasNextPage={page.pageInfo.hasNextPage} bucketCount={page.bucketCount} shown={nodes.length} noun="nationalities" />
          <SuppressedList labels={nodes.filter((n) => isSuppressed(n, n.victims)).map((n) => countryName(n.countryCode))} />
          <DataTable
            caption="Trafficking victims by nationality"
            head={['Nationality', 'Code', 'Victims']}
            rows={nodes.map((n) => [countryName(n.countryCode), n.countryCode ?? '—', isSuppressed(n, n.victims) ? SUPPRESSED_TEXT : format.integer(n.victims)])}
          />
        </>
      ) : null}
    </DashFigure>
  );
}

export function RecruitmentCorridorsChart() {
  const [{ data, error, fetching }] = useQuery({ query: RecruitmentCorridorsQuery, variables: { first: BUCKETS_PER_DASHBOARD } });
  const page = data?.recruitmentCorridors;
  const nodes: readonly CorridorBucket[] = useMemo(() => page?.nodes ?? [], [page]);
  const rows = useMemo(() => nodes.slice(0, CHART_ROWS), [nodes]);
  const config = useMemo(
    () =>
      countBarConfig(
        rows.map(corridorCodes),
        rows.map((n) => (isSuppressed(n, n.victims) ? null : n.victims)),
        'People',
        PERSON_COLOUR,
        rows.map(corridorNames),
      ),
    [rows],
  );
  return (
    <DashFigure id="dash-corridors" title="Recruitment corridors" description="Origin → transit countries → destination, with how many people took each; most travelled first.">
      {error ? <ErrorNote error={error} what="recruitment corridors" /> : null}
      {!page && fetching ? <Loading what="recruitment corridors" /> : null}
      {page ? (
        <>
          <ChartCanvas config={config} testId="chart-recruitment-corridors" label={`Bar chart of recruitment corridors by number of people, ${nodes.length} corridors; the data table below lists them.`} height={barHeight(rows.length)} />
          <ChartCut shown={rows.length} total={nodes.length} />
          <MoreNotShown hasNextPage={page.pageInfo.hasNextPage} bucketCount={page.bucketCount} shown={nodes.length} noun="corridors" />
          <SuppressedList labels={nodes.filter((n) => isSuppressed(n, n.victims)).map(corridorCodes)} />
          <DataTable
            caption="Recruitment corridors"
            head={['Corridor', 'Countries', 'People']}
            rows={nodes.map((n) => [corridorCodes(n), corridorNames(n), isSuppressed(n, n.victims) ? SUPPRESSED_TEXT : format.integer(n.victims)])}
          />
        </>
      ) : null}
    </DashFigure>
  );
}

export function ScamCentresByCountryChart() {
  const [{ data, error, fetching }] = useQuery({ query: ScamCentresByCountryQuery, variables: { first: BUCKETS_PER_DASHBOARD } });
  const page = data?.scamCentresByCountry;
  const nodes = useMemo(() => page?.nodes ?? [], [page]);
  const countries = useMemo(() => centresByCountry(nodes), [nodes]);
  const rows = useMemo(() => countries.slice(0, CHART_ROWS), [countries]);
  const config = useMemo((): ChartConfiguration<'bar', Array<number | null>, string> => {
    const statuses: Array<ScamCentreStatus | null> = [...STATUSES, null].filter((s) => rows.some((r) => r.byStatus.has(s)));
    const hasNumbers = rows.some((r) => r.total > 0 || r.byStatus.size > 0);
    const notes = rows.map((r) => {
      const parts: string[] = [];
      if (r.byStatus.size > 0) parts.push(format.integer(r.total));
      if (r.suppressed.length > 0) parts.push(`${r.suppressed.map(statusLabel).join(', ')}: ${SUPPRESSED_TEXT}`);
      return parts.join(' · ') || null;
    });
    return {
      type: 'bar',
      data: {
        labels: rows.map((r) => countryName(r.countryCode)),
        datasets: statuses.map((s) => ({
          label: statusLabel(s),
          data: rows.map((r) => r.byStatus.get(s) ?? null),
          backgroundColor: s ? STATUS_COLOUR[s] : '#d3d3d3',
          borderColor: BAR_BORDER,
          borderWidth: 1,
          maxBarThickness: 18,
        })),
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { right: 24 } },
        scales: {
          x: { stacked: true, beginAtZero: true, grace: '30%', display: hasNumbers, ticks: { precision: 0 }, title: { display: hasNumbers, text: 'Scam centres' } },
          y: { stacked: true, grid: { display: false } },
        },
        plugins: {
          legend: { display: statuses.length > 0, position: 'bottom', labels: { boxWidth: 14 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format.integer(item.parsed.x ?? 0)}` } },
        },
      },
      plugins: [rowNotesPlugin(notes)],
    };
  }, [rows]);
  return (
    <DashFigure id="dash-centres" title="Scam centres by country and status" description="Centres per country, stacked by status as last reported; largest first.">
      {error ? <ErrorNote error={error} what="scam centres by country" /> : null}
      {!page && fetching ? <Loading what="scam centres by country" /> : null}
      {page ? (
        <>
          <ChartCanvas config={config} testId="chart-scam-centres-by-country" label={`Stacked bar chart of scam centres by country and status, ${countries.length} countries; the data table below lists them.`} height={barHeight(rows.length) + 36} />
          <ChartCut shown={rows.length} total={countries.length} />
          <MoreNotShown hasNextPage={page.pageInfo.hasNextPage} bucketCount={page.bucketCount} shown={nodes.length} />
          <SuppressedList labels={nodes.filter((n) => isSuppressed(n, n.count)).map((n) => `${countryName(n.countryCode)} (${statusLabel(n.status)})`)} />
          <DataTable
            caption="Scam centres by country and status"
            head={['Country', 'Code', 'Status', 'Scam centres']}
            rows={nodes.map((n) => [countryName(n.countryCode), n.countryCode ?? '—', statusLabel(n.status), isSuppressed(n, n.count) ? SUPPRESSED_TEXT : format.integer(n.count)])}
          />
        </>
      ) : null}
    </DashFigure>
  );
}

/** Tableau 10, one per currency, with a point style each so the lines differ in more than colour. */
const CURRENCY_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#9c755f', '#e15759', '#76b7b2', '#edc948', '#ff9da7', '#bab0ac'];
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross', 'dash', 'line'] as const;

export function FlowsByCurrencyAndMonthChart() {
  const [{ data, error, fetching }] = useQuery({ query: FlowsByCurrencyAndMonthQuery, variables: { first: BUCKETS_PER_DASHBOARD } });
  const page = data?.flowsByCurrencyAndMonth;
  const nodes: readonly FlowBucket[] = useMemo(() => page?.nodes ?? [], [page]);
  const config = useMemo((): ChartConfiguration<'line', Array<number | null>, string> => {
    const months = [...new Set(nodes.map((n) => n.month ?? '?'))].sort();
    const published = nodes.filter((n) => !isSuppressed(n, n.amountUsd));
    const currencies = [...new Set(published.map((n) => n.currency ?? '?'))].sort();
    const bucket = new Map(published.map((n) => [`${n.currency ?? '?'}|${n.month ?? '?'}`, n]));
    return {
      type: 'line',
      data: {
        labels: months,
        datasets: currencies.map((currency, i) => ({
          label: currency,
          data: months.map((m) => bucket.get(`${currency}|${m}`)?.amountUsd ?? null),
          borderColor: CURRENCY_COLOURS[i % CURRENCY_COLOURS.length],
          backgroundColor: CURRENCY_COLOURS[i % CURRENCY_COLOURS.length],
          pointStyle: POINT_STYLES[i % POINT_STYLES.length],
          pointRadius: 5,
          pointHoverRadius: 7,
          borderWidth: 2,
          spanGaps: false,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: 'Month' } },
          y: { beginAtZero: true, title: { display: true, text: 'US dollars' }, ticks: { callback: (v) => format.usdCompact(Number(v)) } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const b = bucket.get(`${item.dataset.label ?? '?'}|${item.label}`);
                if (!b) return `${item.dataset.label ?? ''}: ${format.usd(item.parsed.y ?? 0)}`;
                const amount = b.amount !== null ? `${format.decimal(b.amount)} ${b.currency ?? ''}, ` : '';
                const transfers = b.transfers !== null ? `${format.integer(b.transfers)} transfers` : '';
                return `${b.currency ?? '?'}: ${format.usd(b.amountUsd ?? 0)} (${amount}${transfers})`;
              },
            },
          },
        },
      },
    };
  }, [nodes]);
  return (
    <DashFigure id="dash-flows" title="Money flows by currency and month" description="Sum of transfers each month in US dollars, one line per currency or token.">
      {error ? <ErrorNote error={error} what="flows by currency and month" /> : null}
      {!page && fetching ? <Loading what="flows by currency and month" /> : null}
      {page ? (
        <>
          <ChartCanvas config={config} testId="chart-flows-by-currency-and-month" label={`Line chart of transfers in US dollars by month, one line per currency, ${nodes.length} buckets; the data table below lists them.`} height={320} />
          <MoreNotShown hasNextPage={page.pageInfo.hasNextPage} bucketCount={page.bucketCount} shown={nodes.length} />
          <SuppressedList labels={nodes.filter((n) => isSuppressed(n, n.amountUsd)).map((n) => `${n.currency ?? '?'} ${n.month ?? '?'}`)} />
          <DataTable
            caption="Money flows by currency and month"
            head={['Month', 'Currency', 'Transfers', 'Amount', 'US dollars']}
            rows={nodes.map((n) => {
              const shown = (value: number | null, fmt: (v: number) => string) => (n.suppressed ? SUPPRESSED_TEXT : value === null ? '—' : fmt(value));
              return [n.month ?? '—', n.currency ?? '—', shown(n.transfers, format.integer), shown(n.amount, format.decimal), shown(n.amountUsd, format.usd)];
            })}
          />
        </>
      ) : null}
    </DashFigure>
  );
}
