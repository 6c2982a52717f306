import type { PlanResponse, PlanResult } from '../../../server/contracts/plans.js';
import { DEFAULT_MIN_OVERLAP, MAX_MIN_OVERLAP } from '../../../server/domain/alignment.js';
import { DEFAULT_PLAN_STEP_MONTHS } from '../../../server/domain/plan.js';
import { DEFAULT_TIME_LIMIT_S, MAX_TIME_LIMIT_S } from '../../../server/solver/limits.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t, type TextKey } from '../i18n.js';
import { errorBlock } from '../ui/status.js';
import { planApi } from './plan-api.js';
import { consentText, describeMove, inversionTexts, outcomeText, planFigureRows, planStatusText } from './plan-text.js';

/** What a plan is asked for: one area, or a party's whole programme (every area where it has tasks). */
export type PlanScopeChoice = { areaId: string } | { partyId: string };

export interface PlanDialogContext {
  /** The scope as the title names it: the area's name, or the party's. */
  scopeName: string;
  partyName(partyId: string): string;
  areaName(areaId: string): string;
  /** A task's title (inversions name tasks that did not move); undefined when the page does not know it. */
  titleOf(taskId: string): string | undefined;
  /**
   * Shows the finished plan's scenario on the page (the area page opens it on its timeline).
   * Without it, and for a party's programme, every move links to its area.
   */
  onPlan?(plan: PlanResponse): Promise<void> | void;
  /** Focus returns here when the dialog closes. */
  opener?: HTMLElement | null;
}

const STEP_CHOICES: { months: number; text: TextKey }[] = [
  { months: 1, text: 'planStep1' },
  { months: 3, text: 'planStep3' },
  { months: 6, text: 'planStep6' },
  { months: 12, text: 'planStep12' },
];
const TIME_LIMIT_CHOICES = [...new Set([10, DEFAULT_TIME_LIMIT_S, 60, MAX_TIME_LIMIT_S])].sort((a, b) => a - b);
/** How often a running plan is asked after, and how often its elapsed time is redrawn. */
const POLL_MS = 500;
const TICK_MS = 250;

/** The plan's before/after figures as a small table, with its outcome (proven best, or the gap) as the last row. */
export function planFiguresTable(plan: PlanResponse & { result: PlanResult }): HTMLElement {
  return h(
    'table',
    { class: 'data-table plan-figures' },
    h('caption', {}, t('planFigures')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('planFigure')), h('th', { scope: 'col', class: 'numeric' }, t('planBefore')), h('th', { scope: 'col', class: 'numeric' }, t('planAfter')))),
    h(
      'tbody',
      {},
      planFigureRows(plan.result).map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), h('td', { class: 'numeric' }, row.before), h('td', { class: 'numeric' }, row.after))),
      h('tr', {}, h('th', { scope: 'row' }, t('planOutcome')), h('td', { colspan: 2, class: 'numeric' }, outcomeText(plan))),
    ),
  );
}

/**
 * The moves explained, one item each; a move that needs another party's consent says so in words
 * and with a lock (never by colour alone). With `linkAreas` each move links to its area.
 */
export function planMovesList(result: PlanResult, context: Pick<PlanDialogContext, 'partyName' | 'areaName'>, linkAreas: boolean, scenarioId: string | null = null): HTMLElement {
  // A programme's plan is one scenario across its areas: each link opens it on that area's timeline.
  const areaHref = (areaId: string) => `#/gebied/${encodeURIComponent(areaId)}${scenarioId ? `/scenario/${encodeURIComponent(scenarioId)}` : ''}`;
  if (result.moves.length === 0) return h('p', { class: 'plan-no-moves' }, t('movesNone'));
  return h(
    'ul',
    { class: 'plan-moves' },
    result.moves.map((move) =>
      h(
        'li',
        { class: `plan-move${move.needsConsent ? ' needs-consent' : ''}`, 'data-task-id': move.taskId },
        h('p', { class: 'plan-move-text' }, describeMove(move)),
        h('p', { class: 'plan-consent' }, icon(move.needsConsent ? 'lock' : 'check'), ` ${consentText(move, context.partyName)}`),
        linkAreas ? h('p', { class: 'plan-move-area' }, h('a', { href: areaHref(move.areaId) }, t('planInArea', { area: context.areaName(move.areaId) }))) : null,
      ),
    ),
  );
}

/** The whole explanation of a finished plan: what its status says, the figures, the moves, any inversions and the model's size. */
export function planExplanation(plan: PlanResponse & { result: PlanResult }, context: Pick<PlanDialogContext, 'partyName' | 'areaName' | 'titleOf'>, linkAreas: boolean): HTMLElement[] {
  const inversions = inversionTexts(plan.result, (taskId) => context.titleOf(taskId) ?? plan.result.moves.find((move) => move.taskId === taskId)?.title ?? '—');
  const size = plan.result.modelSize;
  return [
    h('p', { class: `plan-outcome plan-outcome-${plan.status}` }, icon(plan.status === 'optimal' ? 'check' : 'warning'), ` ${planStatusText(plan)}`),
    planFiguresTable(plan),
    h('h3', {}, t('planMoves')),
    planMovesList(plan.result, context, linkAreas, plan.scenarioId),
    inversions.length > 0 ? h('ul', { class: 'evaluation plan-inversions' }, inversions.map((text) => h('li', { class: 'evaluation-warning' }, icon('warning'), ` ${text}`))) : null,
    h('p', { class: 'hint plan-model' }, t('planModel', { movable: size.movableTasks, binaries: size.binaries, constraints: size.constraints, ms: Math.round(plan.result.solveMs) })),
  ].filter((node): node is HTMLElement => node !== null);
}

function hasResult(plan: PlanResponse): plan is PlanResponse & { result: PlanResult } {
  return plan.result !== null && (plan.status === 'optimal' || plan.status === 'time_limit');
}

/**
 * Opens the *Stel een plan voor* dialog for an area or a party's programme: the options in plain
 * words, then (while the server solves) the elapsed time against the time limit and a button that
 * stops the solve on the server, then the plan explained. Closing the dialog while it solves stops
 * the solve too: nobody is left waiting for it.
 *
 * @example openPlanDialog({ areaId: 'vierwaarden' }, { scopeName: 'Vierwaarden', partyName, areaName, titleOf, onPlan })
 */
export function openPlanDialog(scope: PlanScopeChoice, context: PlanDialogContext): HTMLDialogElement {
  const titleText = t('planDialogTitle', { name: 'partyId' in scope ? t('planDialogProgramme', { name: context.scopeName }) : context.scopeName });
  const body = h('div', { class: 'plan-dialog-body' });
  const live = h('p', { class: 'plan-live sr-only', role: 'status', 'aria-live': 'polite' });
  const dialog = h(
    'dialog',
    { class: 'plan-dialog', 'aria-labelledby': 'plan-dialog-title' },
    h('div', { class: 'plan-dialog-header' }, h('h2', { id: 'plan-dialog-title' }, titleText), h('button', { type: 'button', class: 'close-plan', onclick: () => dialog.close() }, t('planClose'))),
    live,
    body,
  );
  /** The plan being solved, while it is: closing the dialog stops it. */
  let solving: PlanResponse | null = null;
  /** The options last asked for: *Andere keuzes* starts from them. */
  let choices = { stepMonths: DEFAULT_PLAN_STEP_MONTHS, minOverlap: DEFAULT_MIN_OVERLAP, moveOthers: false, allowInversions: false, timeLimitS: DEFAULT_TIME_LIMIT_S };
  let timers: number[] = [];
  const stopTimers = () => {
    timers.forEach((timer) => clearInterval(timer));
    timers = [];
  };

  const showForm = (failure: HTMLElement | null = null) => {
    const step = h(
      'select',
      { id: 'plan-step' },
      STEP_CHOICES.map((choice) => h('option', { value: String(choice.months), selected: choice.months === choices.stepMonths }, t(choice.text))),
    );
    const minOverlap = h('input', { id: 'plan-min-overlap', type: 'number', min: 1, max: MAX_MIN_OVERLAP, step: 1, value: String(choices.minOverlap), required: true });
    const moveOthers = h('input', { id: 'plan-move-others', type: 'checkbox', checked: choices.moveOthers });
    const allowInversions = h('input', { id: 'plan-allow-inversions', type: 'checkbox', checked: choices.allowInversions });
    const timeLimit = h(
      'select',
      { id: 'plan-time-limit' },
      TIME_LIMIT_CHOICES.map((seconds) => h('option', { value: String(seconds), selected: seconds === choices.timeLimitS }, t('planSeconds', { seconds }))),
    );
    const submit = h('button', { type: 'submit', class: 'primary start-plan' }, t('planStart'));
    const form = h(
      'form',
      {
        class: 'plan-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          choices = {
            stepMonths: Number(step.value),
            minOverlap: Math.round(Number(minOverlap.value)),
            moveOthers: moveOthers.checked,
            allowInversions: allowInversions.checked,
            timeLimitS: Number(timeLimit.value),
          };
          // One plan per press: a second click while the server answers would start another.
          submit.disabled = true;
          void start({ ...scope, ...choices, stepMonths: choices.stepMonths as 1 | 3 | 6 | 12 });
        },
      },
      h('p', { class: 'hint' }, t('planSuggestHint')),
      h('p', { class: 'plan-never' }, icon('info'), ` ${t('planNever')}`),
      h('div', { class: 'field' }, h('label', { for: 'plan-step' }, t('planStep')), step),
      h('div', { class: 'field' }, h('label', { for: 'plan-min-overlap' }, t('planMinOverlap')), minOverlap),
      h('div', { class: 'check-field' }, moveOthers, h('label', { for: 'plan-move-others' }, t('planMoveOthers'))),
      h('div', { class: 'check-field' }, allowInversions, h('label', { for: 'plan-allow-inversions' }, t('planAllowInversions'))),
      h('div', { class: 'field' }, h('label', { for: 'plan-time-limit' }, t('planTimeLimit')), timeLimit),
      failure,
      h('div', { class: 'plan-actions' }, submit),
    );
    body.replaceChildren(form);
    step.focus();
  };

  const start = async (request: Parameters<typeof planApi.start>[0]) => {
    let plan: PlanResponse;
    try {
      plan = await planApi.start(request);
    } catch (error) {
      showForm(errorBlock(error));
      return;
    }
    showProgress(plan);
  };

  const showProgress = (plan: PlanResponse) => {
    solving = plan;
    const startedAt = performance.now() - plan.elapsedMs;
    const limit = plan.timeLimitS;
    const progress = h('progress', { id: 'plan-progress', max: limit, value: 0 });
    const solvingText = h('p', { class: 'plan-solving' });
    const elapsed = h('p', { class: 'plan-elapsed' });
    const cancel = h(
      'button',
      {
        type: 'button',
        class: 'cancel-plan',
        onclick: () => {
          cancel.disabled = true;
          void planApi.cancel(plan.id).then(finish, (error: unknown) => {
            cancel.disabled = false;
            body.append(errorBlock(error));
          });
        },
      },
      t('planCancel'),
    );
    const tick = () => {
      const running = (performance.now() - startedAt) / 1000;
      const seconds = Math.min(running, limit);
      solvingText.textContent = planStatusText({ messageCode: 'plan_solving', messageParams: { seconds: Math.floor(running) } });
      progress.value = seconds;
      progress.setAttribute('aria-valuetext', t('planElapsed', { elapsed: Math.floor(seconds), limit }));
      elapsed.textContent = t('planElapsed', { elapsed: Math.floor(seconds), limit });
    };
    tick();
    body.replaceChildren(
      h('div', { class: 'plan-progress' }, solvingText, h('label', { for: 'plan-progress' }, t('planProgress')), progress, elapsed),
      h('div', { class: 'plan-actions' }, cancel),
    );
    // Said once: the ticking seconds would drown a screen reader.
    live.textContent = planStatusText(plan);
    cancel.focus();
    timers.push(window.setInterval(tick, TICK_MS));
    let asking = false;
    timers.push(
      window.setInterval(() => {
        if (asking || solving?.id !== plan.id) return;
        asking = true;
        void planApi
          .plan(plan.id)
          .then((next) => {
            if (next.status !== 'solving') finish(next);
          })
          .catch(() => undefined)
          .finally(() => (asking = false));
      }, POLL_MS),
    );
  };

  const finish = (plan: PlanResponse) => {
    if (solving?.id !== plan.id) return;
    solving = null;
    stopTimers();
    const status = planStatusText(plan);
    live.textContent = status;
    if (!hasResult(plan)) {
      body.replaceChildren(
        h(
          'div',
          { class: `plan-ended plan-${plan.status}`, role: 'alert' },
          h('p', {}, icon(plan.status === 'cancelled' ? 'stop' : 'warning'), ` ${status}`),
          plan.failure && plan.status === 'failed' ? h('details', { class: 'error-detail' }, h('summary', {}, t('technicalDetails')), h('p', { lang: 'en' }, plan.failure)) : null,
        ),
        h('div', { class: 'plan-actions' }, h('button', { type: 'button', class: 'plan-again', onclick: () => showForm() }, t('planAgain'))),
      );
      body.querySelector<HTMLElement>('.plan-again')?.focus();
      return;
    }
    const show = context.onPlan;
    body.replaceChildren(
      h('h3', { class: 'plan-result-title', tabindex: '-1' }, t('planResultTitle')),
      // A programme's moves lie in several areas: each links to its own.
      ...planExplanation(plan, context, 'partyId' in scope || !show),
      h(
        'div',
        { class: 'plan-actions' },
        show ? h('button', { type: 'button', class: 'primary show-plan-scenario', onclick: () => dialog.close() }, t('planShowScenario')) : null,
        h('button', { type: 'button', class: 'plan-again', onclick: () => showForm() }, t('planAgain')),
      ),
    );
    body.querySelector<HTMLElement>('.plan-result-title')?.focus();
    // The scenario opens behind the dialog, so closing it shows the moves on the timeline.
    if (show) void Promise.resolve(show(plan)).catch((error: unknown) => body.append(errorBlock(error)));
  };

  // Following a move's link to its area leaves the page under the dialog: the dialog goes too.
  const closeOnNavigation = () => dialog.close();
  window.addEventListener('hashchange', closeOnNavigation, { once: true });
  dialog.addEventListener('close', () => {
    window.removeEventListener('hashchange', closeOnNavigation);
    stopTimers();
    if (solving) void planApi.cancel(solving.id).catch(() => undefined);
    solving = null;
    dialog.remove();
    if (context.opener?.isConnected) context.opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  showForm();
  return dialog;
}
