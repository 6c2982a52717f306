import type { DikeTraject } from '../../../server/contracts/dike-trajects.js';
import type { CreateTaskBody, TaskPatch, TaskResponse } from '../../../server/contracts/tasks.js';
import { PHASE_KINDS, PROGRAMMES, SOIL_TYPES, TASK_KINDS } from '../../../server/domain/tasks.js';
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { formatDay, formatEuro, formatMonth, formatNumber, label, language, t, type TextKey } from '../i18n.js';
import { fieldChangeText, fieldLabel, fieldValueText } from '../ui/field-values.js';
import { errorBlock } from '../ui/status.js';
import type { AreaCtrl } from './ctrl.js';
import { fieldMessage, fieldOfPointer } from './field-errors.js';
import { canCreateTasks, canEdit } from './model.js';

const STATUS_VALUES = ['idee', 'verkenning', 'planuitwerking', 'projectbesluit', 'realisatie', 'afgerond'];

function detailRow(key: TextKey, value: Node | string | null | undefined): HTMLElement[] {
  return value === null || value === undefined || value === '' ? [] : [h('dt', {}, t(key)), h('dd', {}, value)];
}

function trajectText(traject: DikeTraject): string {
  const norm = traject.lowerLimit?.label ?? traject.signalingValue?.label ?? '—';
  const length = traject.lengthKm === null ? '—' : `${formatNumber(traject.lengthKm)} km`;
  return `${traject.id} · ${t('norm')} ${norm} · ${length} · ${traject.waterBoards.join(', ') || '—'}`;
}

/** A task read-only: for everyone, with edit and delete for whoever may change it. */
export function taskDetail(ctrl: AreaCtrl, task: TaskResponse): HTMLElement {
  const { user } = ctrl.state;
  const editable = canEdit(user, task);
  const trajectory = h('section', { class: 'trajectory' });
  const history = h('section', { class: 'history' });
  const confirm = h('div', { class: 'confirm', hidden: true });
  const phases = h(
    'ul',
    {},
    task.phases.map((phase) => h('li', {}, `${label(phase.kind)}: ${formatMonth(phase.start)} – ${formatMonth(phase.end)}${phase.start < ctrl.asOf ? ` (${t('startedPhase').toLowerCase()})` : ''}`)),
  );
  const askDelete = () => {
    confirm.hidden = false;
    confirm.replaceChildren(
      h('p', {}, t('deleteConfirm', { title: task.title })),
      h(
        'button',
        {
          type: 'button',
          class: 'danger confirm-delete',
          onclick: () =>
            void ctrl.deleteTask(task).catch((error: unknown) => {
              confirm.replaceChildren(errorBlock(error));
            }),
        },
        t('confirmDelete'),
      ),
      h('button', { type: 'button', onclick: () => (confirm.hidden = true) }, t('cancel')),
    );
    confirm.querySelector<HTMLElement>('.confirm-delete')?.focus();
  };
  const element = h(
    'div',
    { class: 'task-detail' },
    h('div', { class: 'panel-header' }, h('h2', { id: 'detail-title', tabindex: '-1' }, task.title), h('button', { type: 'button', class: 'close-detail', onclick: () => ctrl.closePanel() }, t('closeDetails'))),
    editable
      ? h(
          'div',
          { class: 'task-actions' },
          h('button', { type: 'button', class: 'edit-task', onclick: () => ctrl.startEdit(task.id) }, t('editTask')),
          h('button', { type: 'button', class: 'delete-task', onclick: askDelete }, t('deleteTask')),
        )
      : h('p', { class: 'read-only-note' }, icon('lock'), ' ', user.role === 'viewer' || user.role === 'area_director' ? t('readOnlyRole') : t('readOnlyTask', { party: ctrl.party(task.partyId) })),
    confirm,
    task.outsideWindow ? h('p', { class: 'badge badge-warning' }, icon('warning'), ` ${t('outsideWindow')}`) : null,
    h(
      'dl',
      { class: 'detail-list' },
      ...detailRow('party', ctrl.party(task.partyId)),
      ...detailRow('programme', task.programme),
      ...detailRow('kind', label(task.kind)),
      ...detailRow('description', task.description),
      ...detailRow('phases', phases),
      ...detailRow('windowLabel', task.window ? `${formatMonth(task.window.earliestStart)} – ${formatMonth(task.window.latestEnd)}` : t('noWindow')),
      ...detailRow('soilDemand', task.soilDemandM3 ? `${formatNumber(task.soilDemandM3)} m³` : null),
      ...detailRow('soilSupply', task.soilSupplyM3 ? `${formatNumber(task.soilSupplyM3)} m³` : null),
      ...detailRow('soilType', task.soilType ? label(task.soilType) : null),
      ...detailRow('cost', task.costEur === null ? null : formatEuro(task.costEur)),
      ...detailRow('river', task.river),
      ...detailRow('km', task.kmFrom !== null && task.kmTo !== null ? `${formatNumber(task.kmFrom)} – ${formatNumber(task.kmTo)}` : null),
      ...detailRow('lengthKm', task.lengthKm === null || task.lengthKm === undefined ? null : `${formatNumber(task.lengthKm)} km`),
      ...detailRow('urgency', task.urgencyRank === null ? null : String(task.urgencyRank)),
      ...detailRow('statusField', task.status === null ? null : label(task.status)),
      ...detailRow('externalRef', task.externalRef),
      ...detailRow('trajectory', task.dikeTrajectId),
    ),
    trajectory,
    history,
  );
  void api
    .taskHistory(task.id)
    .then((entries) =>
      history.replaceChildren(
        h('h3', {}, t('history')),
        h(
          'ul',
          {},
          entries.map((entry) =>
            h(
              'li',
              {},
              `${formatDay(entry.at)} · ${entry.actor.label} · ${
                entry.action === 'update'
                  ? `${t('historyChanged')}: ${entry.changes.map((change) => fieldChangeText(change.field, change.from, change.to, (id) => ctrl.party(id))).join('; ')}`
                  : t(entry.action === 'create' ? 'historyCreated' : 'historyDeleted')
              }`,
            ),
          ),
        ),
      ),
    )
    .catch((error: unknown) => history.replaceChildren(errorBlock(error)));
  if (task.dikeTrajectId) {
    void api.dikeTraject(task.dikeTrajectId).then(
      (traject) =>
        trajectory.replaceChildren(
          h('h3', {}, `${t('trajectory')} ${traject.id}`),
          h(
            'dl',
            { class: 'detail-list' },
            ...detailRow('signalingValue', traject.signalingValue?.label ?? t('none')),
            ...detailRow('lowerLimit', traject.lowerLimit?.label ?? t('none')),
            ...detailRow('length', traject.lengthKm === null ? t('none') : `${formatNumber(traject.lengthKm)} km`),
            ...detailRow('waterBoards', traject.waterBoards.join(', ')),
          ),
        ),
      (error: unknown) => trajectory.replaceChildren(errorBlock(error)),
    );
  }
  return element;
}

/** What the Opgave tab shows when no task is chosen. */
export function noTask(ctrl: AreaCtrl): HTMLElement {
  return h(
    'div',
    {},
    h('h2', { id: 'detail-title', tabindex: '-1' }, t('tabTask')),
    h('p', {}, t('noTaskSelected')),
    canCreateTasks(ctrl.state.user) ? h('button', { type: 'button', class: 'new-task primary', onclick: (event: Event) => ctrl.startCreate(event.currentTarget as HTMLElement) }, t('newTask')) : null,
  );
}

type FormValue = Omit<CreateTaskBody, 'partyId'> & { partyId?: string };

/** The editable fields, in the order a change is compared and shown. */
const FIELDS = [
  'title', 'programme', 'kind', 'description', 'phases', 'window', 'dikeTrajectId', 'urgencyRank', 'soilSupplyM3', 'soilDemandM3',
  'soilType', 'costEur', 'status', 'externalRef', 'river', 'kmFrom', 'kmTo', 'lengthKm',
] as const;
type Field = (typeof FIELDS)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields `after` changed relative to `before`. */
export function changedTaskFields(before: Partial<Record<Field, unknown>>, after: Partial<Record<Field, unknown>>): Field[] {
  return FIELDS.filter((field) => field in after && !same(before[field], after[field]));
}

/**
 * The create or edit form. Server field errors appear at their fields; a 412 (someone else
 * changed the task) shows their change and lets the user re-apply theirs on the new version or drop it.
 */
export function taskForm(ctrl: AreaCtrl, base: TaskResponse | null): HTMLElement {
  const { user, area, parties } = ctrl.state;
  let version = base?.version ?? 0;
  let original: TaskResponse | null = base;
  const errors = new Map<string, HTMLElement>();
  const summary = h('div', { class: 'form-summary', 'aria-live': 'assertive' });

  const fieldBox = (name: string, labelText: string, control: HTMLElement, id: string) => {
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    errors.set(name, error);
    control.setAttribute('aria-describedby', `${id}-error`);
    return h('div', { class: 'form-field', 'data-field': name }, h('label', { for: id }, labelText), control, error);
  };
  const input = (id: string, type: string, value: string | number | null | undefined, extra: Record<string, string | boolean> = {}) =>
    h('input', { id, name: id, type, value: value === null || value === undefined ? '' : String(value), ...extra });
  const select = (id: string, values: readonly string[], current: string | null, withEmpty = false) =>
    h(
      'select',
      { id, name: id },
      withEmpty ? h('option', { value: '' }, t('none')) : null,
      values.map((value) => h('option', { value, selected: value === current }, label(value))),
    );

  const title = input('task-title', 'text', base?.title, { required: true, maxlength: '200' });
  const programme = select('task-programme', PROGRAMMES, base?.programme ?? (user.partyId && /hdsr|wl|aa-en-maas|waterschap/.test(user.partyId) ? 'HWBP' : 'OVERIG'));
  const kind = select('task-kind', TASK_KINDS, base?.kind ?? 'dike_reinforcement');
  const description = h('textarea', { id: 'task-description', name: 'task-description', rows: 2 }, base?.description ?? '');
  const partySelect =
    user.role === 'admin' && !base ? select('task-party', parties.map((party) => party.id), parties[0]?.id ?? null) : null;
  if (partySelect) for (const option of partySelect.options) option.textContent = ctrl.party(option.value);

  // Phases: each kind can be added or removed, with its months.
  const phaseRows = PHASE_KINDS.map((phaseKind) => {
    const existing = base?.phases.find((phase) => phase.kind === phaseKind);
    const include = h('input', { id: `task-phase-${phaseKind}`, type: 'checkbox', checked: base ? existing !== undefined : phaseKind === 'realisatie' });
    const start = input(`task-${phaseKind}-start`, 'month', existing?.start, { placeholder: 'JJJJ-MM' });
    const end = input(`task-${phaseKind}-end`, 'month', existing?.end, { placeholder: 'JJJJ-MM' });
    const sync = () => {
      start.disabled = !include.checked;
      end.disabled = !include.checked;
    };
    include.addEventListener('change', sync);
    sync();
    const element = h(
      'div',
      { class: 'phase-row', 'data-field': `phases.${phaseKind}` },
      h('div', { class: 'check' }, include, h('label', { for: include.id }, t('includePhase', { phase: label(phaseKind) }))),
      fieldBox(`phases.${phaseKind}.start`, t('start'), start, start.id),
      fieldBox(`phases.${phaseKind}.end`, t('end'), end, end.id),
    );
    return { kind: phaseKind, include, start, end, element };
  });

  const hasWindow = h('input', { id: 'task-window', type: 'checkbox', checked: base ? base.window !== null : false });
  const windowStart = input('task-window-start', 'month', base?.window?.earliestStart);
  const windowEnd = input('task-window-end', 'month', base?.window?.latestEnd);
  const syncWindow = () => {
    windowStart.disabled = !hasWindow.checked;
    windowEnd.disabled = !hasWindow.checked;
  };
  hasWindow.addEventListener('change', syncWindow);
  syncWindow();

  // The dike-trajectory picker: search the national table by number or water board.
  let trajectId: string | null = base?.dikeTrajectId ?? null;
  const trajectSearch = input('task-trajectory', 'search', '', { autocomplete: 'off', 'aria-controls': 'trajectory-options' });
  const trajectChosen = h('p', { class: 'trajectory-chosen', 'aria-live': 'polite' });
  const trajectOptions = h('ul', { class: 'trajectory-options', id: 'trajectory-options' });
  let trajects: DikeTraject[] = [];
  const showChosen = () => {
    const chosen = trajects.find((traject) => traject.id === trajectId);
    trajectChosen.replaceChildren(
      `${t('trajectoryChosen')}: `,
      trajectId ? (chosen ? trajectText(chosen) : trajectId) : t('trajectoryNone'),
      ...(trajectId ? [' ', h('button', { type: 'button', class: 'link-button clear-trajectory', onclick: () => ((trajectId = null), showChosen()) }, t('trajectoryNone'))] : []),
    );
  };
  const searchTrajects = () => {
    const query = trajectSearch.value.trim().toLowerCase();
    if (!query) {
      trajectOptions.replaceChildren();
      return;
    }
    const found = trajects.filter((traject) => traject.id.toLowerCase().startsWith(query) || traject.waterBoards.some((board) => board.toLowerCase().includes(query)));
    trajectOptions.replaceChildren(
      h('li', { class: 'hint' }, t('trajectoryMatches', { count: found.length })),
      ...found.slice(0, 8).map((traject) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'trajectory-option',
              'data-traject': traject.id,
              onclick: () => {
                trajectId = traject.id;
                trajectOptions.replaceChildren();
                trajectSearch.value = '';
                showChosen();
                trajectSearch.focus();
              },
            },
            trajectText(traject),
          ),
        ),
      ),
    );
  };
  trajectSearch.addEventListener('input', searchTrajects);
  void api.dikeTrajects().then((list) => {
    trajects = list;
    showChosen();
    searchTrajects();
  }, () => showChosen());
  showChosen();

  const urgency = input('task-urgency', 'number', base?.urgencyRank, { min: '1', step: '1' });
  const soilSupply = input('task-soil-supply', 'number', base?.soilSupplyM3 ?? 0, { min: '0', step: '1' });
  const soilDemand = input('task-soil-demand', 'number', base?.soilDemandM3 ?? 0, { min: '0', step: '1' });
  const soilType = select('task-soil-type', SOIL_TYPES, base?.soilType ?? null, true);
  const cost = input('task-cost', 'number', base?.costEur, { min: '0', step: '1' });
  const status = input('task-status', 'text', base?.status, { list: 'task-status-values' });
  const statusList = h('datalist', { id: 'task-status-values' }, STATUS_VALUES.map((value) => h('option', { value }, label(value))));
  const externalRef = input('task-external-ref', 'text', base?.externalRef);
  const river = input('task-river', 'text', base?.river);
  const kmFrom = input('task-km-from', 'number', base?.kmFrom, { step: 'any' });
  const kmTo = input('task-km-to', 'number', base?.kmTo, { step: 'any' });
  const lengthKm = input('task-length', 'number', base?.lengthKm, { step: 'any', min: '0' });

  const numberOrNull = (element: HTMLInputElement) => (element.value.trim() === '' ? null : Number(element.value));
  const textOrNull = (element: HTMLInputElement | HTMLTextAreaElement) => (element.value.trim() === '' ? null : element.value.trim());

  /** The whole task as the form has it. */
  const collect = (): FormValue => ({
    areaId: base?.areaId ?? area.id,
    ...(partySelect ? { partyId: partySelect.value } : {}),
    title: title.value.trim(),
    programme: programme.value as FormValue['programme'],
    kind: kind.value as FormValue['kind'],
    description: textOrNull(description),
    phases: phaseRows.filter((row) => row.include.checked).map((row) => ({ kind: row.kind, start: row.start.value, end: row.end.value })),
    window: hasWindow.checked ? { earliestStart: windowStart.value, latestEnd: windowEnd.value } : null,
    dikeTrajectId: trajectId,
    urgencyRank: numberOrNull(urgency),
    soilSupplyM3: numberOrNull(soilSupply) ?? 0,
    soilDemandM3: numberOrNull(soilDemand) ?? 0,
    soilType: (soilType.value || null) as FormValue['soilType'],
    costEur: numberOrNull(cost),
    status: textOrNull(status),
    externalRef: textOrNull(externalRef),
    river: textOrNull(river),
    kmFrom: numberOrNull(kmFrom),
    kmTo: numberOrNull(kmTo),
    lengthKm: numberOrNull(lengthKm),
  });

  /** The user's own change: only the fields that differ from the version they opened. */
  const myPatch = (): TaskPatch => {
    const value = collect() as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    for (const field of changedTaskFields(original as unknown as Record<Field, unknown>, value)) patch[field] = value[field];
    return patch as TaskPatch;
  };

  const clearErrors = () => {
    for (const error of errors.values()) {
      error.hidden = true;
      error.replaceChildren();
    }
    form.querySelectorAll('[aria-invalid]').forEach((element) => element.removeAttribute('aria-invalid'));
    summary.replaceChildren();
  };

  const showProblem = (error: unknown, sentPhases: readonly string[]) => {
    const problem = error instanceof ApiError ? error.problem : null;
    const unplaced: string[] = [];
    for (const fieldError of problem?.errors ?? []) {
      const name = fieldOfPointer(fieldError.pointer, sentPhases);
      const message = fieldMessage(fieldError.message, language());
      // A phase or window error without a month part belongs to its first month field.
      const target = errors.get(name) ?? errors.get(`${name}.start`) ?? errors.get(`${name}.earliestStart`) ?? (name === 'phases' ? errors.get('phases.realisatie.start') : undefined);
      if (!target) {
        unplaced.push(message.text);
        continue;
      }
      target.hidden = false;
      target.append(h('span', message.translated ? {} : { lang: 'en' }, icon('warning'), ` ${message.text} `));
      const control = document.getElementById(target.id.replace(/-error$/, ''));
      control?.setAttribute('aria-invalid', 'true');
    }
    summary.replaceChildren(
      problem?.errors?.length ? h('p', { class: 'error', role: 'alert' }, t('formErrors'), unplaced.length ? ` ${unplaced.join(' ')}` : '') : errorBlock(error),
    );
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  /** Someone else saved a newer version: show what they changed, offer re-apply or drop. */
  const showConflict = (current: TaskResponse, mine: TaskPatch) => {
    const theirs = changedTaskFields(original as unknown as Record<Field, unknown>, current as unknown as Record<Field, unknown>);
    ctrl.takeCurrent(current);
    summary.replaceChildren(
      h(
        'div',
        { class: 'conflict', role: 'alert' },
        h('strong', {}, t('conflictTitle', { version: current.version })),
        h('p', {}, t('conflictText')),
        theirs.length === 0
          ? h('p', {}, t('conflictNone'))
          : h('ul', { class: 'conflict-theirs' }, theirs.map((field) => h('li', {}, t('conflictLine', { field: fieldLabel(field), before: fieldValueText(field, original?.[field]), after: fieldValueText(field, current[field]) })))),
        h('p', {}, t('conflictYours')),
        h('ul', { class: 'conflict-mine' }, (Object.keys(mine) as Field[]).map((field) => h('li', {}, t('conflictLine', { field: fieldLabel(field), before: fieldValueText(field, original?.[field]), after: fieldValueText(field, (mine as Record<string, unknown>)[field]) })))),
        h(
          'button',
          {
            type: 'button',
            class: 'primary conflict-reapply',
            onclick: () => {
              original = current;
              version = current.version;
              void submit(mine);
            },
          },
          t('conflictReapply'),
        ),
        h('button', { type: 'button', class: 'conflict-drop', onclick: () => ctrl.showTask(current.id) }, t('conflictDrop')),
      ),
    );
    summary.querySelector<HTMLElement>('.conflict-reapply')?.focus();
  };

  const submit = async (patch?: TaskPatch) => {
    clearErrors();
    const value = collect();
    try {
      if (!base) await ctrl.createTask(value as CreateTaskBody);
      else {
        const mine = patch ?? myPatch();
        if (Object.keys(mine).length === 0) {
          ctrl.showTask(base.id);
          return;
        }
        try {
          await ctrl.saveTask(base.id, version, mine);
        } catch (error) {
          const current = error instanceof ApiError && error.problem.status === 412 ? (error.problem as { current?: TaskResponse }).current : undefined;
          if (current) return showConflict(current, mine);
          throw error;
        }
      }
    } catch (error) {
      // The phases sent, in order: a pointer such as /phases/1/end names the second of them.
      const sent = (patch ?? value).phases?.map((phase) => phase.kind) ?? value.phases.map((phase) => phase.kind);
      showProblem(error, sent);
    }
  };

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'task-form',
      novalidate: true,
      'aria-labelledby': 'detail-title',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit();
      },
    },
    h('div', { class: 'panel-header' }, h('h2', { id: 'detail-title', tabindex: '-1' }, base ? `${t('editTask')}: ${base.title}` : t('newTask')), h('button', { type: 'button', class: 'close-detail', onclick: () => ctrl.cancelEdit() }, t('cancel'))),
    summary,
    fieldBox('title', t('title'), title, title.id),
    partySelect ? fieldBox('partyId', t('party'), partySelect, partySelect.id) : null,
    h('div', { class: 'form-row' }, fieldBox('programme', t('programme'), programme, programme.id), fieldBox('kind', t('kind'), kind, kind.id)),
    fieldBox('description', t('description'), description, description.id),
    h('fieldset', { class: 'phases' }, h('legend', {}, t('phases')), phaseRows.map((row) => row.element)),
    h(
      'fieldset',
      { class: 'window' },
      h('legend', {}, t('windowLabel')),
      h('div', { class: 'check' }, hasWindow, h('label', { for: hasWindow.id }, t('hasWindow'))),
      h('div', { class: 'form-row' }, fieldBox('window.earliestStart', t('earliestStart'), windowStart, windowStart.id), fieldBox('window.latestEnd', t('latestEnd'), windowEnd, windowEnd.id)),
    ),
    h('div', { class: 'traject-picker' }, fieldBox('dikeTrajectId', t('trajectorySearch'), trajectSearch, trajectSearch.id), trajectChosen, trajectOptions),
    h('div', { class: 'form-row' }, fieldBox('urgencyRank', t('urgency'), urgency, urgency.id), fieldBox('lengthKm', t('lengthKm'), lengthKm, lengthKm.id)),
    h('div', { class: 'form-row' }, fieldBox('soilSupplyM3', `${t('soilSupply')} (m³)`, soilSupply, soilSupply.id), fieldBox('soilDemandM3', `${t('soilDemand')} (m³)`, soilDemand, soilDemand.id)),
    h('div', { class: 'form-row' }, fieldBox('soilType', t('soilType'), soilType, soilType.id), fieldBox('costEur', `${t('cost')} (€)`, cost, cost.id)),
    h('div', { class: 'form-row' }, fieldBox('status', t('statusField'), status, status.id), fieldBox('externalRef', t('externalRef'), externalRef, externalRef.id)),
    statusList,
    h('div', { class: 'form-row' }, fieldBox('river', t('river'), river, river.id), fieldBox('kmFrom', t('kmFrom'), kmFrom, kmFrom.id), fieldBox('kmTo', t('kmTo'), kmTo, kmTo.id)),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary save-task' }, t('save')), h('button', { type: 'button', onclick: () => ctrl.cancelEdit() }, t('cancel'))),
  );
  return form;
}
