import type { ShiftMove } from './alignment.js';
import type { MonthIndex } from './months.js';
import { canEditPartyTasks, type Actor } from './permissions.js';
import {
  hasStarted,
  realisationPhase,
  scheduleRuleViolations,
  shiftPhases,
  shiftRefusal,
  type Phase,
  type ShiftRefusal,
  type Task,
  type TaskSchedule,
  type TaskWindow,
} from './tasks.js';

/** DOMAIN.md, "Proposals and the area table". */
export const PROPOSAL_STATUSES = ['open', 'accepted', 'declined', 'withdrawn', 'superseded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** What a proposal asks: a shift of the moving part, new phases, or a new window. */
export type ProposalChange = { kind: 'shift'; shiftMonths: number } | { kind: 'phases'; phases: Phase[] } | { kind: 'window'; window: TaskWindow | null };

export interface ProposalPerson {
  id: string;
  label: string;
  partyId: string | null;
}

export interface Proposal {
  id: string;
  taskId: string;
  areaId: string;
  /** The party that owns the task and decides. */
  partyId: string;
  /** The task's title when proposed: still readable after the task is deleted. */
  taskTitle: string;
  /** The task's version the change was made against. */
  taskVersion: number;
  change: ProposalChange;
  reason: string;
  pair: { dikeTaskId: string; otherTaskId: string } | null;
  scenarioId: string | null;
  bundleId: string | null;
  status: ProposalStatus;
  createdBy: ProposalPerson;
  createdAt: string;
  decidedBy: Omit<ProposalPerson, 'partyId'> | null;
  decidedAt: string | null;
  decisionNote: string | null;
  updatedAt: string;
}

/**
 * Why a proposed change cannot be applied at `asOf`, the first that applies: the shift refusals
 * of DOMAIN.md (Time), or for new phases `started` (the realisation has started and would change)
 * and `past` (a started phase would change, or a changed phase would start before `asOf`).
 *
 * @example changeRefusal(task, { kind: 'shift', shiftMonths: 12 }, m('2026-11')) // null, or 'started', 'past', ...
 */
export function changeRefusal(task: TaskSchedule, change: ProposalChange, asOf: MonthIndex): ShiftRefusal | null {
  if (change.kind === 'shift') return shiftRefusal(task, change.shiftMonths, asOf);
  if (change.kind === 'window') return null;
  const same = (a: Phase | undefined, b: Phase | undefined) => a !== undefined && b !== undefined && a.start === b.start && a.end === b.end;
  const proposedByKind = new Map(change.phases.map((phase) => [phase.kind, phase]));
  const currentByKind = new Map(task.phases.map((phase) => [phase.kind, phase]));
  const realisation = realisationPhase(task);
  if (hasStarted(realisation, asOf) && !same(realisation, proposedByKind.get('realisatie'))) return 'started';
  for (const phase of task.phases) if (hasStarted(phase, asOf) && !same(phase, proposedByKind.get(phase.kind))) return 'past';
  for (const phase of change.phases) if (!same(phase, currentByKind.get(phase.kind)) && hasStarted(phase, asOf)) return 'past';
  return null;
}

/**
 * The task's schedule once the change is applied at `asOf` (a shift moves only the moving part).
 * Checks nothing: ask {@link changeRefusal} first.
 *
 * @example proposedSchedule(task, { kind: 'window', window: null }, asOf).window // null
 */
export function proposedSchedule(task: TaskSchedule, change: ProposalChange, asOf: MonthIndex): TaskSchedule {
  if (change.kind === 'shift') return { phases: shiftPhases(task.phases, change.shiftMonths, asOf), window: task.window };
  if (change.kind === 'phases') return { phases: change.phases.map((phase) => ({ ...phase })), window: task.window };
  return { phases: task.phases, window: change.window };
}

/** The schedule rules (phase order, window bounds, HWBP 2050) the changed task would break; empty when none. */
export function changedScheduleViolations(task: Task, change: ProposalChange, asOf: MonthIndex): string[] {
  const schedule = proposedSchedule(task, change, asOf);
  return scheduleRuleViolations({ ...task, ...schedule }).map((violation) => violation.message);
}

/** Whether a change of phases or window between two versions of a task makes its open proposals void. */
export function scheduleChanged(before: TaskSchedule, after: TaskSchedule): boolean {
  return JSON.stringify([before.phases, before.window]) !== JSON.stringify([after.phases, after.window]);
}

/** Editors, planners, area directors and admins of any party may propose; viewers only read. */
export function mayPropose(actor: Actor): boolean {
  return actor.role !== 'viewer';
}

/** Only the owning party's editors and planners (or an admin) accept or decline. */
export function mayAnswer(actor: Actor, proposal: Pick<Proposal, 'partyId'>): boolean {
  return canEditPartyTasks(actor, proposal.partyId);
}

/** Only its maker withdraws or re-bases a proposal. */
export function isMaker(actor: Actor, proposal: Pick<Proposal, 'createdBy'>): boolean {
  return actor.id === proposal.createdBy.id;
}

/**
 * *Voorleggen*: the moves of a scenario or plan that concern tasks of other parties than the
 * actor's own, each to become a proposal in one bundle. The actor's own tasks it can change itself.
 *
 * @example movesToPropose([{ taskId: 'lottum', shiftMonths: 18 }], byId, 'prov-limburg')
 */
export function movesToPropose(moves: readonly ShiftMove[], tasksById: ReadonlyMap<string, Pick<Task, 'partyId'>>, actorPartyId: string | null): ShiftMove[] {
  return moves.filter((move) => {
    const task = tasksById.get(move.taskId);
    return task !== undefined && move.shiftMonths !== 0 && task.partyId !== actorPartyId;
  });
}

/** DOMAIN.md: an agenda item of an area. */
export const AGENDA_STATUSES = ['open', 'discussed', 'decided', 'closed'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export const AGENDA_LINK_KINDS = ['task', 'pair', 'proposal'] as const;
export type AgendaLink =
  | { kind: 'task'; taskId: string }
  | { kind: 'pair'; dikeTaskId: string; otherTaskId: string }
  | { kind: 'proposal'; proposalId: string };

export interface AgendaComment {
  id: string;
  text: string;
  author: ProposalPerson;
  createdAt: string;
}

export interface AgendaItem {
  id: string;
  areaId: string;
  title: string;
  text: string | null;
  ownerPartyId: string | null;
  status: AgendaStatus;
  decision: string | null;
  /** The meeting (snapshot) the decision was taken at. */
  decidedSnapshotId: string | null;
  decidedAt: string | null;
  links: AgendaLink[];
  comments: AgendaComment[];
  createdBy: Omit<ProposalPerson, 'partyId'>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Who may manage an area's agenda (change an item's status, decision, owner, links; delete it):
 * the area's own directors and admins.
 */
export function mayManageAgenda(actor: Actor, directsArea: boolean): boolean {
  return actor.role === 'admin' || (actor.role === 'area_director' && directsArea);
}

/**
 * Who may add an item to an area's agenda and comment: its managers, and every signed-in user of
 * a party with tasks in the area.
 *
 * @example mayContributeToAgenda(viewerOfHdsr, false, new Set(['hdsr'])) // true
 */
export function mayContributeToAgenda(actor: Actor, directsArea: boolean, partiesInArea: ReadonlySet<string>): boolean {
  return mayManageAgenda(actor, directsArea) || (actor.partyId !== null && partiesInArea.has(actor.partyId));
}

/** A decided item says what was decided. */
export function agendaItemProblems(item: Pick<AgendaItem, 'status' | 'decision'>): string[] {
  return item.status === 'decided' && (item.decision === null || item.decision.trim() === '') ? ['a decided item needs the decision in words'] : [];
}
