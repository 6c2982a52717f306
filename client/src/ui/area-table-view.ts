import type { PlanDiff, SnapshotContent } from '../../../server/contracts/snapshots.js';
import { h } from '../dom.js';
import { label, t } from '../i18n.js';

/** A proposal's change in words: "verschuiven met +18 maanden", "nieuwe fasen", "nieuw venster". */
export function proposalChangeText(proposal: { change: { kind: 'shift'; shiftMonths: number } | { kind: 'phases' } | { kind: 'window' } }): string {
  const { change } = proposal;
  if (change.kind === 'shift') return t('proposalChangeShift', { shift: `${change.shiftMonths > 0 ? '+' : ''}${change.shiftMonths}` });
  return change.kind === 'phases' ? t('proposalChangePhases') : t('proposalChangeWindow');
}

/** The area table's part of "since the previous meeting" (issue 17): items decided and proposals accepted since. */
export function tableSinceItems(diff: Pick<PlanDiff, 'decidedItems' | 'acceptedProposals'>): string[] {
  return [
    ...diff.decidedItems.map((item) => `${t('tableDecided')}: ${item.title}: ${item.decision}`),
    ...diff.acceptedProposals.map((proposal) => `${t('tableAccepted')}: ${proposal.taskTitle}${proposal.decidedBy ? ` (${proposal.decidedBy})` : ''}`),
  ];
}

/**
 * The agenda as a snapshot kept it, with its decisions, and the proposals then open: shown
 * beside the timeline in the meeting viewer. Nothing when the snapshot recorded no agenda.
 */
export function snapshotAgenda(content: SnapshotContent): HTMLElement | null {
  if (content.agenda === null) return null;
  const party = (id: string | null) => content.parties.find((candidate) => candidate.id === id)?.name ?? id ?? '';
  return h(
    'aside',
    { class: 'snapshot-agenda', 'aria-labelledby': 'snapshot-agenda-title' },
    h('h2', { id: 'snapshot-agenda-title' }, t('tabAgenda')),
    content.agenda.length === 0
      ? h('p', {}, t('agendaEmpty'))
      : h(
          'ol',
          { class: 'agenda-items' },
          content.agenda.map((item) =>
            h(
              'li',
              { class: `agenda-item agenda-${item.status}` },
              h('h3', {}, item.title, ' ', h('span', { class: 'status-badge' }, label(`agenda_${item.status}`))),
              item.ownerPartyId ? h('p', { class: 'agenda-owner' }, `${t('agendaOwner')}: ${party(item.ownerPartyId)}`) : null,
              item.text ? h('p', {}, item.text) : null,
              item.decision ? h('p', { class: 'agenda-decision' }, h('strong', {}, `${t('agendaDecision')}: `), item.decision) : null,
            ),
          ),
        ),
    content.openProposals && content.openProposals.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'snapshot-proposals-title' },
          h('h3', { id: 'snapshot-proposals-title' }, t('openProposalsTitle')),
          h(
            'ul',
            {},
            content.openProposals.map((proposal) =>
              h('li', {}, `${proposal.taskTitle} (${party(proposal.partyId)}): ${proposalChangeText(proposal)}. ${proposal.reason}`),
            ),
          ),
        )
      : null,
  );
}
