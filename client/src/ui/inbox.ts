import type { ProposalResponse } from '../../../server/contracts/proposals.js';
import type { User } from '../../../server/contracts/users.js';
import { api } from '../api.js';
import { errorText } from '../area/ctrl.js';
import { proposalChangeText } from './area-table-view.js';
import { h } from '../dom.js';
import { label, t } from '../i18n.js';

/** How many proposals wait for the user's party: the header's count. */
export async function openProposalCount(user: User): Promise<number> {
  if (!user.partyId) return 0;
  return (await api.proposals({ partyId: user.partyId, status: 'open' })).length;
}

function areaLink(proposal: ProposalResponse): HTMLElement {
  return h('a', { class: 'open-proposal', href: `#/gebied/${encodeURIComponent(proposal.areaId)}/voorstel/${encodeURIComponent(proposal.id)}` }, t('proposalOpen'));
}

/** Agenderen: puts the proposal on its area's agenda in one click. */
function agendaButton(proposal: ProposalResponse, status: HTMLElement): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'agenda-proposal',
      onclick: async () => {
        try {
          const item = await api.createAgendaItem(proposal.areaId, {
            title: `${proposal.taskTitle}: ${proposalChangeText(proposal)}`,
            text: proposal.reason,
            links: [{ kind: 'proposal', proposalId: proposal.id }, { kind: 'task', taskId: proposal.taskId }],
          });
          status.replaceChildren(t('agendaAdded', { title: item.title }));
        } catch (error) {
          status.replaceChildren(errorText(error));
        }
      },
    },
    t('toAgenda'),
  );
}

function summary(proposal: ProposalResponse): HTMLElement[] {
  return [
    h('h3', {}, `${proposal.taskTitle}: ${proposalChangeText(proposal)}`, ' ', h('span', { class: `status-badge proposal-status-${proposal.status}` }, label(`proposal_${proposal.status}`))),
    h('p', { class: 'proposal-meta' }, t('proposalFrom', { who: proposal.createdBy.label, date: proposal.createdAt.slice(0, 10) })),
    h('p', { class: 'proposal-reason' }, proposal.reason),
  ];
}

/**
 * The inbox (issue 17): the open proposals for the user's party, each to accept or decline with a
 * note and to open on the area's timeline; and the user's own proposals with their answers.
 */
export async function renderInbox(main: HTMLElement, user: User, onChange: () => void): Promise<void> {
  const status = h('p', { class: 'announce', role: 'status', 'aria-live': 'polite' });
  const [forParty, mine] = await Promise.all([user.partyId ? api.proposals({ partyId: user.partyId, status: 'open' }) : Promise.resolve([]), api.proposals({ mine: true })]);
  const mayAnswer = user.role === 'editor' || user.role === 'planner' || user.role === 'admin';

  const answerForm = (proposal: ProposalResponse) => {
    const id = `proposal-note-${proposal.id}`;
    const note = h('input', { id, type: 'text', maxlength: 2000 });
    const answer = async (accept: boolean) => {
      try {
        const decided = accept ? (await api.acceptProposal(proposal.id, note.value.trim() || null)).proposal : await api.declineProposal(proposal.id, note.value.trim());
        status.replaceChildren(t('proposalDone', { title: proposal.taskTitle, status: label(`proposal_${decided.status}`) }));
        row.remove();
        onChange();
      } catch (error) {
        status.replaceChildren(errorText(error));
      }
    };
    const row = h(
      'li',
      { class: 'proposal-row', 'data-proposal': proposal.id },
      ...summary(proposal),
      h(
        'div',
        { class: 'proposal-actions' },
        areaLink(proposal),
        agendaButton(proposal, status),
        mayAnswer ? h('div', { class: 'field' }, h('label', { for: id }, t('proposalNote')), note) : null,
        mayAnswer ? h('button', { type: 'button', class: 'accept-proposal', onclick: () => void answer(true) }, t('proposalAccept')) : null,
        mayAnswer ? h('button', { type: 'button', class: 'decline-proposal', onclick: () => void answer(false) }, t('proposalDecline')) : null,
      ),
    );
    return row;
  };

  const ownRow = (proposal: ProposalResponse) =>
    h(
      'li',
      { class: 'proposal-row own-proposal', 'data-proposal': proposal.id },
      ...summary(proposal),
      proposal.decidedBy && proposal.status !== 'withdrawn'
        ? h('p', { class: 'proposal-answer' }, t('proposalAnswer', { who: proposal.decidedBy.label, note: proposal.decisionNote ?? '—' }))
        : null,
      h(
        'div',
        { class: 'proposal-actions' },
        areaLink(proposal),
        proposal.status === 'open' ? agendaButton(proposal, status) : null,
        proposal.status === 'open'
          ? h(
              'button',
              {
                type: 'button',
                class: 'withdraw-proposal',
                onclick: async () => {
                  try {
                    await api.withdrawProposal(proposal.id);
                    status.replaceChildren(t('proposalDone', { title: proposal.taskTitle, status: label('proposal_withdrawn') }));
                    await renderInbox(main, user, onChange);
                  } catch (error) {
                    status.replaceChildren(errorText(error));
                  }
                },
              },
              t('proposalWithdraw'),
            )
          : null,
      ),
    );

  main.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, `← ${t('back')}`)),
    h('h1', {}, t('inboxTitle')),
    status,
    h(
      'section',
      { class: 'inbox-party', 'aria-labelledby': 'inbox-party-title' },
      h('h2', { id: 'inbox-party-title' }, t('inboxForParty')),
      forParty.length === 0 ? h('p', {}, t('inboxEmpty')) : h('ul', { class: 'proposal-list' }, forParty.map(answerForm)),
    ),
    h(
      'section',
      { class: 'inbox-mine', 'aria-labelledby': 'inbox-mine-title' },
      h('h2', { id: 'inbox-mine-title' }, t('inboxMine')),
      mine.length === 0 ? h('p', {}, t('inboxMineEmpty')) : h('ul', { class: 'proposal-list' }, mine.map(ownRow)),
    ),
  );
}
