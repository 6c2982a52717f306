import type { SnapshotContent } from '../../../server/contracts/snapshots.js';
import { h } from '../dom.js';
import { countText, label, language, t } from '../i18n.js';
import { ghostItem } from '../timeline/to-items.js';
import type { TimelineView } from '../timeline/view.js';

type Pair = SnapshotContent['alignments']['pairs'][number];

export interface Presentation {
  /** The bar shown while presenting: where it says which pair is shown, with the exit button. */
  bar: HTMLElement;
  enter(): void;
  leave(): void;
  /** Leaves and stops listening: the page is going away. */
  dispose(): void;
}

/**
 * Presentation mode of a snapshot: large type, full screen, the timeline filling it, and the
 * arrow keys stepping through the pairs, each shown as Toon shows it on the area page (both tasks
 * highlighted and in view, the suggested position drawn). The exit button, Escape and leaving
 * full screen each end it completely: class, full screen, highlight and listeners, no reload.
 */
export function presentationMode(
  timeline: Pick<TimelineView, 'highlight' | 'clearHighlight' | 'fit'>,
  content: Pick<SnapshotContent, 'tasks'> & { alignments: { pairs: readonly Pair[] } },
  onLeave: () => void,
): Presentation {
  const { pairs } = content.alignments;
  const titleOf = (id: string) => content.tasks.find((task) => task.id === id)?.title ?? id;
  const status = h('p', { class: 'presentation-status', role: 'status', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'presentation-previous', onclick: () => show(step - 1) }, `← ${t('presentationPrevious')}`);
  const next = h('button', { type: 'button', class: 'presentation-next', onclick: () => show(step + 1) }, `${t('presentationNext')} →`);
  const exit = h('button', { type: 'button', class: 'presentation-exit', onclick: () => leave() }, t('presentationLeave'));
  const bar = h('div', { class: 'presentation-bar', role: 'group', 'aria-label': t('presentationBar') }, exit, previous, next, status);
  let active = false;
  /** 0 is the overview of every task; 1 … n the pairs. */
  let step = 0;

  function show(target: number): void {
    step = Math.min(Math.max(target, 0), pairs.length);
    previous.disabled = step === 0;
    next.disabled = step === pairs.length;
    // A button that just became disabled would drop the focus to the page: hand it to its partner.
    if (previous.disabled && document.activeElement === previous) next.focus();
    if (next.disabled && document.activeElement === next) previous.focus();
    const pair = pairs[step - 1];
    if (!pair) {
      timeline.clearHighlight();
      timeline.fit();
      status.textContent = t('presentationOverview', { count: countText(pairs.length, 'pair') });
      return;
    }
    timeline.highlight([pair.dikeTaskId, pair.otherTaskId], ghostItem(pair, content.tasks));
    status.textContent = t('presentationPair', {
      index: step,
      count: pairs.length,
      dike: titleOf(pair.dikeTaskId),
      other: titleOf(pair.otherTaskId),
      status: label(pair.status),
      explanation: pair.explanation[language()],
    });
  }

  function onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // PageDown and PageUp are what presentation clickers send.
    if (event.key === 'Escape') leave();
    else if (['ArrowRight', 'ArrowDown', 'PageDown'].includes(event.key)) show(step + 1);
    else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(event.key)) show(step - 1);
    else if (event.key === 'Home') show(0);
    else if (event.key === 'End') show(pairs.length);
    else return;
    event.preventDefault();
  }

  // The browser's own Escape leaves full screen without a keydown reaching the page.
  function onFullscreenChange(): void {
    if (!document.fullscreenElement) leave();
  }

  function enter(): void {
    if (active) return;
    active = true;
    document.body.classList.add('presentation');
    document.addEventListener('keydown', onKey);
    show(0);
    exit.focus();
    void document.documentElement
      .requestFullscreen?.()
      .then(() => {
        // Listen only once full screen has begun, so that its start is not read as its end.
        if (active) document.addEventListener('fullscreenchange', onFullscreenChange);
      })
      .catch(() => undefined);
  }

  function stopListening(): void {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('fullscreenchange', onFullscreenChange);
  }

  function leave(): void {
    if (!active) return;
    active = false;
    stopListening();
    document.body.classList.remove('presentation');
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    timeline.clearHighlight();
    timeline.fit();
    onLeave();
  }

  return {
    bar,
    enter,
    leave,
    dispose: () => {
      if (!active) return;
      active = false;
      stopListening();
      document.body.classList.remove('presentation');
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
  };
}
