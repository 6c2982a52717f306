import type { ScenarioResponse } from '../../../server/contracts/scenarios.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import type { User } from '../../../server/contracts/users.js';
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { TimelineView } from '../timeline/view.js';
import { describeEvaluation } from './scenario-text.js';
import { errorBlock } from './status.js';

export interface ScenarioContext {
  areaId: string;
  tasks: readonly TaskResponse[];
  user: User;
  view: TimelineView;
  titleOf(taskId: string): string;
  partyName(partyId: string): string;
  /** After applying: the baseline changed, so the page reloads its data. */
  onApplied(): void;
}

/**
 * Scenario mode for planners: open or start a scenario, drag tasks or swap two sections, and
 * see at once what the moves do; apply when the evaluation allows it.
 */
export function scenarioPanel(context: ScenarioContext): { element: HTMLElement; shift(taskId: string, shiftMonths: number): Promise<void> } {
  const { tasks, user, view } = context;
  const panel = h('section', { class: 'scenario-panel', 'aria-labelledby': 'scenario-title' });
  const output = h('div', { class: 'scenario-output', 'aria-live': 'polite' });
  let scenario: ScenarioResponse | null = null;
  const draggable = new Set(
    tasks.filter((task) => task.window && (user.role === 'admin' || task.partyId === user.partyId)).map((task) => task.id),
  );
  const dikes = tasks.filter((task) => task.programme === 'HWBP' && (user.role === 'admin' || task.partyId === user.partyId));

  async function show(next: ScenarioResponse) {
    scenario = next;
    view.setScenario(new Map(next.moves.map((move) => [move.taskId, move.shiftMonths])), draggable);
    const evaluation = await api.evaluation(next.id);
    const lines = describeEvaluation(evaluation, context.titleOf, context.partyName);
    const icon = { violation: '⛔', baseline: '○', warning: '⚠', won: '✔', lost: '✘', soil: '⛰' } as const;
    output.replaceChildren(
      h('h3', {}, `${next.name}`),
      next.moves.length === 0
        ? h('p', {}, t('movesNone'))
        : h(
            'ul',
            { class: 'scenario-moves' },
            next.moves.map((move) => h('li', {}, `${context.titleOf(move.taskId)}: ${move.shiftMonths > 0 ? '+' : ''}${move.shiftMonths} ${t('months')}`)),
          ),
      h('h4', {}, t('evaluationTitle')),
      lines.length === 0
        ? h('p', { class: 'evaluation-clean' }, t('evaluationClean'))
        : h('ul', { class: 'evaluation' }, lines.map((line) => h('li', { class: `evaluation-${line.kind}` }, h('span', { 'aria-hidden': 'true' }, `${icon[line.kind]} `), line.text))),
      h(
        'div',
        { class: 'scenario-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary apply-scenario',
            disabled: !evaluation.applicable || next.moves.length === 0,
            onclick: () => void apply(next),
          },
          t('scenarioApply'),
        ),
        evaluation.applicable ? null : h('p', { class: 'hint' }, t('notApplicable')),
        h('button', { type: 'button', onclick: () => void guard(async () => show(await api.setMoves(next.id, []))) }, t('scenarioReset')),
      ),
    );
  }

  /**
   * Applies, or, when tasks changed since their moves were set (someone else applied or edited),
   * shows the evaluation against the plan as it is now and offers to take the moves over.
   */
  async function apply(next: ScenarioResponse) {
    try {
      await api.applyScenario(next.id);
      context.onApplied();
    } catch (error) {
      const changed = error instanceof ApiError ? (error.problem as { changedTasks?: { title: string }[] }).changedTasks : undefined;
      if (!changed) {
        output.prepend(errorBlock(error));
        return;
      }
      await show(next);
      output.prepend(
        h(
          'div',
          { class: 'error', role: 'alert' },
          h('strong', {}, t('scenarioStaleTitle')),
          h('p', {}, `${t('scenarioStaleText')} ${changed.map((task) => task.title).join('; ')}`),
          h('button', { type: 'button', class: 'rebase-scenario', onclick: () => void guard(async () => show(await api.rebaseScenario(next.id))) }, t('scenarioRebase')),
        ),
      );
    }
  }

  async function guard(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      output.prepend(errorBlock(error));
    }
  }

  /** Called by the timeline when a task was dragged: save the new shift and evaluate again. */
  async function shift(taskId: string, shiftMonths: number) {
    if (!scenario) return;
    const moves: { taskId: string; shiftMonths: number }[] = scenario.moves.filter((move) => move.taskId !== taskId);
    if (shiftMonths !== 0) moves.push({ taskId, shiftMonths });
    await guard(async () => show(await api.setMoves(scenario!.id, moves)));
  }

  const select = h('select', { id: 'scenario-select' }, h('option', { value: '' }, t('scenarioNone')));
  const name = h('input', { id: 'scenario-name', type: 'text' });
  const swapSelect = (id: string) =>
    h('select', { id }, dikes.map((task) => h('option', { value: task.id }, `${task.title}${task.urgencyRank ? ` (${task.urgencyRank})` : ''}`)));
  const swapA = swapSelect('swap-a');
  const swapB = swapSelect('swap-b');
  if (swapB.options.length > 1) swapB.selectedIndex = 1;

  panel.append(
    h('h2', { id: 'scenario-title' }, t('scenarioTitle')),
    h('p', {}, t('scenarioIntro')),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'scenario-select' }, t('scenarioOpen')), select),
      h('div', { class: 'field' }, h('label', { for: 'scenario-name' }, t('scenarioName')), name),
      h(
        'button',
        {
          type: 'button',
          class: 'create-scenario',
          onclick: () =>
            void guard(async () => {
              const created = await api.createScenario(name.value.trim() || t('scenarioCreate'), context.areaId);
              select.append(h('option', { value: created.id }, created.name));
              select.value = created.id;
              await show(created);
            }),
        },
        t('scenarioCreate'),
      ),
    ),
    h(
      'fieldset',
      { class: 'swap' },
      h('legend', {}, t('swapTitle')),
      h('div', { class: 'field' }, h('label', { for: 'swap-a' }, t('swapA')), swapA),
      h('div', { class: 'field' }, h('label', { for: 'swap-b' }, t('swapB')), swapB),
      h(
        'button',
        {
          type: 'button',
          class: 'swap-button',
          onclick: () =>
            void guard(async () => {
              if (!scenario) scenario = await api.createScenario(name.value.trim() || t('swapTitle'), context.areaId);
              await show(await api.swap(scenario.id, swapA.value, swapB.value));
            }),
        },
        t('swapButton'),
      ),
    ),
    output,
  );
  select.addEventListener('change', () => {
    const chosen = select.value;
    if (chosen) void guard(async () => show((await api.scenarios(context.areaId)).find((candidate) => candidate.id === chosen)!));
  });
  void api.scenarios(context.areaId).then((scenarios) => {
    for (const existing of scenarios.filter((candidate) => !candidate.appliedAt)) select.append(h('option', { value: existing.id }, existing.name));
  });
  return { element: panel, shift };
}
