import { toProposalResponse, type CreateAgendaItemBody, type PatchAgendaItemBody } from '../contracts/proposals.js';
import type { SnapshotContent } from '../contracts/snapshots.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import { getArea, isAssignedDirector } from '../db/repositories/areas.js';
import { listEntityAudit, type WriteContext } from '../db/repositories/audit.js';
import {
  addAgendaComment,
  deleteAgendaItem,
  getAgendaItem,
  insertAgendaItem,
  isMeetingOfArea,
  listAgenda,
  partiesWithTasksIn,
  updateAgendaItem,
  type AgendaItemChange,
} from '../db/repositories/agenda.js';
import { listProposals } from '../db/repositories/proposals.js';
import type { AuditRow } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { userMessage } from '../domain/messages.js';
import { agendaItemProblems, mayContributeToAgenda, mayManageAgenda, type AgendaItem, type Proposal } from '../domain/proposals.js';
import type { Actor } from '../domain/permissions.js';

export { getAgendaItem } from '../db/repositories/agenda.js';

async function directs(db: Executor, actor: Actor, areaId: string): Promise<boolean> {
  return actor.role === 'area_director' && (await isAssignedDirector(db, actor, areaId));
}

async function assertManages(db: Executor, actor: Actor, areaId: string): Promise<void> {
  if (!mayManageAgenda(actor, await directs(db, actor, areaId))) {
    throw new DomainError('forbidden', `only the directors of area '${areaId}' and admins manage its agenda`, { userMessage: userMessage('agenda_not_director') });
  }
}

async function assertContributes(db: Executor, actor: Actor, areaId: string): Promise<boolean> {
  const manages = await directs(db, actor, areaId);
  if (!mayContributeToAgenda(actor, manages, await partiesWithTasksIn(db, areaId))) {
    throw new DomainError('forbidden', `only users of parties with tasks in area '${areaId}' add to its agenda`, { userMessage: userMessage('agenda_not_participant') });
  }
  return mayManageAgenda(actor, manages);
}

/** An area's agenda, items in the order they were put on it. */
export async function areaAgenda(db: Executor, areaId: string): Promise<AgendaItem[]> {
  await getArea(db, areaId);
  return listAgenda(db, areaId);
}

/**
 * Puts an item on an area's agenda: its directors and admins, and every user of a party with
 * tasks in the area. The owner party defaults to the caller's; only managers name another.
 */
export async function addAgendaItem(db: Db, caller: WriteContext, areaId: string, body: CreateAgendaItemBody): Promise<AgendaItem> {
  return writeTransaction(db, async (trx) => {
    await getArea(trx, areaId);
    const manages = await assertContributes(trx, caller.actor, areaId);
    const ownerPartyId = body.ownerPartyId === undefined ? caller.actor.partyId : body.ownerPartyId;
    if (!manages && ownerPartyId !== caller.actor.partyId) {
      throw new DomainError('forbidden', 'only the area’s directors put an item on the agenda for another party', { userMessage: userMessage('agenda_not_director') });
    }
    return insertAgendaItem(trx, { areaId, title: body.title, text: body.text ?? null, ownerPartyId, links: body.links ?? [] }, caller);
  });
}

/**
 * Changes an item (title, text, owner, status, decision and the meeting it was taken at, links):
 * the area's directors and admins. A decided item needs its decision in words; it is dated when
 * it becomes decided.
 */
export async function changeAgendaItem(db: Db, caller: WriteContext, itemId: string, patch: PatchAgendaItemBody): Promise<AgendaItem> {
  return writeTransaction(db, async (trx) => {
    const existing = await getAgendaItem(trx, itemId);
    await assertManages(trx, caller.actor, existing.areaId);
    const next: AgendaItemChange = {
      title: patch.title ?? existing.title,
      text: patch.text === undefined ? existing.text : patch.text,
      ownerPartyId: patch.ownerPartyId === undefined ? existing.ownerPartyId : patch.ownerPartyId,
      status: patch.status ?? existing.status,
      decision: patch.decision === undefined ? existing.decision : patch.decision,
      decidedSnapshotId: patch.decidedSnapshotId === undefined ? existing.decidedSnapshotId : patch.decidedSnapshotId,
      decidedAt: existing.decidedAt,
      links: patch.links ?? existing.links,
    };
    if (agendaItemProblems(next).length > 0) {
      throw new DomainError('validation', 'a decided item needs the decision in words', {
        errors: [{ in: 'body', pointer: '/decision', message: 'give the decision in words' }],
        userMessage: userMessage('agenda_decision_needed'),
      });
    }
    if (next.decidedSnapshotId !== null && next.decidedSnapshotId !== existing.decidedSnapshotId && !(await isMeetingOfArea(trx, next.decidedSnapshotId, existing.areaId))) {
      throw new DomainError('validation', 'the meeting is not a snapshot of this area', {
        errors: [{ in: 'body', pointer: '/decidedSnapshotId', message: `snapshot '${next.decidedSnapshotId}' is not a meeting of area '${existing.areaId}'` }],
        userMessage: userMessage('agenda_meeting_other_area'),
      });
    }
    if (next.status === 'decided' && existing.status !== 'decided') next.decidedAt = caller.now;
    return updateAgendaItem(trx, existing, next, caller);
  });
}

/** A comment on an item, by anyone who may add to the area's agenda. */
export async function commentOnAgendaItem(db: Db, caller: WriteContext, itemId: string, text: string): Promise<AgendaItem> {
  return writeTransaction(db, async (trx) => {
    const existing = await getAgendaItem(trx, itemId);
    await assertContributes(trx, caller.actor, existing.areaId);
    return addAgendaComment(trx, existing, text, caller);
  });
}

/** Takes an item off the agenda: the area's directors and admins. */
export async function removeAgendaItem(db: Db, caller: WriteContext, itemId: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const existing = await getAgendaItem(trx, itemId);
    await assertManages(trx, caller.actor, existing.areaId);
    await deleteAgendaItem(trx, existing, caller);
  });
}

/** An item's audit rows, kept after its deletion; an item that never existed is not found. */
export async function agendaItemHistory(db: Executor, itemId: string): Promise<AuditRow[]> {
  const rows = await listEntityAudit(db, 'agenda_item', itemId);
  if (rows.length === 0) await getAgendaItem(db, itemId);
  return rows;
}

/**
 * The area table as a snapshot keeps it (issue 17): the agenda with its decisions, the open
 * proposals and those accepted so far, in the frozen content's shape.
 */
export async function areaTablePicture(db: Executor, areaId: string): Promise<Pick<SnapshotContent, 'agenda' | 'openProposals' | 'acceptedProposals'>> {
  const [agenda, open, accepted] = await Promise.all([
    listAgenda(db, areaId),
    listProposals(db, { areaId, status: 'open' }),
    listProposals(db, { areaId, status: 'accepted' }),
  ]);
  const proposal = (each: Proposal) => {
    const { areaId: _area, scenarioId: _scenario, updatedAt: _updated, ...kept } = toProposalResponse(each);
    return kept;
  };
  return {
    agenda: agenda.map((item) => ({
      id: item.id,
      title: item.title,
      text: item.text,
      ownerPartyId: item.ownerPartyId,
      status: item.status,
      decision: item.decision,
      decidedSnapshotId: item.decidedSnapshotId,
      decidedAt: item.decidedAt,
      links: item.links.map((link) => ({ ...link })),
      comments: item.comments.map((comment) => ({ text: comment.text, author: comment.author, createdAt: comment.createdAt })),
    })),
    openProposals: open.map(proposal),
    acceptedProposals: accepted.map(proposal),
  };
}
