import type { AlignmentPairResponse } from '../../../server/contracts/alignments.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import { roleHas } from '../../../server/domain/permissions.js';
import { mayPropose } from '../../../server/domain/proposals.js';
import { h } from '../dom.js';
import { countText, formatNumber, label, language, t } from '../i18n.js';
import { signed, type AreaCtrl } from './ctrl.js';
import { mayContributeAgenda, pairStatusCounts, taskById, visiblePairs, type PairStatusFilter } from './model.js';

function pairKey(pair: Pick<AlignmentPairResponse, 'dikeTaskId' | 'otherTaskId'>): string {
  return `${pair.dikeTaskId}|${pair.otherTaskId}`;
}

/** An element id for a pair's form (task ids are UUIDs: safe in ids once joined). */
function cssId(pair: Pick<AlignmentPairResponse, 'dikeTaskId' | 'otherTaskId'>): string {
  return `${pair.dikeTaskId}-${pair.otherTaskId}`.replace(/[^A-Za-z0-9_-]/g, '_');
}


/** The Kansen tab: the detector's pairs under the page's filters, a status filter with counts, Toon and Probeer. */
export class PairsPanel {
  readonly element: HTMLElement;
  private readonly status = h('select', { id: 'filter-status' });
  private readonly list = h('div', { class: 'pairs-list' });
  readonly selectedPair = h('p', { class: 'selected-pair', 'aria-live': 'polite' });
  private shown: unknown[] = [];
  /** The pair whose proposal form is open (issue 17), by its two task ids. */
  private proposing: string | null = null;

  constructor(private readonly ctrl: AreaCtrl) {
    this.status.addEventListener('change', () => ctrl.setPairStatus((this.status.value || null) as PairStatusFilter));
    this.element = h(
      'section',
      { class: 'pairs-panel', 'aria-labelledby': 'pairs-title' },
      h('h2', { id: 'pairs-title' }, t('pairsTitle')),
      h('div', { class: 'field' }, h('label', { for: 'filter-status' }, t('statusFilter')), this.status),
      this.selectedPair,
      this.list,
    );
  }

  update(): void {
    const { state } = this.ctrl;
    const key = [state.report, state.filters, state.pairStatus, state.selectedPair, state.tasks, this.ctrl.pairsShown, this.proposing];
    if (key.every((value, index) => this.shown[index] === value)) return;
    this.shown = key;
    const counts = pairStatusCounts(state);
    const total = ALIGNMENT_STATUSES.reduce((sum, status) => sum + counts[status], 0);
    const option = (value: string, text: string, count: number) => h('option', { value, selected: (state.pairStatus ?? '') === value }, `${text} (${count})`);
    this.status.replaceChildren(
      option('', t('all'), total),
      option('aligned', label('aligned'), counts.aligned),
      option('alignable', t('statusAlignable'), counts.alignable),
      option('alignable_by_dike', label('alignable_by_dike'), counts.alignable_by_dike),
      option('alignable_by_other', label('alignable_by_other'), counts.alignable_by_other),
      option('not_alignable', label('not_alignable'), counts.not_alignable),
    );
    const pair = state.selectedPair;
    this.selectedPair.replaceChildren(
      ...(pair
        ? [
            `${this.ctrl.title(pair.dikeTaskId)} ↔ ${this.ctrl.title(pair.otherTaskId)}: ${pair.explanation[language()]} `,
            h('button', { type: 'button', class: 'link-button clear-pair', onclick: () => this.ctrl.clearPair() }, t('showAllRows')),
          ]
        : []),
    );
    if (!state.report) {
      this.list.replaceChildren(h('p', { class: 'loading' }, t('loading')));
      return;
    }
    const pairs = visiblePairs(state);
    if (state.report.pairs.length === 0) {
      this.list.replaceChildren(h('p', {}, t('pairsEmpty')));
      return;
    }
    if (pairs.length === 0) {
      this.list.replaceChildren(h('p', { class: 'no-match', role: 'status' }, t('pairsNoMatch')));
      return;
    }
    const shown = pairs.slice(0, this.ctrl.pairsShown);
    const mayTry = roleHas(state.user.role, 'plan_scenarios');
    // The list is rebuilt: a keyboard user who pressed Toon stays on that pair's button.
    const focused = document.activeElement instanceof HTMLElement && this.list.contains(document.activeElement) ? document.activeElement : null;
    const refocus = focused ? { pair: focused.closest<HTMLElement>('.pair-row')?.dataset.pair, button: focused.classList[0] } : null;
    this.list.replaceChildren(
      h('p', { class: 'pairs-shown', role: 'status' }, t('pairsCountLine', { shown: shown.length, total: countText(pairs.length, 'pair') })),
      h('ul', { class: 'pair-list' }, shown.map((candidate) => this.row(candidate, mayTry))),
      ...(pairs.length > shown.length ? [h('button', { type: 'button', class: 'more-pairs', onclick: () => this.ctrl.showMorePairs() }, t('morePairs'))] : []),
    );
    if (refocus?.pair && refocus.button) {
      [...this.list.querySelectorAll<HTMLElement>('.pair-row')].find((row) => row.dataset.pair === refocus.pair)?.querySelector<HTMLElement>(`.${refocus.button}`)?.focus();
    }
  }

  private row(pair: AlignmentPairResponse, mayTry: boolean): HTMLElement {
    const dike = this.ctrl.title(pair.dikeTaskId);
    const other = this.ctrl.title(pair.otherTaskId);
    const selected = this.ctrl.state.selectedPair;
    const isSelected = selected?.dikeTaskId === pair.dikeTaskId && selected.otherTaskId === pair.otherTaskId;
    return h(
      'li',
      { class: `pair-row status-${pair.status}${isSelected ? ' selected' : ''}`, 'data-pair': `${pair.dikeTaskId} ${pair.otherTaskId}` },
      h('p', { class: 'pair-status' }, h('span', { class: `status-badge status-${pair.status}` }, label(pair.status)), ' ', h('strong', {}, `${dike} ↔ ${other}`)),
      h(
        'p',
        { class: 'pair-figures' },
        `${t('move')}: ${pair.move ? `${this.ctrl.title(pair.move.taskId)} ${signed(pair.move.shiftMonths)} ${t('months')}` : t('noMove')} · ${t('soil')}: ${formatNumber(pair.soilMatchM3)}`,
      ),
      h('p', { class: 'pair-explanation' }, pair.explanation[language()]),
      h(
        'div',
        { class: 'pair-actions' },
        h('button', { type: 'button', class: 'show-pair', 'aria-label': t('showPairLabel', { dike, other }), onclick: () => this.ctrl.showPair(pair) }, t('show')),
        mayTry && pair.move
          ? h('button', { type: 'button', class: 'try-pair', 'aria-label': t('tryPairLabel', { task: this.ctrl.title(pair.move.taskId) }), onclick: () => void this.ctrl.tryPair(pair) }, t('tryPair'))
          : null,
        ...this.areaTableActions(pair, dike, other),
      ),
      ...(this.proposing === pairKey(pair) ? [this.proposalForm(pair, dike, other)] : []),
    );
  }

  // The area table (issue 17): propose the pair's move to the party that owns it, or put the pair on the agenda.

  private areaTableActions(pair: AlignmentPairResponse, dike: string, other: string): HTMLElement[] {
    const { state } = this.ctrl;
    const moved = pair.move ? taskById(state, pair.move.taskId) : undefined;
    const actions: HTMLElement[] = [];
    if (pair.move && moved && mayPropose({ id: state.user.id, label: state.user.email, partyId: state.user.partyId, role: state.user.role }) && moved.partyId !== state.user.partyId) {
      const open = this.proposing === pairKey(pair);
      actions.push(
        h(
          'button',
          {
            type: 'button',
            class: 'propose-pair',
            'aria-expanded': String(open),
            'aria-label': t('proposeLabel', { party: this.ctrl.party(moved.partyId), task: moved.title }),
            onclick: () => {
              this.proposing = open ? null : pairKey(pair);
              this.update();
              if (!open) this.element.querySelector<HTMLElement>(`#proposal-reason-${cssId(pair)}`)?.focus();
            },
          },
          t('propose'),
        ),
      );
    }
    if (mayContributeAgenda(state)) {
      actions.push(
        h(
          'button',
          {
            type: 'button',
            class: 'agenda-pair',
            'aria-label': t('toAgendaLabel', { dike, other }),
            onclick: () => void this.ctrl.addAgendaItem({ title: `${dike} ↔ ${other}`, text: pair.explanation[language()], links: [{ kind: 'pair', dikeTaskId: pair.dikeTaskId, otherTaskId: pair.otherTaskId }] }),
          },
          t('toAgenda'),
        ),
      );
    }
    return actions;
  }

  private proposalForm(pair: AlignmentPairResponse, dike: string, other: string): HTMLElement {
    const id = `proposal-reason-${cssId(pair)}`;
    const partner = pair.move?.taskId === pair.dikeTaskId ? other : dike;
    const reason = h('input', { id, type: 'text', required: true, maxlength: 2000, value: t('proposalReasonDefault', { other: partner }) });
    return h(
      'form',
      {
        class: 'proposal-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          if (await this.ctrl.proposeFromPair(pair, reason.value.trim())) {
            this.proposing = null;
            this.update();
          }
        },
      },
      h('label', { for: id }, t('proposalReason')),
      reason,
      h('button', { type: 'submit', class: 'send-proposal' }, t('proposalSend')),
    );
  }
}
