import type { TaskResponse } from '../../../server/contracts/tasks.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatEuro, formatMonth, formatNumber, label, t, type TextKey } from '../i18n.js';
import { errorBlock } from './status.js';

function row(key: TextKey, value: Node | string | null | undefined): (HTMLElement | null)[] {
  if (value === null || value === undefined || value === '') return [null];
  return [h('dt', {}, t(key)), h('dd', {}, value)];
}

/** Every field of a task, and for a dike section its trajectory's norms, length and water boards. */
export async function renderTaskDetail(panel: HTMLElement, task: TaskResponse, partyName: string, onClose: () => void): Promise<void> {
  const phases = h(
    'ul',
    {},
    task.phases.map((phase) => h('li', {}, `${label(phase.kind)}: ${formatMonth(phase.start)} – ${formatMonth(phase.end)}`)),
  );
  const trajectory = h('div', { class: 'trajectory' });
  const history = h('div', { class: 'history' });
  panel.replaceChildren(
    h(
      'div',
      { class: 'panel-header' },
      h('h2', { id: 'detail-title', tabindex: '-1' }, task.title),
      h('button', { type: 'button', onclick: onClose }, t('closeDetails')),
    ),
    h(
      'dl',
      { class: 'detail-list' },
      ...row('party', partyName),
      ...row('programme', task.programme),
      ...row('kind', label(task.kind)),
      ...row('description', task.description),
      ...row('phases', phases),
      ...row(
        'windowLabel',
        task.window ? `${formatMonth(task.window.earliestStart)} – ${formatMonth(task.window.latestEnd)}` : t('noWindow'),
      ),
      ...row('soilDemand', task.soilDemandM3 ? `${formatNumber(task.soilDemandM3)} m³` : null),
      ...row('soilSupply', task.soilSupplyM3 ? `${formatNumber(task.soilSupplyM3)} m³` : null),
      ...row('soilType', task.soilType ? label(task.soilType) : null),
      ...row('cost', task.costEur === null ? null : formatEuro(task.costEur)),
      ...row('river', task.river),
      ...row('km', task.kmFrom !== null && task.kmTo !== null ? `${formatNumber(task.kmFrom)} – ${formatNumber(task.kmTo)}` : null),
      ...row('urgency', task.urgencyRank === null ? null : String(task.urgencyRank)),
      ...row('statusField', task.status),
      ...row('externalRef', task.externalRef),
      ...row('trajectory', task.dikeTrajectId),
    ),
    h('p', { class: 'badge badge-warning', hidden: !task.outsideWindow }, `⚠ ${t('outsideWindow')}`),
    trajectory,
    history,
  );
  panel.hidden = false;
  void api
    .taskHistory(task.id)
    .then((entries) =>
      history.replaceChildren(
        h('h3', {}, t('history')),
        h(
          'ul',
          {},
          entries.map((entry) =>
            h('li', {}, `${entry.at.slice(0, 10)} · ${entry.actor.label} · ${entry.action}: ${entry.changes.map((change) => change.field).join(', ')}`),
          ),
        ),
      ),
    )
    .catch((error: unknown) => history.replaceChildren(errorBlock(error)));
  panel.querySelector<HTMLElement>('#detail-title')?.focus();
  if (!task.dikeTrajectId) return;
  try {
    const traject = await api.dikeTraject(task.dikeTrajectId);
    trajectory.replaceChildren(
      h('h3', {}, `${t('trajectory')} ${traject.id}`),
      h(
        'dl',
        { class: 'detail-list' },
        ...row('signalingValue', traject.signalingValue?.label ?? t('none')),
        ...row('lowerLimit', traject.lowerLimit?.label ?? t('none')),
        ...row('length', traject.lengthKm === null ? t('none') : `${formatNumber(traject.lengthKm)} km`),
        ...row('waterBoards', traject.waterBoards.join(', ')),
      ),
    );
  } catch (error) {
    trajectory.replaceChildren(errorBlock(error));
  }
}
