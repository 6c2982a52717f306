import type { Party } from '../../../server/contracts/parties.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import { h } from '../dom.js';
import { countText, formatMonth, t } from '../i18n.js';
import { monthIndex, monthIndexOfDate, NO_FILTERS, toTimelineGroups, toTimelineItems, type GroupSpec, type ItemSpec } from '../timeline/to-items.js';
import { unbrokenBodies } from './table-breaks.js';

/** An inclusive range of month indices (`year * 12 + month - 1`). */
export interface MonthRange {
  first: number;
  last: number;
}

/** Task rows that fit on an A3 landscape page below the legend and axis, with room for titles over two lines. */
const ROWS_ON_A_PAGE = 24;

/** The months the KRW and HWBP deadline lines stand at, as on the screen's timeline. */
const KRW_DEADLINE = monthIndex('2028-01');
const HWBP_DEADLINE = monthIndex('2050-01');

/**
 * A snapshot's whole time range: from January of the year its first phase (or window) starts to
 * December of 2050, or of its last year when that lies later, so every bar and the 2050 line fit.
 */
export function wholeRange(tasks: readonly Pick<TaskResponse, 'phases' | 'window'>[]): MonthRange {
  let first = HWBP_DEADLINE;
  let last = HWBP_DEADLINE;
  for (const task of tasks) {
    for (const month of [...task.phases.flatMap((phase) => [phase.start, phase.end]), ...(task.window ? [task.window.earliestStart, task.window.latestEnd] : [])]) {
      first = Math.min(first, monthIndex(month));
      last = Math.max(last, monthIndex(month));
    }
  }
  return { first: first - (first % 12), last: last - (last % 12) + 11 };
}

/** The whole months between two dates (the screen timeline's window): what the user had in view. */
export function rangeInView(start: Date, end: Date): MonthRange {
  const first = monthIndexOfDate(start);
  // A window ending at midnight on the 1st ends with the month before.
  const last = monthIndexOfDate(new Date(end.getTime() - 1));
  return { first, last: Math.max(first, last) };
}

export interface PrintTimelineInput {
  tasks: readonly TaskResponse[];
  parties: readonly Party[];
  /** Extra bars in their task rows: the older positions of moved tasks. */
  ghosts: readonly ItemSpec[];
  range: MonthRange;
  /** Phases that start before this month have started: hatched, as on the screen. */
  asOf: string;
  today: Date;
  /** The timeline's legend, made fresh for each table. */
  legend: () => HTMLElement;
}

interface Tick {
  month: number;
  text: string;
}

/** Axis ticks: every three months on a range of up to three years, else every 1, 2 or 5 years. */
function ticksOf(range: MonthRange): Tick[] {
  const months = range.last - range.first + 1;
  const step = months <= 36 ? 3 : months <= 16 * 12 ? 12 : months <= 40 * 12 ? 24 : 60;
  const ticks: Tick[] = [];
  for (let month = range.first; month <= range.last; month++) {
    if (month % step !== 0) continue;
    const year = Math.floor(month / 12);
    ticks.push({ month, text: step < 12 ? formatMonth(`${year}-${String((month % 12) + 1).padStart(2, '0')}`) : String(year) });
  }
  return ticks;
}

/**
 * The snapshot's timeline as a table for paper and images: every party's heading then its task
 * rows, each bar placed by month as a percentage of the range, so the drawing fills the width
 * whatever the page. The legend and axis sit in the table's head and each party's heading in its
 * own table's head, so a page break repeats both; rows never break inside. The same rows, items
 * and classes as the screen's timeline (toTimelineGroups, toTimelineItems).
 */
export function printTimeline(input: PrintTimelineInput): HTMLTableElement {
  const { range } = input;
  const months = range.last - range.first + 1;
  const percent = (month: number) => `${(((month - range.first) / months) * 100).toFixed(3)}%`;
  const ticks = ticksOf(range);
  const itemsByTask = new Map<string, ItemSpec[]>();
  for (const spec of [...toTimelineItems(input.tasks, new Map(), new Set(), input.asOf), ...input.ghosts]) {
    itemsByTask.set(spec.group, [...(itemsByTask.get(spec.group) ?? []), spec]);
  }
  const todayMonth = monthIndexOfDate(input.today) + (input.today.getDate() - 1) / 31;
  const markers = [
    { className: 'marker-krw', month: KRW_DEADLINE },
    { className: 'marker-hwbp', month: HWBP_DEADLINE },
    { className: 'marker-today', month: todayMonth },
  ].filter((marker) => marker.month >= range.first && marker.month <= range.last + 1);

  const bar = (spec: ItemSpec): HTMLElement | null => {
    const start = Math.max(monthIndex(spec.startMonth), range.first);
    const end = Math.min(monthIndex(spec.endMonth), range.last) + 1;
    if (end <= start) return null;
    const ghost = spec.className.includes('baseline-ghost');
    const window = spec.className.includes('task-window');
    return h(
      'div',
      {
        class: `print-bar ${spec.className}`,
        role: 'img',
        'aria-label': window ? `${t('window')}: ${spec.title}` : ghost ? `${spec.title} (${t('previousPosition')})` : spec.title,
        style: `left: ${percent(start)}; width: calc(${percent(end)} - ${percent(start)})`,
      },
      spec.text ? h('span', { class: 'print-bar-text', 'aria-hidden': 'true' }, spec.text) : null,
    );
  };
  const lane = (taskId: string) =>
    h(
      'td',
      { class: 'print-lane' },
      ticks.map((tick) => h('span', { class: 'print-gridline', style: `left: ${percent(tick.month)}` })),
      markers.map((marker) => h('span', { class: `print-marker ${marker.className}`, style: `left: ${percent(marker.month)}` })),
      (itemsByTask.get(taskId) ?? []).map(bar),
    );
  const taskRow = (spec: GroupSpec) =>
    h(
      'tr',
      { class: 'print-row print-task-row' },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'print-task-title' }, spec.text),
        spec.badges.map((badge) => h('span', { class: badge === 'outside-window' ? 'badge badge-warning' : 'badge' }, badge === 'outside-window' ? t('outsideWindow') : badge)),
      ),
      lane(spec.id),
    );

  // Older positions are drawn only where tasks moved since the previous snapshot: then the legend names them.
  const legendWithGhosts = () => {
    const legend = input.legend();
    if (input.ghosts.length > 0) {
      legend.querySelector('ul')?.append(h('li', {}, h('span', { class: 'legend-swatch baseline-ghost', 'aria-hidden': 'true' }), t('previousPositionLegend')));
    }
    return legend;
  };

  const groups = toTimelineGroups(input.tasks, input.parties, null, NO_FILTERS);
  const byId = new Map(groups.map((spec) => [spec.id, spec]));
  const partyTables = groups
    .filter((spec) => spec.nestedGroups)
    .map((party) => {
      const taskSpecs = party.nestedGroups!.map((id) => byId.get(id)!);
      const table = h(
        'table',
        { class: 'print-party' },
        h('colgroup', {}, h('col', { class: 'print-label-col' }), h('col', {})),
        h(
          'thead',
          {},
          h(
            'tr',
            { class: 'print-row print-party-row' },
            h('th', { colspan: 2, scope: 'colgroup' }, party.text, h('span', { class: 'badge badge-count' }, countText(taskSpecs.length, 'task'))),
          ),
        ),
        unbrokenBodies(taskSpecs.map(taskRow)),
      );
      return { table, rows: taskSpecs.length };
    });

  return h(
    'table',
    { class: 'print-timeline', role: 'presentation', 'data-first-month': range.first, 'data-last-month': range.last },
    h('colgroup', {}, h('col', { class: 'print-label-col' }), h('col', {})),
    h(
      'thead',
      {},
      h('tr', {}, h('td', { colspan: 2, class: 'print-legend' }, legendWithGhosts())),
      h(
        'tr',
        { class: 'print-axis-row' },
        h('td', {}),
        h(
          'td',
          { class: 'print-axis' },
          ticks.map((tick) =>
            // The last year's label has a little less room than its text: it ends at the axis's end instead of running off the page.
            (tick.month - range.first) / months > 0.96
              ? h('span', { class: 'print-tick print-tick-end' }, tick.text)
              : h('span', { class: 'print-tick', style: `left: ${percent(tick.month)}` }, tick.text),
          ),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      partyTables.map(({ table, rows }) =>
        // A block that fits on one page moves whole to the next page rather than split; a longer one splits where the page ends.
        h('tr', { class: rows <= ROWS_ON_A_PAGE ? 'print-party-block fits-page' : 'print-party-block' }, h('td', { colspan: 2 }, table)),
      ),
    ),
  );
}

/** Text as a CSS string literal: everything but letters, digits and spaces escaped, so no title can end the string. */
function cssString(text: string): string {
  return `"${[...text].map((char) => (/[\p{L}\p{N} ]/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/**
 * The page margins of every printed page: title and meeting date at the top left, the area and
 * the day the snapshot was captured at the top right, the page number at the bottom right. CSS
 * margin boxes, the only place a browser repeats text on every printed page.
 */
export function pageMargins(texts: { left: string; right: string }): HTMLStyleElement {
  // The placeholders stay in: they become the page counters.
  const pageNumber = t('pageOf', { page: '{page}', pages: '{pages}' })
    .split(/(\{page\}|\{pages\})/)
    .filter(Boolean)
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
  const box = 'font: 10pt system-ui, "DejaVu Sans", sans-serif; color: #1b1b1b;';
  return h(
    'style',
    {},
    `@page {
      @top-left { content: ${cssString(texts.left)}; ${box} font-weight: 700; }
      @top-right { content: ${cssString(texts.right)}; ${box} }
      @bottom-right { content: ${pageNumber}; ${box} }
    }`,
  );
}
