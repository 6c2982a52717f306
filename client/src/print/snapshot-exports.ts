import type { PublicSharedSnapshot } from '../../../server/contracts/snapshots.js';
import { h } from '../dom.js';
import { formatDay, t } from '../i18n.js';
import { previousPositions } from '../timeline/to-items.js';
import type { TimelineView } from '../timeline/view.js';
import { download, sheetToPng } from '../ui/png-export.js';
import { presentationMode } from '../ui/presentation.js';
import { pageMargins, printTimeline, rangeInView, wholeRange } from './print-timeline.js';

export interface SnapshotExports {
  /** Toolbar controls: the range of print and PNG, presentation mode, the PNG download. */
  controls: HTMLElement[];
  /** What the PNG export last made, for screen readers and the eye. */
  status: HTMLElement;
  presentationBar: HTMLElement;
  /** The print table with every printed page's margins: hidden on screen. */
  printSection: HTMLElement;
  /** Draws the print table anew; call once the timeline has its data and window. */
  refresh(): void;
  dispose(): void;
}

/**
 * Print, PNG and presentation mode of a snapshot's view. Print and PNG draw their own table of
 * every row over the chosen range, since vis-timeline draws only what fits the screen; the range
 * is the snapshot's whole time range or the one in view, as the user chooses.
 */
export function snapshotExports(options: {
  view: PublicSharedSnapshot;
  timeline: TimelineView;
  legend: () => HTMLElement;
  today: Date;
  onError: (error: unknown) => void;
}): SnapshotExports {
  const { snapshot, sincePrevious } = options.view;
  const { content } = snapshot;
  const ghosts = sincePrevious ? previousPositions(content.tasks, sincePrevious.moved) : [];
  const meeting = snapshot.meetingDate ? `${t('meetingDate')}: ${formatDay(snapshot.meetingDate)}` : null;
  const captured = `${content.area.name} · ${t('capturedOn', { date: formatDay(snapshot.createdAt) })}`;

  const rangeChoice = h(
    'select',
    { id: 'print-range', onchange: () => refresh() },
    h('option', { value: 'whole' }, t('printRangeWhole')),
    h('option', { value: 'view' }, t('printRangeView')),
  );
  const table = () => {
    const inView = options.timeline.visibleWindow();
    return printTimeline({
      tasks: content.tasks,
      parties: content.parties,
      ghosts,
      range: rangeChoice.value === 'view' ? rangeInView(inView.start, inView.end) : wholeRange(content.tasks),
      // A snapshot is read at the month it recorded: phases started by then are drawn fixed.
      asOf: content.asOf ?? snapshot.createdAt.slice(0, 7),
      today: options.today,
      legend: options.legend,
    });
  };
  const printSection = h('section', { class: 'snapshot-print', 'aria-label': t('printTimeline') });
  const refresh = () => printSection.replaceChildren(pageMargins({ left: [snapshot.title, meeting].filter(Boolean).join(' · '), right: captured }), table());
  // The range in view changes with every zoom: take it as it is when the print starts.
  window.addEventListener('beforeprint', refresh);

  const status = h('p', { class: 'export-status', role: 'status' });
  const png: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'png',
      onclick: () =>
        void sheetToPng(h('div', { class: 'png-heading' }, h('h1', {}, snapshot.title), h('p', {}, [meeting, captured].filter(Boolean).join(' · '))), table()).then(
          ({ blob, width, height, rows }) => {
            png.dataset.rows = String(rows);
            status.textContent = t('pngDone', { rows, width, height });
            download(blob, `${snapshot.title.replace(/[^\p{L}\p{N}-]+/gu, '-')}.png`);
          },
          options.onError,
        ),
    },
    'PNG',
  );
  const present = h('button', { type: 'button', class: 'present', onclick: () => presentation.enter() }, t('presentation'));
  const presentation = presentationMode(options.timeline, content, () => present.focus());

  return {
    controls: [h('label', { class: 'field', for: 'print-range' }, t('printRange'), rangeChoice), present, png],
    status,
    presentationBar: presentation.bar,
    printSection,
    refresh,
    dispose: () => {
      presentation.dispose();
      window.removeEventListener('beforeprint', refresh);
    },
  };
}
