import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';

/**
 * Chart.js, registered with only what the dashboards draw (bar and line charts, category and linear
 * scales, tooltip and legend), so the rest is left out of the bundle.
 */

export const TEXT_COLOUR = '#1f2933';
export const MUTED_TEXT_COLOUR = '#3e4c59';
export const GRID_COLOUR = '#d9dee3';

/**
 * A plugin for one horizontal (indexAxis 'y') bar chart that writes a note at the end of each row:
 * after the bar or, for a row with no number (a suppressed bucket), at the start of the scale, so
 * suppressed buckets stay visible in the chart instead of silently missing. Given per chart (not
 * registered), so the notes need not pass through Chart.js's option resolver.
 */
export function rowNotesPlugin(notes: ReadonlyArray<string | null>): Plugin<'bar'> {
  return {
    id: 'rowNotes',
    afterDatasetsDraw(chart) {
      const xScale = chart.scales.x;
      const yScale = chart.scales.y;
      if (!xScale || !yScale) return;
      const { ctx } = chart;
      ctx.save();
      ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
      ctx.fillStyle = MUTED_TEXT_COLOUR;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      notes.forEach((note, index) => {
        if (!note) return;
        let end = 0;
        chart.data.datasets.forEach((dataset, d) => {
          if (!chart.isDatasetVisible(d)) return;
          const value = dataset.data[index];
          if (typeof value === 'number') end += value;
        });
        ctx.fillText(note, xScale.getPixelForValue(end) + 6, yScale.getPixelForValue(index));
      });
      ctx.restore();
    },
  };
}

let registered = false;

/** Registers the controllers, elements, scales and plugins once. */
export function registerCharts(): void {
  if (registered) return;
  registered = true;
  Chart.register(
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Tooltip,
    Legend,
  );
  Chart.defaults.color = TEXT_COLOUR;
  Chart.defaults.borderColor = GRID_COLOUR;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.animation = false;
}
