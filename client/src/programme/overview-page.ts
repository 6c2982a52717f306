import type { OverviewResponse } from '../../../server/contracts/programmes.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatMonth, formatNumber, t } from '../i18n.js';
import { sortableTable, type Column } from '../ui/sortable-table.js';
import { LAST_HWBP_YEAR, paceRows, type PaceRow } from './chart-rows.js';
import { chartFigure, yearStart } from './charts.js';
import { matchesTraject, trajectOrder, type Traject } from './filters.js';
import { chartWidth, programmeHref } from './parts.js';

type Figures = Pick<OverviewResponse['areas'][number], 'sections' | 'km' | 'sectionsWithoutLength' | 'aligned' | 'alignable' | 'soilM3'>;

/** The figure columns the water-board and area tables share. */
function figureColumns<Row extends Figures>(): Column<Row>[] {
  return [
    { key: 'sections', header: t('sectionsColumn'), value: (row) => row.sections, numeric: true },
    { key: 'km', header: t('kmColumn'), value: (row) => row.km, cell: (row) => formatNumber(row.km), numeric: true },
    { key: 'without-length', header: t('withoutLengthColumn'), value: (row) => row.sectionsWithoutLength, numeric: true },
    { key: 'aligned', header: t('alignedColumn'), value: (row) => row.aligned, numeric: true },
    { key: 'alignable', header: t('alignableColumn'), value: (row) => row.alignable, numeric: true },
    { key: 'soil', header: t('soilShareColumn'), value: (row) => row.soilM3, cell: (row) => formatNumber(row.soilM3), numeric: true },
  ];
}

/**
 * The national overview: totals, the pace of dike reinforcement against what 2050 needs, per
 * water board and per area the sections, km and opportunities, and the trajectory table.
 */
export async function renderOverview(main: HTMLElement): Promise<void> {
  const overview = await api.overview();
  const { totals } = overview;
  const stat = (value: string, text: string) => h('div', { class: 'stat' }, h('dt', {}, text), h('dd', {}, value));
  main.replaceChildren(
    h('h1', {}, t('overviewTitle')),
    h('p', {}, t('overviewIntro', { month: formatMonth(overview.asOf) })),
    h(
      'dl',
      { class: 'area-stats overview-totals', 'aria-label': t('totalsCaption') },
      stat(formatNumber(totals.areas), t('areasCountLabel')),
      stat(formatNumber(totals.sections), t('sectionsLabel')),
      stat(formatNumber(totals.km), t('kmLabel')),
      stat(formatNumber(totals.aligned), t('aligned')),
      stat(formatNumber(totals.alignable), t('alignable')),
      stat(formatNumber(totals.soilM3), t('soilShareLabel')),
    ),
    ...(totals.sectionsWithoutLength > 0 ? [h('p', { class: 'chart-note' }, t('sectionsWithoutLength', { count: totals.sectionsWithoutLength }))] : []),
    paceSection(overview, chartWidth(main)),
    h(
      'section',
      { class: 'water-boards', 'aria-labelledby': 'water-boards-heading' },
      h('h2', { id: 'water-boards-heading' }, t('waterBoardsHeading')),
      sortableTable(
        t('waterBoardsCaption'),
        [
          { key: 'name', header: t('waterBoardColumn'), value: (board) => board.name, cell: (board) => h('a', { href: programmeHref(board.partyId) }, board.name) },
          { key: 'areas', header: t('areasColumn'), value: (board) => board.areas, numeric: true },
          ...figureColumns<OverviewResponse['waterBoards'][number]>(),
        ],
        overview.waterBoards,
      ),
    ),
    h(
      'section',
      { class: 'overview-areas', 'aria-labelledby': 'overview-areas-heading' },
      h('h2', { id: 'overview-areas-heading' }, t('areasHeading')),
      sortableTable(
        t('areasCaption'),
        [
          { key: 'name', header: t('areaColumn'), value: (area) => area.name, cell: (area) => h('a', { href: `#/gebied/${encodeURIComponent(area.areaId)}` }, area.name) },
          ...figureColumns<OverviewResponse['areas'][number]>(),
        ],
        overview.areas,
      ),
    ),
    trajectsSection(overview.trajects),
  );
}

function paceSection(overview: OverviewResponse, width: number): HTMLElement {
  const { pace } = overview;
  const rows = paceRows(overview);
  const current = rows.find((row) => row.year === pace.year);
  const below = rows.filter((row) => row.belowPace);
  const estimate = pace.nationalEstimate;
  const notes = [
    t('paceSource', { year: pace.year }),
    pace.sectionsWithoutLength > 0 ? t('sectionsWithoutLength', { count: pace.sectionsWithoutLength }) : null,
    below.length > 0 ? t('yearsBelowPace', { count: below.length, years: pace.yearsLeft, list: yearRanges(below.map((row) => row.year)) }) : t('allYearsOnPace'),
  ].filter((note): note is string => note !== null);
  return h(
    'section',
    { class: 'pace', 'aria-labelledby': 'pace-heading' },
    h('h2', { id: 'pace-heading' }, t('paceHeading')),
    chartFigure<PaceRow>({
      className: 'pace-chart',
      title: t('paceTitle'),
      reading: t('paceReading', {
        needed: formatNumber(pace.neededKmPerYear),
        remaining: formatNumber(pace.remainingKm),
        years: pace.yearsLeft,
        year: pace.year,
        km: formatNumber(current?.km ?? 0),
      }),
      notes,
      bars: rows.filter((row) => row.km > 0).map((row) => ({ start: yearStart(row.year), end: yearStart(row.year + 1), value: row.km, flagged: row.belowPace })),
      domain: [yearStart(rows[0]!.year), yearStart(rows.at(-1)!.year + 1)],
      yLabel: t('kmColumn'),
      yFormat: formatNumber,
      line: { value: pace.neededKmPerYear, label: t('neededLine', { km: formatNumber(pace.neededKmPerYear) }), from: yearStart(pace.year), to: yearStart(LAST_HWBP_YEAR + 1) },
      legend: { plain: t('legendPacePlain'), flagged: t('legendPaceBelow') },
      table: {
        caption: t('paceCaption'),
        columns: [
          { key: 'year', header: t('yearColumn'), value: (row) => row.year },
          { key: 'km', header: t('kmColumn'), value: (row) => row.km, cell: (row) => formatNumber(row.km), numeric: true },
          { key: 'needed', header: t('neededColumn'), value: (row) => row.neededKm ?? -1, cell: (row) => (row.neededKm === null ? t('none') : formatNumber(row.neededKm)), numeric: true },
          { key: 'judgement', header: t('status'), value: (row) => (row.belowPace ? 1 : 0), cell: (row) => (row.neededKm === null ? t('none') : row.belowPace ? t('belowPace') : t('onPace')) },
        ],
        rows,
        rowClass: (row) => (row.belowPace ? 'over-limit' : ''),
      },
      width,
    }),
    h(
      'p',
      { class: 'pace-estimate' },
      t('paceEstimate', {
        km: formatNumber(estimate.km),
        topic: estimate.topic,
        date: estimate.sourceDate,
        note: estimate.note,
        perYear: formatNumber(pace.yearsLeft > 0 ? estimate.km / pace.yearsLeft : estimate.km),
      }),
      ' ',
      h('a', { href: estimate.source, rel: 'noopener noreferrer', target: '_blank' }, t('paceSourceLink')),
    ),
  );
}

/** Years as runs in words: `2026–2029, 2031`. */
function yearRanges(years: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const year of years) {
    const last = runs.at(-1);
    if (last && last[1] === year - 1) last[1] = year;
    else runs.push([year, year]);
  }
  return runs.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

/** Every trajectory of the national table, searchable by id, water board or task. */
function trajectsSection(trajects: readonly Traject[]): HTMLElement {
  const sorted = [...trajects].sort((a, b) => trajectOrder(a.id, b.id));
  const position = new Map(sorted.map((traject, index) => [traject.id, index]));
  const tableRegion = h('div', { class: 'trajects-table' });
  const countLine = h('p', { class: 'trajects-count', 'aria-live': 'polite' });
  const search = h('input', { id: 'traject-search', type: 'search', oninput: () => redraw() });
  const columns: Column<Traject>[] = [
    { key: 'id', header: t('trajectColumn'), value: (traject) => position.get(traject.id)!, cell: (traject) => traject.id },
    { key: 'boards', header: t('waterBoards'), value: (traject) => traject.waterBoards.join(', ') },
    { key: 'norm', header: t('normColumn'), value: (traject) => traject.norm?.returnPeriodYears ?? 0, cell: (traject) => traject.norm?.label ?? t('none') },
    { key: 'length', header: t('lengthColumn'), value: (traject) => traject.lengthKm ?? -1, cell: (traject) => (traject.lengthKm === null ? t('none') : formatNumber(traject.lengthKm)), numeric: true },
    {
      key: 'tasks',
      header: t('trajectTasksColumn'),
      value: (traject) => traject.tasks.length,
      cell: (traject) =>
        traject.tasks.length === 0
          ? t('none')
          : h(
              'ul',
              { class: 'traject-tasks' },
              traject.tasks.map((task) => h('li', {}, h('a', { href: `#/gebied/${encodeURIComponent(task.areaId)}` }, task.title))),
            ),
    },
  ];
  function redraw(): void {
    const shown = sorted.filter((traject) => matchesTraject(traject, search.value));
    countLine.textContent = t('trajectsShown', { shown: formatNumber(shown.length), total: formatNumber(sorted.length) });
    tableRegion.replaceChildren(sortableTable(t('trajectsCaption'), columns, shown));
  }
  redraw();
  return h(
    'section',
    { class: 'trajects', 'aria-labelledby': 'trajects-heading' },
    h('h2', { id: 'trajects-heading' }, t('trajectsHeading', { count: formatNumber(sorted.length) })),
    h('div', { class: 'field' }, h('label', { for: 'traject-search' }, t('trajectSearch')), search),
    countLine,
    tableRegion,
  );
}
