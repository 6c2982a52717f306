import { randomUUID } from 'node:crypto';
import { toViolationResponse } from '../contracts/scenarios.js';
import { toTaskResponse } from '../contracts/tasks.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { listCapacityRules } from '../db/repositories/capacity-rules.js';
import { decideProposal, getProposal, insertProposal, listProposals, rebaseProposal, type ProposalFilter } from '../db/repositories/proposals.js';
import { getScenario } from '../db/repositories/scenarios.js';
import { findTask, getTask, listTasksForEvaluation, updateTask } from '../db/repositories/tasks.js';
import { DomainError } from '../domain/errors.js';
import { userMessage } from '../domain/messages.js';
import {
  changedScheduleViolations,
  changeRefusal,
  isMaker,
  mayAnswer,
  mayPropose,
  movesToPropose,
  proposedSchedule,
  type Proposal,
  type ProposalChange,
} from '../domain/proposals.js';
import { newCapacityViolations, urgencyInversions, type UrgencyInversion } from '../domain/scenarios.js';
import { draftOf, type ShiftRefusal, type Task } from '../domain/tasks.js';

export { getProposal } from '../db/repositories/proposals.js';

export interface ProposalRequest {
  taskId: string;
  change: ProposalChange;
  reason: string;
  pair: Proposal['pair'];
  scenarioId: string | null;
  bundleId: string | null;
}

const REFUSAL_MESSAGES = {
  no_window: 'proposal_no_window',
  started: 'proposal_started',
  past: 'proposal_past',
  outside_window: 'proposal_outside_window',
} as const satisfies Record<ShiftRefusal, string>;

/** Throws `rule_violation` when the change cannot be applied to the task now (DOMAIN.md, Time; the schedule rules). */
function assertApplicableChange(task: Task, change: ProposalChange, month: number): void {
  const refusal = changeRefusal(task, change, month);
  if (refusal !== null) {
    throw new DomainError('rule_violation', `the change of task '${task.id}' is refused: ${refusal}`, {
      extensions: { reason: refusal },
      userMessage: userMessage(REFUSAL_MESSAGES[refusal], { title: task.title }),
    });
  }
  const reasons = changedScheduleViolations(task, change, month);
  if (reasons.length > 0) {
    throw new DomainError('rule_violation', `the changed schedule is not valid: ${reasons.join('; ')}`, {
      userMessage: userMessage('proposal_schedule_invalid', { reasons }),
    });
  }
}

function assertOpen(proposal: Proposal): void {
  if (proposal.status !== 'open') {
    throw new DomainError('conflict', `proposal '${proposal.id}' is ${proposal.status}`, { userMessage: userMessage('proposal_not_open', { status: proposal.status }) });
  }
}

function assertMayPropose(caller: WriteContext): void {
  if (!mayPropose(caller.actor)) throw new DomainError('forbidden', 'viewers cannot make proposals', { userMessage: userMessage('proposal_viewer') });
}

async function storeProposal(trx: Executor, caller: WriteContext, request: ProposalRequest): Promise<Proposal> {
  const task = await getTask(trx, request.taskId);
  if (request.pair && request.pair.dikeTaskId !== task.id && request.pair.otherTaskId !== task.id) {
    throw new DomainError('validation', 'the pair does not contain the task', {
      errors: [{ in: 'body', pointer: '/pairRef', message: `task '${task.id}' is not part of this pair` }],
      userMessage: userMessage('proposal_pair_mismatch'),
    });
  }
  if (request.scenarioId !== null) await getScenario(trx, request.scenarioId);
  assertApplicableChange(task, request.change, caller.month);
  return insertProposal(trx, { task, change: request.change, reason: request.reason, pair: request.pair, scenarioId: request.scenarioId, bundleId: request.bundleId }, caller);
}

/** Asks the party that owns a task to change it; refused at once when the change could not be applied now. */
export async function makeProposal(db: Db, caller: WriteContext, request: ProposalRequest): Promise<Proposal> {
  assertMayPropose(caller);
  return writeTransaction(db, (trx) => storeProposal(trx, caller, request));
}

/**
 * *Voorleggen*: every move of a scenario that concerns another party's task becomes a proposal,
 * all in one new bundle; each is decided on its own.
 */
export async function proposeScenario(db: Db, caller: WriteContext, scenarioId: string, reason: string): Promise<{ bundleId: string; proposals: Proposal[] }> {
  assertMayPropose(caller);
  return writeTransaction(db, async (trx) => {
    const scenario = await getScenario(trx, scenarioId);
    const tasks = (await Promise.all(scenario.moves.map((move) => findTask(trx, move.taskId)))).filter((task): task is Task => task !== undefined);
    const moves = movesToPropose(scenario.moves, new Map(tasks.map((task) => [task.id, task])), caller.actor.partyId);
    if (moves.length === 0) {
      throw new DomainError('rule_violation', 'the scenario moves no task of another party', { userMessage: userMessage('proposal_nothing_to_propose') });
    }
    const bundleId = randomUUID();
    const proposals: Proposal[] = [];
    for (const move of moves) {
      proposals.push(
        await storeProposal(trx, caller, { taskId: move.taskId, change: { kind: 'shift', shiftMonths: move.shiftMonths }, reason, pair: null, scenarioId, bundleId }),
      );
    }
    return { bundleId, proposals };
  });
}

/** Proposals by filter; `mine` narrows to those the caller made. */
export async function findProposals(db: Executor, caller: Pick<WriteContext, 'actor'>, filter: Omit<ProposalFilter, 'createdBy'> & { mine?: boolean }): Promise<Proposal[]> {
  const { mine, ...rest } = filter;
  return listProposals(db, { ...rest, ...(mine ? { createdBy: caller.actor.id } : {}) });
}

async function answerableProposal(trx: Executor, caller: WriteContext, proposalId: string): Promise<Proposal> {
  const proposal = await getProposal(trx, proposalId);
  if (!mayAnswer(caller.actor, proposal)) {
    throw new DomainError('forbidden', `only the owning party '${proposal.partyId}' accepts or declines`, { userMessage: userMessage('proposal_not_owner') });
  }
  assertOpen(proposal);
  return proposal;
}

/**
 * Applies an open proposal as the accepting user, at the current month: only when the task is
 * still at the version it was proposed against (else 409 with the current task), the change is
 * still allowed (the past is fixed) and it creates no new capacity violation for the owning party.
 * Urgency inversions it creates come with the answer. The proposal's audit row names the task
 * version it produced; the task's own row shares its request id.
 */
export async function acceptProposal(db: Db, caller: WriteContext, proposalId: string, note: string | null): Promise<{ proposal: Proposal; task: Task; warnings: UrgencyInversion[] }> {
  return writeTransaction(db, async (trx) => {
    const proposal = await answerableProposal(trx, caller, proposalId);
    const task = await getTask(trx, proposal.taskId);
    if (task.version !== proposal.taskVersion) {
      throw new DomainError('conflict', `task '${task.id}' changed since the proposal (now version ${task.version})`, {
        extensions: { current: toTaskResponse(task, caller.month) },
        userMessage: userMessage('proposal_task_changed', { title: task.title, version: task.version }),
      });
    }
    assertApplicableChange(task, proposal.change, caller.month);
    const changed: Task = { ...task, ...proposedSchedule(task, proposal.change, caller.month) };
    const before = await listTasksForEvaluation(trx, { areaIds: [], partyProgrammes: [{ partyId: task.partyId, programme: task.programme }] });
    const after = before.map((other) => (other.id === task.id ? changed : other));
    const rules = (await listCapacityRules(trx)).filter((rule) => rule.partyId === task.partyId && rule.programme === task.programme);
    const violations = newCapacityViolations(before, after, rules);
    if (violations.length > 0) {
      throw new DomainError('rule_violation', `accepting would break ${violations.length} capacity rule(s); see violations`, {
        extensions: { violations: violations.map(toViolationResponse) },
        userMessage: userMessage('proposal_capacity', { count: violations.length }),
      });
    }
    const decided = await decideProposal(trx, proposal, 'accepted', note, caller, { appliedTaskVersion: task.version + 1 });
    const updated = await updateTask(trx, task, { ...draftOf(task), phases: changed.phases, window: changed.window }, caller);
    return { proposal: decided, task: updated, warnings: urgencyInversions(before, after, new Set([task.id])) };
  });
}

/** The owning party says no, with a note. */
export async function declineProposal(db: Db, caller: WriteContext, proposalId: string, note: string): Promise<Proposal> {
  return writeTransaction(db, async (trx) => decideProposal(trx, await answerableProposal(trx, caller, proposalId), 'declined', note, caller));
}

async function ownOpenProposal(trx: Executor, caller: WriteContext, proposalId: string): Promise<Proposal> {
  const proposal = await getProposal(trx, proposalId);
  if (!isMaker(caller.actor, proposal)) {
    throw new DomainError('forbidden', 'only the maker of a proposal withdraws or re-bases it', { userMessage: userMessage('proposal_not_maker') });
  }
  assertOpen(proposal);
  return proposal;
}

/** Its maker takes an open proposal back. */
export async function withdrawProposal(db: Db, caller: WriteContext, proposalId: string): Promise<Proposal> {
  return writeTransaction(db, async (trx) => decideProposal(trx, await ownOpenProposal(trx, caller, proposalId), 'withdrawn', null, caller));
}

/**
 * Its maker lets an open proposal rest on the task's current version, keeping the change, after
 * the task changed in a way that did not void it; refused when the change no longer applies.
 */
export async function rebaseOwnProposal(db: Db, caller: WriteContext, proposalId: string): Promise<Proposal> {
  return writeTransaction(db, async (trx) => {
    const proposal = await ownOpenProposal(trx, caller, proposalId);
    const task = await getTask(trx, proposal.taskId);
    if (task.version === proposal.taskVersion) {
      throw new DomainError('conflict', 'the proposal already rests on the current version', { userMessage: userMessage('proposal_up_to_date') });
    }
    assertApplicableChange(task, proposal.change, caller.month);
    return rebaseProposal(trx, proposal, task, caller);
  });
}
