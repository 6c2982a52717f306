import { h } from '../dom.js';
import { formatMonth, formatNumber, label, monthAfter, monthStart, t } from '../i18n.js';
import { monthOf } from '../timeline/to-items.js';
import { chartMonths, formatM3, monthSpan, monthTasks, totalLines, typesInUse, type ChartMonth, type Ledger, type SoilTypeName } from './soil-ledger-data.js';

/*
 * The soil ledger as a figure: per soil type an Observable Plot chart (released above the axis,
 * needed below it split into met locally and brought in, carted-off soil marked, the storage
 * level as a line; in a scenario the baseline drawn behind), one month picker for mouse and
 * keyboard that names the tasks behind the month, the totals with how each was computed, and the
 * same figures as tables. The Grond tab, the snapshot viewer, its print and its offline file
 * all show this one figure.
 */

/** Okabe-Ito, like the timeline; every series also differs by shape and is named in the legend. */
const COLOURS = {
  released: '#009e73',
  reused: '#0072b2',
  shortage: '#d55e00',
  surplus: '#cc79a7',
  surplusStroke: '#7d2e5c',
  level: '#000000',
  baseline: '#555555',
} as const;

const CHART_HEIGHT = 200;
// Room at the top for the y-axis label above its highest tick.
const MARGIN = { top: 24, right: 20, bottom: 26, left: 56 };

export interface LedgerFigureOptions {
  /** The ledger shown: the baseline's, a scenario's or a snapshot's. */
  ledger: Ledger;
  /** In scenario mode the baseline's ledger, drawn behind and set beside every total. */
  baseline?: Ledger | null;
  titleOf(taskId: string): string;
  /** Prefix for element ids, so two figures never share one. */
  idPrefix: string;
  /** Width to draw the charts at (px; default 440, the side panel's); they scale down in a narrower box. */
  width?: number;
  /** Called with the month the reader points at or picks (null when none), e.g. to mark it on the timeline. */
  onMonth?(month: string | null): void;
}

interface Chart {
  band: HTMLElement;
  x: { apply(value: Date): number };
}

/** Ticks the reader can take in at a glance: years over long ranges, quarters over short ones. */
function timeAxis(months: readonly string[]) {
  if (months.length > 36) return { ticks: months.length > 96 ? '2 years' : 'year', tickFormat: (date: Date) => String(date.getFullYear()) };
  return { ticks: '3 months', tickFormat: (date: Date) => formatMonth(monthOf(date)) };
}

/** Thousands of m³ on the y-axis keep the ticks short in the side panel. */
const thousands = (value: number) => formatNumber(value / 1000);

type PlotModule = typeof import('@observablehq/plot');

function typeChart(Plot: PlotModule, type: SoilTypeName, rows: ChartMonth[], baselineRows: ChartMonth[] | null, months: readonly string[], width: number): SVGSVGElement & { scale: (name: 'x') => unknown } {
  const placed = (row: ChartMonth) => ({ ...row, start: monthStart(row.month), end: monthAfter(row.month), mid: new Date((monthStart(row.month).getTime() + monthAfter(row.month).getTime()) / 2) });
  const data = rows.map(placed);
  const base = baselineRows?.map(placed) ?? null;
  const axis = timeAxis(months);
  const chart = Plot.plot({
    width,
    height: CHART_HEIGHT,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: { fontSize: '11px', background: 'transparent' },
    x: { type: 'time', domain: [monthStart(months[0]!), monthAfter(months[months.length - 1]!)], label: null, ticks: axis.ticks, tickFormat: axis.tickFormat },
    y: { label: t('soilAxisLabel'), grid: true, tickFormat: thousands },
    marks: [
      Plot.rect(data, { x1: 'start', x2: 'end', y1: 0, y2: 'released', fill: COLOURS.released }),
      Plot.rect(data, { x1: 'start', x2: 'end', y1: 0, y2: (row: ChartMonth) => -row.reused, fill: COLOURS.reused }),
      Plot.rect(data, { x1: 'start', x2: 'end', y1: (row: ChartMonth) => -row.reused, y2: (row: ChartMonth) => -row.needed, fill: COLOURS.shortage }),
      ...(base
        ? [
            Plot.rect(base, { x1: 'start', x2: 'end', y1: 0, y2: 'released', fill: 'none', stroke: COLOURS.baseline, strokeWidth: 0.8 }),
            Plot.rect(base, { x1: 'start', x2: 'end', y1: 0, y2: (row: ChartMonth) => -row.needed, fill: 'none', stroke: COLOURS.baseline, strokeWidth: 0.8 }),
            Plot.line(base, { x: 'mid', y: 'level', curve: 'step', stroke: COLOURS.baseline, strokeWidth: 1.5, strokeDasharray: '5 3' }),
          ]
        : []),
      Plot.ruleY([0], { stroke: '#000' }),
      Plot.line(data, { x: 'mid', y: 'level', curve: 'step', stroke: COLOURS.level, strokeWidth: 2 }),
      Plot.dot(
        data.filter((row) => row.surplus > 0),
        { x: 'mid', y: 'surplus', symbol: 'diamond', r: 4, fill: COLOURS.surplus, stroke: COLOURS.surplusStroke, strokeWidth: 1 },
      ),
    ],
  }) as unknown as SVGSVGElement & { scale: (name: 'x') => unknown };
  // One picture with one set of words (the tables under the figure carry every figure in it):
  // Plot names each mark's group, which ARIA allows on no plain group.
  for (const named of chart.querySelectorAll('[aria-label], [aria-description]')) {
    named.removeAttribute('aria-label');
    named.removeAttribute('aria-description');
  }
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', t('soilChartLabel', { type: label(type), first: formatMonth(months[0]!), last: formatMonth(months[months.length - 1]!) }));
  return chart;
}

function legend(scenario: boolean): HTMLElement {
  const entry = (className: string, text: string) => h('li', {}, h('span', { class: `soil-swatch ${className}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'soil-legend', 'aria-label': t('legend') },
    entry('soil-released', t('soilLegendReleased')),
    entry('soil-reused', t('soilLegendReused')),
    entry('soil-shortage', t('soilLegendShortage')),
    entry('soil-surplus', t('soilLegendSurplus')),
    entry('soil-level', t('soilLegendLevel')),
    scenario ? entry('soil-baseline', t('soilLegendBaseline')) : null,
  );
}

/** What one month holds, in words: per type the figures, then the tasks that release and need soil then. */
function monthText(ledger: Ledger, types: readonly SoilTypeName[], month: string, titleOf: (taskId: string) => string): HTMLElement[] {
  const row = ledger.rows.find((candidate) => candidate.month === month);
  const { releasing, needing } = monthTasks(ledger, month);
  const names = (ids: readonly string[]) => ids.map(titleOf).join('; ');
  const figures = types.map((type) => {
    const figure = row?.types[type];
    const parts = [
      t('soilMonthReleased', { m3: formatM3(figure?.releasedM3 ?? 0) }),
      t('soilMonthNeeded', { m3: formatM3(figure?.neededM3 ?? 0) }),
      ...(figure && figure.shortageM3 > 0 ? [t('soilMonthShortage', { m3: formatM3(figure.shortageM3) })] : []),
      ...(figure && figure.surplusM3 > 0 ? [t('soilMonthSurplus', { m3: formatM3(figure.surplusM3) })] : []),
      t('soilMonthLevel', { m3: formatM3(figure?.storageLevelM3 ?? 0) }),
    ];
    return h('li', {}, h('strong', {}, `${label(type)}: `), parts.join(', '));
  });
  return [
    h('p', { class: 'soil-month-title' }, h('strong', {}, formatMonth(month))),
    h('ul', { class: 'soil-month-figures' }, figures),
    h('p', {}, releasing.length ? t('soilMonthReleasing', { tasks: names(releasing) }) : t('soilMonthNoneReleasing')),
    h('p', {}, needing.length ? t('soilMonthNeeding', { tasks: names(needing) }) : t('soilMonthNoneNeeding')),
  ];
}

/** The totals under the chart: value (beside the baseline's in a scenario) and how it was computed. */
export function totalsList(ledger: Ledger, baseline: Ledger | null): HTMLElement {
  return h(
    'dl',
    { class: 'soil-totals' },
    totalLines(ledger, baseline).map((line) =>
      h(
        'div',
        { class: `soil-total soil-total-${line.key}` },
        h('dt', {}, line.label),
        h(
          'dd',
          { class: 'soil-total-value' },
          line.baselineText === null ? line.text : `${line.baselineText} → ${line.text} (${line.changeText})`,
        ),
        h('dd', { class: 'soil-total-how' }, line.explanation),
      ),
    ),
  );
}

/** Per type and overall: what came free and was needed, reused, brought in, carted off, and the peak. */
function totalsTable(ledger: Ledger, types: readonly SoilTypeName[], idPrefix: string): HTMLElement {
  const columns: [string, (totals: Ledger['total']) => number][] = [
    [t('soilReleased'), (totals) => totals.releasedM3],
    [t('soilNeeded'), (totals) => totals.neededM3],
    [t('soilReused'), (totals) => totals.reusedM3],
    [t('soilBroughtIn'), (totals) => totals.broughtInM3],
    [t('soilCartedOff'), (totals) => totals.cartedOffM3],
    [t('soilPeakStorage'), (totals) => totals.peakStorageM3],
  ];
  const row = (name: string, totals: Ledger['total'], className: string) =>
    h('tr', { class: className }, h('th', { scope: 'row' }, name), columns.map(([, pick]) => h('td', { class: 'numeric' }, formatM3(pick(totals)))));
  return h(
    'table',
    { class: 'data-table soil-totals-table', id: `${idPrefix}-totals-table` },
    h('caption', {}, t('soilTotalsTable')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('soilType')), columns.map(([header]) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, types.map((type) => row(label(type), ledger.byType[type], `soil-type-${type}`)), row(t('soilTotal'), ledger.total, 'soil-type-total')),
  );
}

/** Every month and type with soil as a row: the chart's figures for keyboard and screen-reader users. */
function monthsTable(ledger: Ledger, types: readonly SoilTypeName[]): HTMLElement {
  const columns: [string, (figures: Ledger['rows'][number]['types']['klei']) => number][] = [
    [t('soilReleased'), (figures) => figures.releasedM3],
    [t('soilNeeded'), (figures) => figures.neededM3],
    [t('soilUsedDirectly'), (figures) => figures.usedDirectlyM3],
    [t('soilFromStorage'), (figures) => figures.takenFromStorageM3],
    [t('soilLevel'), (figures) => figures.storageLevelM3],
    [t('soilSurplus'), (figures) => figures.surplusM3],
    [t('soilShortage'), (figures) => figures.shortageM3],
  ];
  const rows = ledger.rows.flatMap((row) =>
    types
      .filter((type) => Object.values(row.types[type]).some((value) => value > 0))
      .map((type) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, formatMonth(row.month)),
          h('td', {}, label(type)),
          columns.map(([, pick]) => h('td', { class: 'numeric' }, formatNumber(Math.round(pick(row.types[type]))))),
        ),
      ),
  );
  return h(
    'table',
    { class: 'data-table soil-months-table' },
    h('caption', {}, t('soilMonthsTable')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('soilMonth')), h('th', { scope: 'col' }, t('soilType')), columns.map(([header]) => h('th', { scope: 'col' }, `${header} (m³)`)))),
    h('tbody', {}, rows),
  );
}

/**
 * The whole soil figure for a ledger (see the file comment). Loads Observable Plot on first use,
 * so pages without a soil chart do not carry it.
 */
export async function ledgerFigure(options: LedgerFigureOptions): Promise<HTMLElement> {
  const { ledger, titleOf, idPrefix } = options;
  const baseline = options.baseline ?? null;
  const types = typesInUse(ledger, baseline);
  const months = monthSpan(ledger, baseline);
  if (types.length === 0 || months.length === 0) {
    return h('div', { class: 'soil-figure' }, h('p', { class: 'soil-empty' }, t('soilEmpty')), totalsList(ledger, baseline));
  }
  const Plot = await import('@observablehq/plot');
  const figure = h('div', { class: 'soil-figure' });
  const detail = h('div', { class: 'soil-month-detail', id: `${idPrefix}-month-detail`, 'aria-live': 'polite' }, h('p', { class: 'hint' }, t('soilMonthHint')));
  const charts: Chart[] = [];
  let picked: string | null = null;
  // Pointer moves arrive many times a month's width: redraw (and re-mark the timeline) only on a new month.
  let shown: string | null | undefined;

  const width = options.width ?? 440;

  const show = (month: string | null) => {
    if (month === shown) return;
    shown = month;
    for (const chart of charts) {
      chart.band.hidden = month === null;
      if (month === null) continue;
      // In per cent of the drawn size: the picture scales down with a narrower page (and on paper).
      const left = chart.x.apply(monthStart(month));
      chart.band.style.left = `${(100 * left) / width}%`;
      chart.band.style.width = `max(2px, ${(100 * (chart.x.apply(monthAfter(month)) - left)) / width}%)`;
    }
    if (month !== null) detail.replaceChildren(...monthText(ledger, types, month, titleOf));
    options.onMonth?.(month);
  };

  const chartBlocks = types.map((type) => {
    const svg = typeChart(Plot, type, chartMonths(ledger, type, months), baseline ? chartMonths(baseline, type, months) : null, months, width);
    const band = h('div', { class: 'soil-month-band', hidden: true, 'aria-hidden': 'true' });
    band.style.top = `${(100 * MARGIN.top) / CHART_HEIGHT}%`;
    band.style.height = `${(100 * (CHART_HEIGHT - MARGIN.top - MARGIN.bottom)) / CHART_HEIGHT}%`;
    const scale = svg.scale('x') as Chart['x'] & { invert(pixel: number): Date };
    charts.push({ band, x: scale });
    const plotArea = h('div', { class: 'soil-chart' }, svg, band);
    plotArea.addEventListener('pointermove', (event) => {
      const box = svg.getBoundingClientRect();
      const pixel = ((event.clientX - box.left) * width) / box.width;
      if (pixel < MARGIN.left || pixel > width - MARGIN.right) return;
      const month = monthOf(scale.invert(pixel));
      if (months.includes(month)) show(month);
    });
    plotArea.addEventListener('pointerleave', () => show(picked));
    return h('div', { class: `soil-type-chart soil-chart-${type}` }, h('h4', {}, label(type)), plotArea);
  });

  // One month picker for every chart: arrows ±1 month, Page keys ±12, Home and End.
  const valueText = (month: string | null) => (month ? formatMonth(month) : t('soilMonthNone'));
  const picker = h('div', {
    class: 'soil-month-picker',
    role: 'slider',
    tabindex: '0',
    'aria-label': t('soilMonthPicker'),
    'aria-describedby': `${idPrefix}-month-detail`,
    'aria-valuemin': '0',
    'aria-valuemax': String(months.length - 1),
    'aria-valuenow': '0',
    'aria-valuetext': valueText(null),
  });
  picker.textContent = `${t('soilMonthPicker')}: ${valueText(null)}`;
  const pick = (month: string) => {
    picked = month;
    picker.setAttribute('aria-valuenow', String(months.indexOf(month)));
    picker.setAttribute('aria-valuetext', valueText(month));
    picker.textContent = `${t('soilMonthPicker')}: ${valueText(month)}`;
    show(month);
  };
  picker.addEventListener('keydown', (event) => {
    const index = picked === null ? -1 : months.indexOf(picked);
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -12, PageUp: 12 };
    let next: number | null = null;
    if (event.key in steps) next = index < 0 ? 0 : index + steps[event.key]!;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = months.length - 1;
    if (next === null) return;
    event.preventDefault();
    pick(months[Math.min(Math.max(next, 0), months.length - 1)]!);
  });
  // The first month in which anything happens, so the first focus already says something.
  picker.addEventListener('focus', () => {
    if (picked === null) pick(ledger.rows.find((row) => row.releasingTaskIds.length + row.needingTaskIds.length > 0)?.month ?? months[0]!);
  });

  // Charts and totals in two parts, so a wide page (the snapshot viewer, its print) sets them side by side, the tables under both.
  figure.append(
    h('div', { class: 'soil-charts' }, legend(baseline !== null), ...chartBlocks, picker, detail),
    h('div', { class: 'soil-summary' }, h('h3', {}, t('soilTotalsTitle')), totalsList(ledger, baseline)),
    h(
      'details',
      { class: 'soil-tables' },
      h('summary', {}, t('soilTablesSummary')),
      totalsTable(ledger, types, idPrefix),
      // Scrolls on its own, so it takes focus to scroll by keyboard.
      h('div', { class: 'soil-months-scroll', tabindex: '0', role: 'region', 'aria-label': t('soilMonthsTable') }, monthsTable(ledger, types)),
    ),
  );
  return figure;
}
