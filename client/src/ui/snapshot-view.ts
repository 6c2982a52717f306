import type { PlanDiff, SharedSnapshot } from '../../../server/contracts/snapshots.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import { h } from '../dom.js';
import { formatNumber, label, language, t } from '../i18n.js';
import { previousPositions } from '../timeline/to-items.js';
import { snapshotAgenda, tableSinceItems } from './area-table-view.js';
import { download, elementToPng } from './png-export.js';
import { sortableTable } from './sortable-table.js';
import { errorBlock } from './status.js';

/** The changes of a diff as list items: what a table sees "since the previous meeting". */
export function diffItems(diff: PlanDiff, titleOf: (taskId: string) => string): string[] {
  const months = (count: number) => `${count > 0 ? '+' : ''}${count} ${t('months')}`;
  return [
    ...diff.added.map((task) => `${t('diffAdded')}: ${task.title}`),
    ...diff.removed.map((task) => `${t('diffRemoved')}: ${task.title}`),
    ...diff.moved.map((task) => `${t('diffMoved')}: ${task.title} (${task.phases.map((phase) => `${label(phase.kind)} ${months(phase.startShift)}`).join(', ')})`),
    ...diff.changed.map((task) => `${t('diffChanged')}: ${task.title} (${task.fields.map((field) => field.field).join(', ')})`),
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
export async function renderSnapshotView(main: HTMLElement, view: SharedSnapshot, downloadBase: string | null, today: Date): Promise<() => void> {
  const { snapshot, previous, sincePrevious } = view;
  const { content } = snapshot;
  const titleOf = (id: string) => content.tasks.find((task) => task.id === id)?.title ?? id;
  const { TimelineView, legend } = await import('../timeline/view.js');
  const container = h('div', { class: 'timeline', 'aria-hidden': 'true' });
  const timeline = new TimelineView(container, { onSelectTask: () => undefined }, today);
  const meeting = snapshot.meetingDate
    ? new Date(`${snapshot.meetingDate}T12:00:00`).toLocaleDateString(language() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
    : null;
  const changes = sincePrevious ? [...diffItems(sincePrevious, titleOf), ...tableSinceItems(sincePrevious)] : [];
  main.replaceChildren(
    h(
      'header',
      { class: 'snapshot-header' },
      h('p', { class: 'badge badge-readonly' }, t('readOnly')),
      h('h1', {}, snapshot.title),
      h('p', { class: 'snapshot-meta' }, `${content.area.name}${meeting ? ` · ${t('meetingDate')}: ${meeting}` : ''} · ${t('madeBy')} ${snapshot.createdByLabel}, ${snapshot.createdAt.slice(0, 10)}`),
      snapshot.note ? h('p', {}, snapshot.note) : null,
      legend(),
    ),
    h(
      'div',
      { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'print', onclick: () => window.print() }, t('printPdf')),
      h(
        'button',
        {
          type: 'button',
          class: 'present',
          onclick: () => {
            document.body.classList.toggle('presentation');
            if (document.body.classList.contains('presentation')) void document.documentElement.requestFullscreen?.().catch(() => undefined);
            else if (document.fullscreenElement) void document.exitFullscreen();
          },
        },
        t('presentation'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'png',
          onclick: () =>
            void elementToPng(container).then(
              (blob) => download(blob, `${snapshot.title.replace(/[^\p{L}\p{N}-]+/gu, '-')}.png`),
              (error: unknown) => main.prepend(errorBlock(error)),
            ),
        },
        'PNG',
      ),
      // Offline (the self-contained file) there is no server to download from.
      downloadBase ? h('a', { class: 'button-link', href: `${downloadBase}/export.csv`, download: '' }, 'CSV') : null,
      downloadBase ? h('a', { class: 'button-link', href: `${downloadBase}/export.json`, download: '' }, 'JSON') : null,
      downloadBase ? h('a', { class: 'button-link', href: `${downloadBase}/export.html`, download: '' }, t('offlineHtml')) : null,
    ),
    h(
      'section',
      { class: 'since-previous', 'aria-label': t('sincePrevious') },
      h('h2', {}, previous ? `${t('sincePrevious')} “${previous.title}” (${previous.createdAt.slice(0, 10)})` : t('firstSnapshot')),
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
  );
  timeline.render(content.tasks, content.parties, null);
  if (sincePrevious) timeline.setGhosts(previousPositions(content.tasks, sincePrevious.moved));
  timeline.fit();
  return () => timeline.destroy();
}
