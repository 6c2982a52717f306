import type { PlanDiff, PublicSharedSnapshot } from '../../../server/contracts/snapshots.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import { h } from '../dom.js';
import { formatMonth, formatNumber, label, language, t } from '../i18n.js';
import { fieldChangeText } from './field-values.js';
import { snapshotExports } from '../print/snapshot-exports.js';
import { previousPositions } from '../timeline/to-items.js';
import { ledgerFigure } from './soil-ledger-chart.js';
import { snapshotAgenda, tableSinceItems } from './area-table-view.js';
import { sortableTable } from './sortable-table.js';
import { errorBlock } from './status.js';

/**
 * The changes of a diff as list items: what a table sees "since the previous meeting", old and
 * new values in words (months as months, codes by their labels, parties by name).
 */
export function diffItems(diff: PlanDiff, titleOf: (taskId: string) => string, partyName?: (partyId: string) => string): string[] {
  const span = (months: { start: string; end: string }) => `${formatMonth(months.start)} – ${formatMonth(months.end)}`;
  return [
    ...diff.added.map((task) => `${t('diffAdded')}: ${task.title}`),
    ...diff.removed.map((task) => `${t('diffRemoved')}: ${task.title}`),
    ...diff.moved.map((task) => `${t('diffMoved')}: ${task.title}: ${task.phases.map((phase) => `${label(phase.kind)} ${span(phase.from)} → ${span(phase.to)}`).join('; ')}`),
    ...diff.changed.map((task) => `${t('diffChanged')}: ${task.title}: ${task.fields.map((field) => fieldChangeText(field.field, field.from, field.to, partyName)).join('; ')}`),
    ...diff.pairChanges.map((pair) => `${titleOf(pair.dikeTaskId)} ↔ ${titleOf(pair.otherTaskId)}: ${label(pair.before)} → ${label(pair.after)}`),
    ...(diff.alignedSoilBeforeM3 !== diff.alignedSoilAfterM3
      ? [`${t('alignedSoil')}: ${formatNumber(diff.alignedSoilBeforeM3)} → ${formatNumber(diff.alignedSoilAfterM3)} m³`]
      : []),
  ];
}

/**
 * A frozen snapshot, read-only: title, meeting date, the timeline with older positions as
 * ghosts, what changed since the previous snapshot, the pairs; with print, presentation and
 * download buttons.
 */
export async function renderSnapshotView(main: HTMLElement, view: PublicSharedSnapshot, downloadBase: string | null, today: Date): Promise<() => void> {
  const { snapshot, previous, sincePrevious } = view;
  const { content } = snapshot;
  const titleOf = (id: string) => content.tasks.find((task) => task.id === id)?.title ?? id;
  const { TimelineView, legend } = await import('../timeline/view.js');
  const container = h('div', { class: 'timeline', 'aria-hidden': 'true' });
  const timeline = new TimelineView(container, { onSelectTask: () => undefined }, today);
  const exports = snapshotExports({ view, timeline, legend, today, onError: (error) => main.prepend(errorBlock(error)) });
  const dayText = (day: string) => new Date(`${day.slice(0, 10)}T12:00:00`).toLocaleDateString(language() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const meeting = snapshot.meetingDate ? dayText(snapshot.meetingDate) : null;
  const partyName = (id: string) => content.parties.find((party) => party.id === id)?.name ?? id;
  const changes = sincePrevious ? [...diffItems(sincePrevious, titleOf, partyName), ...tableSinceItems(sincePrevious)] : [];
  // A share link's answer names no one; signed in, the maker is shown.
  const maker = 'createdByLabel' in snapshot && typeof snapshot.createdByLabel === 'string' ? snapshot.createdByLabel : null;
  const soil = await soilSection(content.soilLedger, titleOf, main.clientWidth);
  main.replaceChildren(
    h(
      'header',
      { class: 'snapshot-header' },
      h('p', { class: 'badge badge-readonly' }, t('readOnly')),
      h('h1', {}, snapshot.title),
      h('p', { class: 'snapshot-meta' }, `${content.area.name}${meeting ? ` · ${t('meetingDate')}: ${meeting}` : ''} · ${maker ? `${t('madeBy')} ${maker}, ` : ''}${t('madeOn', { date: dayText(snapshot.createdAt) })}`),
      snapshot.note ? h('p', {}, snapshot.note) : null,
      legend(),
    ),
    h(
      'div',
      { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'print', onclick: () => window.print() }, t('printPdf')),
      ...exports.controls,
      // Offline (the self-contained file) there is no server to download from.
      downloadBase ? h('a', { class: 'button-link', href: `${downloadBase}/export.csv`, download: '' }, 'CSV') : null,
      downloadBase ? h('a', { class: 'button-link', href: `${downloadBase}/export.json`, download: '' }, 'JSON') : null,
      downloadBase ? h('a', { class: 'button-link', href: `${downloadBase}/export.html`, download: '' }, t('offlineHtml')) : null,
      exports.status,
    ),
    exports.presentationBar,
    exports.printSection,
    h(
      'section',
      { class: 'since-previous', 'aria-label': t('sincePrevious') },
      h('h2', {}, previous ? t('sinceMeeting', { title: previous.title, date: dayText(previous.meetingDate ?? previous.createdAt) }) : t('firstSnapshot')),
      previous ? (changes.length > 0 ? h('ul', { class: 'diff-list' }, changes.map((text) => h('li', {}, text))) : h('p', {}, t('noChanges'))) : null,
    ),
    h('div', { class: 'snapshot-body' }, h('section', { class: 'timeline-view' }, container), snapshotAgenda(content)),
    sortableTable(
      t('pairsTitle'),
      [
        { key: 'status', header: t('status'), value: (pair) => ALIGNMENT_STATUSES.indexOf(pair.status), cell: (pair) => label(pair.status) },
        { key: 'dike', header: t('dike'), value: (pair) => titleOf(pair.dikeTaskId) },
        { key: 'other', header: t('other'), value: (pair) => titleOf(pair.otherTaskId) },
        { key: 'soil', header: t('soil'), value: (pair) => pair.soilMatchM3, cell: (pair) => formatNumber(pair.soilMatchM3), numeric: true },
        { key: 'explanation', header: t('explanation'), value: (pair) => pair.explanation[language()] },
      ],
      content.alignments.pairs,
    ),
    soil,
  );
  timeline.render(content.tasks, content.parties, null);
  if (sincePrevious) timeline.setGhosts(previousPositions(content.tasks, sincePrevious.moved));
  timeline.fit();
  exports.refresh();
  return () => {
    exports.dispose();
    timeline.destroy();
  };
}

/** The soil ledger as the snapshot recorded it (chart, totals, tables), or a note that it predates the ledger. */
async function soilSection(ledger: PublicSharedSnapshot['snapshot']['content']['soilLedger'], titleOf: (taskId: string) => string, pageWidth: number): Promise<HTMLElement> {
  const heading = h('h2', { id: 'snapshot-soil-title' }, t('soilSnapshotTitle'));
  const section = h('section', { class: 'snapshot-soil', 'aria-labelledby': 'snapshot-soil-title' }, heading);
  if (!ledger) {
    section.append(h('p', { class: 'soil-not-recorded' }, t('soilSnapshotNotRecorded')));
    return section;
  }
  const { settings } = ledger;
  section.append(
    h('p', { class: 'hint' }, t('soilSnapshotIntro', { months: settings.soilStorageMonths, rate: formatNumber(settings.savingEurPerM3), load: formatNumber(settings.truckLoadM3) })),
    await ledgerFigure({ ledger, titleOf, idPrefix: 'snapshot-soil', width: snapshotChartWidth(pageWidth) }),
  );
  return section;
}

/** The chart's own width in the snapshot page: from 1200 px the charts take three fifths beside the totals (styles.css). */
function snapshotChartWidth(pageWidth: number): number {
  const content = Math.min(pageWidth, 1600) - 48;
  return Math.max(pageWidth >= 1200 ? Math.floor(content * 0.6) - 32 : content, 440);
}
