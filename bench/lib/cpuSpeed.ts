/**
 * How fast one core runs right now: iterations of a fixed integer loop per millisecond, over
 * SPEED_PROBE_MS. Some hosts throttle a busy machine — this one, on 2026-12-02, ran a busy core at
 * about a sixth of its speed after the first second, for hours — and then a run's figures are not
 * comparable with another's. The bench probes after each measured drive (its own process is idle
 * between drives, so the probe measures the machine, not the load) and the report says what it saw.
 */
export const SPEED_PROBE_MS = 100;

/** A probe this far below the run's fastest marks the run as throttled in the report. */
export const THROTTLED_SHARE = 0.5;

let sink = 0;

export function cpuSpeed(): number {
  let iterations = 0;
  let x = sink;
  const started = performance.now();
  const end = started + SPEED_PROBE_MS;
  while (performance.now() < end) {
    for (let i = 0; i < 10_000; i++) x = (x + i * 7) % 1_000_003;
    iterations += 10_000;
  }
  sink = x;
  return iterations / (performance.now() - started);
}

/** The report's sentence on the probes of one run: median and slowest, and whether it was throttled. */
export function describeSpeed(probes: readonly number[] | undefined): string | undefined {
  if (!probes || probes.length === 0) return undefined;
  const sorted = [...probes].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const fastest = sorted[sorted.length - 1]!;
  const slowest = sorted[0]!;
  const throttled = median < THROTTLED_SHARE * fastest;
  const k = (n: number) => `${Math.round(n / 1000).toLocaleString('en')}k`;
  return `Machine speed after each measured drive (a ${SPEED_PROBE_MS} ms integer loop, iterations/ms): median ${k(median)}, slowest ${k(slowest)}, fastest ${k(fastest)}${throttled ? ` — **throttled**: the median probe ran below ${THROTTLED_SHARE * 100} % of the fastest, so these figures are not comparable with another run's` : ''}.`;
}
