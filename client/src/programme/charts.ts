import * as Plot from '@observablehq/plot';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { sortableTable, type Column } from '../ui/sortable-table.js';

/** One bar over a stretch of time: a month or a year. */
export interface Bar {
  start: Date;
  end: Date;
  value: number;
  /** Over the limit (or, for the pace, under what is needed): drawn in the warning colour. */
  flagged: boolean;
}

export interface ChartSpec<Row> {
  className: string;
  title: string;
  /** The one-line reading aid under the title; also the chart's accessible name. */
  reading: string;
  /** What stands out, in words (months over the limit, sections without a length). */
  notes: string[];
  bars: Bar[];
  /** The same years for every chart on a page, so they read together. */
  domain: [Date, Date];
  yLabel: string;
  yFormat(value: number): string;
  /** Whole numbers only (a count of tasks): ticks at every whole number, no fractions. */
  yWhole?: boolean;
  /** A horizontal line: the limit, budget or needed pace; `from` and `to` bound it in time. */
  line: { value: number; label: string; from?: Date; to?: Date } | null;
  /** What the two bar colours mean, in words. */
  legend: { plain: string; flagged: string };
  table: { caption: string; columns: Column<Row>[]; rows: readonly Row[]; rowClass?(row: Row): string };
  width: number;
}

// Blue for the bars and a dark red for the flagged ones (the same in styles.css for the legend):
// apart for colour-blind readers too, and each stated in words beside the chart.
const PLAIN = '#0072b2';
const FLAGGED = '#b00020';

/** The first day of a year (UTC, as Plot's time scale counts). */
export const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1));

/** The first day of a `YYYY-MM` month (UTC). */
export function monthDate(month: string): Date {
  const [year, monthOfYear] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, monthOfYear! - 1, 1));
}

/** A bar chart over time as SVG, with its reading aid, what stands out in words, and the same data as a table. */
export function chartFigure<Row>(spec: ChartSpec<Row>): HTMLElement {
  const { line } = spec;
  const marks: Plot.Markish[] = [
    Plot.rectY(
      spec.bars.filter((bar) => !bar.flagged),
      { x1: 'start', x2: 'end', y: 'value', fill: PLAIN, insetLeft: 0.5, insetRight: 0.5 },
    ),
    Plot.rectY(
      spec.bars.filter((bar) => bar.flagged),
      { x1: 'start', x2: 'end', y: 'value', fill: FLAGGED, insetLeft: 0.5, insetRight: 0.5 },
    ),
    Plot.ruleY([0]),
  ];
  if (line) {
    const from = line.from ?? spec.domain[0];
    const to = line.to ?? spec.domain[1];
    marks.push(
      Plot.ruleY([line.value], { x1: from, x2: to, stroke: '#000', strokeWidth: 2, strokeDasharray: '6 3' }),
      Plot.text([line.value], { x: to, y: (value: number) => value, text: () => line.label, textAnchor: 'end', dy: -7, fontSize: 12, fontWeight: 700, stroke: '#fff', strokeWidth: 4, paintOrder: 'stroke', fill: '#000' }),
    );
  }
  // Small counts get a tick at every whole number; large ones get Plot's own (whole) ticks.
  const top = Math.max(1, ...spec.bars.map((bar) => bar.value), line?.value ?? 0);
  const wholeTicks = spec.yWhole && top <= 12 ? Array.from({ length: top + 1 }, (_, index) => index) : null;
  const chart = Plot.plot({
    width: spec.width,
    height: 220,
    marginLeft: 64,
    marginTop: 24,
    style: { fontSize: '12px', color: '#1b1b1b', background: 'transparent' },
    x: { type: 'utc', domain: spec.domain, label: null },
    y: {
      label: spec.yLabel,
      grid: true,
      tickFormat: (value: number) => spec.yFormat(value),
      nice: true,
      ...(wholeTicks ? { ticks: wholeTicks } : {}),
    },
    marks,
  });
  // One image with one name (the reading aid); the table carries the figures. Plot's own labels on
  // its marks' groups are not allowed inside an image.
  for (const labelled of chart.querySelectorAll('[aria-label], [aria-description]')) {
    labelled.removeAttribute('aria-label');
    labelled.removeAttribute('aria-description');
  }
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', `${spec.title}. ${spec.reading}`);
  chart.classList.add('chart-svg');
  const swatch = (kind: 'plain' | 'flagged', text: string) => h('li', {}, h('span', { class: `chart-swatch chart-swatch-${kind}`, 'aria-hidden': 'true' }), text);
  return h(
    'figure',
    { class: `chart ${spec.className}` },
    h('figcaption', {}, h('h3', {}, spec.title), h('p', { class: 'reading-aid' }, spec.reading), spec.notes.map((note) => h('p', { class: 'chart-note' }, note))),
    chart,
    h(
      'ul',
      { class: 'chart-legend' },
      swatch('plain', spec.legend.plain),
      spec.bars.some((bar) => bar.flagged) ? swatch('flagged', spec.legend.flagged) : null,
      line ? h('li', {}, h('span', { class: 'chart-swatch chart-swatch-line', 'aria-hidden': 'true' }), line.label) : null,
    ),
    h('details', { class: 'chart-table' }, h('summary', {}, t('chartTable')), sortableTable(spec.table.caption, spec.table.columns, spec.table.rows, spec.table.rowClass)),
  );
}
