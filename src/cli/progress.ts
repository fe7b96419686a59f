/** How often a plain progress line is written when the output is not a terminal. */
export const PLAIN_PROGRESS_INTERVAL_MS = 5_000;
/** How often the terminal bar is redrawn at most. */
const BAR_REDRAW_MS = 200;
const BAR_WIDTH = 30;

/**
 * Progress of a long task on stderr: a bar redrawn in place on a terminal, with rate and ETA; plain
 * periodic lines otherwise (logs, CI). `total` (for example bytes of the input files) may be unknown.
 */
export class Progress {
  private readonly started = performance.now();
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(
    private readonly unit: string,
    private readonly total: number | undefined,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = stream.isTTY === true;
  }

  /** `done` counts toward `total` (bytes...); `items` is what the rate is reported in (lines...). */
  update(done: number, items: number): void {
    const now = performance.now();
    if (now - this.lastDraw < (this.tty ? BAR_REDRAW_MS : PLAIN_PROGRESS_INTERVAL_MS)) return;
    this.lastDraw = now;
    this.stream.write(this.tty ? `\r${this.line(done, items, now)}\x1b[K` : `${this.line(done, items, now)}\n`);
  }

  /** Clears the bar so the summary starts on a clean line. */
  finish(): void {
    if (this.tty && this.lastDraw > 0) this.stream.write('\r\x1b[K');
  }

  private line(done: number, items: number, now: number): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? items / seconds : 0;
    const counted = `${items.toLocaleString('en')} ${this.unit}, ${Math.round(rate).toLocaleString('en')}/s, ${formatDuration(seconds)}`;
    if (!this.total) return counted;
    const share = Math.min(1, done / this.total);
    const eta = share > 0 ? (seconds / share) * (1 - share) : undefined;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = this.tty ? `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ` : '';
    return `${bar}${(share * 100).toFixed(1)}% ${counted}, ETA ${eta === undefined ? '?' : formatDuration(eta)}`;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
