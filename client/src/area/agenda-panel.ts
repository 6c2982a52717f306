import type { AgendaItemResponse } from '../../../server/contracts/proposals.js';
import type { SnapshotSummary } from '../../../server/contracts/snapshots.js';
import { AGENDA_STATUSES } from '../../../server/domain/proposals.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { label, t } from '../i18n.js';
import type { AreaCtrl } from './ctrl.js';
import { mayContributeAgenda } from './model.js';

/**
 * The Agenda tab (issue 17): the area table's items with their status, links, decision and the
 * meeting it was taken at, and comments. Users of parties with tasks here add items and comment;
 * the area's directors and admins set status, decision and meeting.
 */
export class AgendaPanel {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'agenda-list' });
  private shown: unknown[] = [];
  private loading = false;
  /** Whether this user manages the agenda (an admin, or a director of this area); known once loaded. */
  private manages = false;
  private meetings: SnapshotSummary[] = [];

  constructor(private readonly ctrl: AreaCtrl) {
    this.element = h('section', { class: 'agenda-panel', 'aria-labelledby': 'agenda-title' }, h('h2', { id: 'agenda-title' }, t('agendaTitle')), this.list);
  }

  update(): void {
    const { state } = this.ctrl;
    if (state.panel === 'agenda' && state.agenda === null && !this.loading) {
      this.loading = true;
      void this.load();
    }
    const key = [state.agenda, state.tasks, this.manages, this.meetings];
    if (key.every((value, index) => this.shown[index] === value)) return;
    this.shown = key;
    if (state.agenda === null) {
      this.list.replaceChildren(h('p', { class: 'loading' }, t('loading')));
      return;
    }
    this.list.replaceChildren(
      state.agenda.length === 0 ? h('p', { class: 'agenda-empty' }, t('agendaEmpty')) : h('ol', { class: 'agenda-items' }, state.agenda.map((item) => this.item(item))),
      ...(mayContributeAgenda(state) ? [this.newItemForm()] : []),
    );
  }

  private async load(): Promise<void> {
    const { user, area } = this.ctrl.state;
    const [directors, meetings] = await Promise.all([
      user.role === 'area_director' ? api.areaDirectors(area.id).catch(() => []) : Promise.resolve([]),
      api.snapshots(area.id).catch(() => []),
      this.ctrl.loadAgenda(),
    ]);
    this.manages = user.role === 'admin' || directors.some((director) => director.userId === user.id);
    this.meetings = meetings;
    this.loading = false;
    this.update();
  }

  private linkText(link: AgendaItemResponse['links'][number]): string {
    if (link.kind === 'task') return this.ctrl.title(link.taskId);
    if (link.kind === 'pair') return `${this.ctrl.title(link.dikeTaskId)} ↔ ${this.ctrl.title(link.otherTaskId)}`;
    return t('inboxTitle');
  }

  private item(item: AgendaItemResponse): HTMLElement {
    const meeting = this.meetings.find((candidate) => candidate.id === item.decidedSnapshotId);
    return h(
      'li',
      { class: `agenda-item agenda-${item.status}`, 'data-item': item.id },
      h('h3', {}, item.title, ' ', h('span', { class: `status-badge agenda-status-${item.status}` }, label(`agenda_${item.status}`))),
      item.ownerPartyId ? h('p', { class: 'agenda-owner' }, `${t('agendaOwner')}: ${this.ctrl.party(item.ownerPartyId)}`) : null,
      item.text ? h('p', {}, item.text) : null,
      item.links.length > 0 ? h('p', { class: 'agenda-links' }, `${t('agendaLinks')}: ${item.links.map((link) => this.linkText(link)).join('; ')}`) : null,
      item.decision
        ? h('p', { class: 'agenda-decision' }, h('strong', {}, `${t('agendaDecision')}: `), item.decision, meeting ? ` (${t('agendaDecidedIn', { meeting: meeting.title })})` : '')
        : null,
      item.comments.length > 0
        ? h('ul', { class: 'agenda-comments' }, item.comments.map((comment) => h('li', {}, h('strong', {}, `${comment.author.label}: `), comment.text)))
        : null,
      mayContributeAgenda(this.ctrl.state) ? this.commentForm(item) : null,
      this.manages ? this.manageForm(item) : null,
    );
  }

  private commentForm(item: AgendaItemResponse): HTMLElement {
    const id = `agenda-comment-${item.id}`;
    const text = h('input', { id, type: 'text', maxlength: 5000 });
    return h(
      'form',
      {
        class: 'agenda-comment-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          if (!text.value.trim()) return;
          if (await this.ctrl.changeAgendaItem(item.id, { comment: text.value.trim() })) text.value = '';
        },
      },
      h('label', { for: id }, t('agendaComment')),
      text,
      h('button', { type: 'submit' }, t('agendaCommentSend')),
    );
  }

  private manageForm(item: AgendaItemResponse): HTMLElement {
    const statusId = `agenda-status-${item.id}`;
    const decisionId = `agenda-decision-${item.id}`;
    const meetingId = `agenda-meeting-${item.id}`;
    const status = h('select', { id: statusId }, AGENDA_STATUSES.map((value) => h('option', { value, selected: value === item.status }, label(`agenda_${value}`))));
    const decision = h('textarea', { id: decisionId, rows: 2 }, item.decision ?? '');
    const meeting = h(
      'select',
      { id: meetingId },
      h('option', { value: '' }, t('agendaNoMeeting')),
      this.meetings.map((candidate) => h('option', { value: candidate.id, selected: candidate.id === item.decidedSnapshotId }, candidate.title)),
    );
    return h(
      'details',
      { class: 'agenda-manage' },
      h('summary', {}, t('agendaManage', { title: item.title })),
      h(
        'form',
        {
          onsubmit: (event: Event) => {
            event.preventDefault();
            void this.ctrl.changeAgendaItem(item.id, {
              status: status.value as AgendaItemResponse['status'],
              decision: decision.value.trim() || null,
              decidedSnapshotId: meeting.value || null,
            });
          },
        },
        h('div', { class: 'field' }, h('label', { for: statusId }, t('agendaStatus')), status),
        h('div', { class: 'field' }, h('label', { for: decisionId }, t('agendaDecision')), decision),
        h('div', { class: 'field' }, h('label', { for: meetingId }, t('agendaMeeting')), meeting),
        h('button', { type: 'submit', class: 'agenda-save' }, t('agendaSave')),
      ),
    );
  }

  private newItemForm(): HTMLElement {
    const title = h('input', { id: 'agenda-new-title', type: 'text', required: true, maxlength: 200 });
    const text = h('textarea', { id: 'agenda-new-text', rows: 2 });
    return h(
      'details',
      { class: 'agenda-new' },
      h('summary', {}, t('agendaNew')),
      h(
        'form',
        {
          onsubmit: async (event: Event) => {
            event.preventDefault();
            if (await this.ctrl.addAgendaItem({ title: title.value.trim(), text: text.value.trim() || null })) {
              title.value = '';
              text.value = '';
            }
          },
        },
        h('div', { class: 'field' }, h('label', { for: 'agenda-new-title' }, t('agendaItemTitle')), title),
        h('div', { class: 'field' }, h('label', { for: 'agenda-new-text' }, t('agendaItemText')), text),
        h('button', { type: 'submit', class: 'agenda-add' }, t('agendaAdd')),
      ),
    );
  }
}
