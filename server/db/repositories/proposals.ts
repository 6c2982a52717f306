import { randomUUID } from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { Proposal, ProposalChange, ProposalStatus } from '../../domain/proposals.js';
import type { Phase } from '../../domain/tasks.js';
import type { Executor } from '../database.js';
import type { ProposalRow } from '../schema.js';
import { recordAreaEvent } from './area-events.js';
import { recordAudit, type WriteContext } from './audit.js';

function changeOf(row: ProposalRow): ProposalChange {
  if (row.shift_months !== null) return { kind: 'shift', shiftMonths: row.shift_months };
  if (row.phases_json !== null) return { kind: 'phases', phases: JSON.parse(row.phases_json) as Phase[] };
  const window = row.window_earliest_start === null || row.window_latest_end === null ? null : { earliestStart: row.window_earliest_start, latestEnd: row.window_latest_end };
  return { kind: 'window', window };
}

function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    taskId: row.task_id,
    areaId: row.area_id,
    partyId: row.party_id,
    taskTitle: row.task_title,
    taskVersion: row.task_version,
    change: changeOf(row),
    reason: row.reason,
    pair: row.pair_dike_task_id !== null && row.pair_other_task_id !== null ? { dikeTaskId: row.pair_dike_task_id, otherTaskId: row.pair_other_task_id } : null,
    scenarioId: row.scenario_id,
    bundleId: row.bundle_id,
    status: row.status as ProposalStatus,
    createdBy: { id: row.created_by, label: row.created_by_label, partyId: row.created_by_party_id },
    createdAt: row.created_at,
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, label: row.decided_by_label ?? '' },
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    updatedAt: row.updated_at,
  };
}

export async function findProposal(db: Executor, id: string): Promise<Proposal | undefined> {
  const row = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProposal(row) : undefined;
}

export async function getProposal(db: Executor, id: string): Promise<Proposal> {
  const proposal = await findProposal(db, id);
  if (!proposal) throw notFound('proposal', id);
  return proposal;
}

export interface ProposalFilter {
  areaId?: string;
  /** The owning party: whose inbox. */
  partyId?: string;
  status?: ProposalStatus;
  /** The maker: one's own proposals and their answers. */
  createdBy?: string;
}

/** Proposals, newest first. */
export async function listProposals(db: Executor, filter: ProposalFilter): Promise<Proposal[]> {
  let query = db.selectFrom('proposals').selectAll();
  if (filter.areaId !== undefined) query = query.where('area_id', '=', filter.areaId);
  if (filter.partyId !== undefined) query = query.where('party_id', '=', filter.partyId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.createdBy !== undefined) query = query.where('created_by', '=', filter.createdBy);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(1_000).execute();
  return rows.map(toProposal);
}

export interface NewProposal {
  task: { id: string; areaId: string; partyId: string; title: string; version: number };
  change: ProposalChange;
  reason: string;
  pair: Proposal['pair'];
  scenarioId: string | null;
  bundleId: string | null;
}

function changeColumns(change: ProposalChange) {
  return {
    shift_months: change.kind === 'shift' ? change.shiftMonths : null,
    phases_json: change.kind === 'phases' ? JSON.stringify(change.phases) : null,
    window_earliest_start: change.kind === 'window' ? (change.window?.earliestStart ?? null) : null,
    window_latest_end: change.kind === 'window' ? (change.window?.latestEnd ?? null) : null,
  };
}

/** Stores an open proposal, audits it and tells the area's live screens. Run inside a transaction. */
export async function insertProposal(db: Executor, fields: NewProposal, context: WriteContext): Promise<Proposal> {
  const id = randomUUID();
  await db
    .insertInto('proposals')
    .values({
      id,
      task_id: fields.task.id,
      area_id: fields.task.areaId,
      party_id: fields.task.partyId,
      task_title: fields.task.title,
      task_version: fields.task.version,
      ...changeColumns(fields.change),
      reason: fields.reason,
      pair_dike_task_id: fields.pair?.dikeTaskId ?? null,
      pair_other_task_id: fields.pair?.otherTaskId ?? null,
      scenario_id: fields.scenarioId,
      bundle_id: fields.bundleId,
      status: 'open',
      created_by: context.actor.id,
      created_by_label: context.actor.label,
      created_by_party_id: context.actor.partyId,
      created_at: context.now,
      decided_by: null,
      decided_by_label: null,
      decided_at: null,
      decision_note: null,
      updated_at: context.now,
    })
    .execute();
  const proposal = await getProposal(db, id);
  await recordAudit(db, context, { entityType: 'proposal', entityId: id, action: 'create', before: null, after: proposal });
  await recordAreaEvent(db, context, proposal.areaId, 'proposal_made', { proposalId: id, taskId: proposal.taskId, title: proposal.taskTitle, partyId: proposal.partyId });
  return proposal;
}

/**
 * Closes a proposal as accepted, declined, withdrawn or superseded, by the acting user, with an
 * optional note; audited and told to the area. Run inside a transaction.
 */
export async function decideProposal(
  db: Executor,
  proposal: Proposal,
  status: Exclude<ProposalStatus, 'open'>,
  note: string | null,
  context: WriteContext,
  audited: Record<string, unknown> = {},
): Promise<Proposal> {
  await db
    .updateTable('proposals')
    .set({ status, decided_by: context.actor.id, decided_by_label: context.actor.label, decided_at: context.now, decision_note: note, updated_at: context.now })
    .where('id', '=', proposal.id)
    .execute();
  const after = await getProposal(db, proposal.id);
  await recordAudit(db, context, { entityType: 'proposal', entityId: proposal.id, action: 'update', before: proposal, after: { ...after, ...audited } });
  await recordAreaEvent(db, context, proposal.areaId, 'proposal_decided', { proposalId: proposal.id, taskId: proposal.taskId, title: proposal.taskTitle, status });
  return after;
}

/** Makes an open proposal rest on the task's current version, keeping its change. Run inside a transaction. */
export async function rebaseProposal(db: Executor, proposal: Proposal, task: { version: number; title: string }, context: WriteContext): Promise<Proposal> {
  await db.updateTable('proposals').set({ task_version: task.version, task_title: task.title, updated_at: context.now }).where('id', '=', proposal.id).execute();
  const after = await getProposal(db, proposal.id);
  await recordAudit(db, context, { entityType: 'proposal', entityId: proposal.id, action: 'update', before: proposal, after });
  return after;
}

/**
 * Marks the task's open proposals superseded: its phases or window changed in another way, or it
 * was deleted, so what they asked no longer rests on what the owner sees. Run inside the
 * transaction of that change.
 */
export async function supersedeOpenProposals(db: Executor, taskId: string, context: WriteContext): Promise<void> {
  const rows = await db.selectFrom('proposals').selectAll().where('task_id', '=', taskId).where('status', '=', 'open').execute();
  for (const row of rows) await decideProposal(db, toProposal(row), 'superseded', null, context);
}
