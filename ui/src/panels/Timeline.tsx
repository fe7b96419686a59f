interface Props {
  dates: readonly string[];
  window: { from: string; to: string } | null;
  onChange(window: { from: string; to: string } | null): void;
}

/** A two-handled slider over the dates of the relationships on the canvas; the canvas hides those outside. */
export function Timeline({ dates, window, onChange }: Props) {
  if (dates.length < 2) return null;
  const fromIndex = window ? Math.max(0, dates.indexOf(window.from)) : 0;
  const toIndex = window ? Math.max(0, dates.indexOf(window.to)) : dates.length - 1;
  const set = (from: number, to: number) => {
    const [a, b] = from <= to ? [from, to] : [to, from];
    onChange(a === 0 && b === dates.length - 1 ? null : { from: dates[a]!, to: dates[b]! });
  };
  return (
    <div className="timeline" data-testid="timeline">
      <label>From <input type="range" min={0} max={dates.length - 1} value={fromIndex} onChange={(e) => set(Number(e.target.value), toIndex)} aria-valuetext={dates[fromIndex]} /></label>
      <label>To <input type="range" min={0} max={dates.length - 1} value={toIndex} onChange={(e) => set(fromIndex, Number(e.target.value))} aria-valuetext={dates[toIndex]} /></label>
      <span>{dates[fromIndex]} – {dates[toIndex]}</span>
    </div>
  );
}
