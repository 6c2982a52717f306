import type { AlignmentPair } from './alignment.js';
import { changedFields, type FieldChange } from './audit.js';
import { alignedSoil, pairStatusChanges, type PairChange } from './scenarios.js';
import { formatMonth } from './months.js';
import type { PhaseKind, Task, TaskWindow } from './tasks.js';

/** One side of a comparison: a snapshot's (or the current plan's) tasks and alignment pairs. */
export interface PlanPicture {
  tasks: readonly Task[];
  pairs: readonly AlignmentPair[];
  /** The soil ledger's reused soil and saving; null or absent when the picture did not record them. */
  soil?: { reusedM3: number; savingEur: number } | null;
  /** The area table (issue 17): agenda items decided and proposals accepted so far; null or absent when not recorded. */
  table?: PictureTable | null;
}

/** What a picture knows of the area table's outcomes. */
export interface PictureTable {
  decidedItems: { itemId: string; title: string; decision: string; decidedAt: string | null }[];
  acceptedProposals: { proposalId: string; taskId: string; taskTitle: string; decidedBy: string | null; decidedAt: string | null }[];
}

export interface PlanDiff {
  added: { taskId: string; title: string }[];
  removed: { taskId: string; title: string }[];
  /** Phases whose start or end moved, in months (positive = later), with the months before and after (`YYYY-MM`). */
  moved: { taskId: string; title: string; phases: { kind: PhaseKind; startShift: number; endShift: number; from: MonthSpan; to: MonthSpan }[] }[];
  /** Other fields that changed (phases are reported under `moved`; a window's months as `YYYY-MM`). */
  changed: { taskId: string; title: string; fields: FieldChange[] }[];
  pairChanges: PairChange[];
  alignedSoilBeforeM3: number;
  alignedSoilAfterM3: number;
  /** Soil reused locally per the area's soil ledger; null where a picture did not record its ledger. */
  reusedSoilBeforeM3: number | null;
  reusedSoilAfterM3: number | null;
  /** What that local reuse saves; null where a picture did not record its ledger. */
  soilSavingBeforeEur: number | null;
  soilSavingAfterEur: number | null;
  /** Agenda items decided since the earlier picture (issue 17). */
  decidedItems: PictureTable['decidedItems'];
  /** Proposals accepted since the earlier picture (issue 17). */
  acceptedProposals: PictureTable['acceptedProposals'];
}

/** Months as a reader writes them, so a change can be told in words. */
export interface MonthSpan {
  start: string;
  end: string;
}

function windowText(window: unknown): { earliestStart: string; latestEnd: string } | null {
  if (!window) return null;
  const { earliestStart, latestEnd } = window as TaskWindow;
  return { earliestStart: formatMonth(earliestStart), latestEnd: formatMonth(latestEnd) };
}

/** Fields that change with every write and say nothing about the plan. */
const BOOKKEEPING = ['id', 'phases', 'version', 'createdAt', 'updatedAt'];

/**
 * What changed between an earlier and a later picture of an area: tasks added, removed and
 * moved (per phase, in months), other fields changed, alignment pairs whose status changed,
 * the soil the aligned pairs share, and the soil ledger's reused soil and saving (null on a side
 * that did not record its ledger: nothing is guessed for it).
 *
 * @example diffPlans(lastMeeting, today).moved // [{ taskId: 'd1', title: 'Dijk', phases: [{ kind: 'realisatie', startShift: 12, endShift: 12 }] }]
 */
export function diffPlans(before: PlanPicture, after: PlanPicture): PlanDiff {
  const beforeById = new Map(before.tasks.map((task) => [task.id, task]));
  const afterById = new Map(after.tasks.map((task) => [task.id, task]));
  const diff: PlanDiff = {
    added: after.tasks.filter((task) => !beforeById.has(task.id)).map((task) => ({ taskId: task.id, title: task.title })),
    removed: before.tasks.filter((task) => !afterById.has(task.id)).map((task) => ({ taskId: task.id, title: task.title })),
    moved: [],
    changed: [],
    pairChanges: pairStatusChanges(before.pairs, after.pairs),
    alignedSoilBeforeM3: alignedSoil(before.pairs),
    alignedSoilAfterM3: alignedSoil(after.pairs),
    reusedSoilBeforeM3: before.soil?.reusedM3 ?? null,
    reusedSoilAfterM3: after.soil?.reusedM3 ?? null,
    soilSavingBeforeEur: before.soil?.savingEur ?? null,
    soilSavingAfterEur: after.soil?.savingEur ?? null,
    ...tableSince(before.table ?? null, after.table ?? null),
  };
  for (const now of after.tasks) {
    const was = beforeById.get(now.id);
    if (!was) continue;
    const phases = now.phases.flatMap((phase) => {
      const old = was.phases.find((candidate) => candidate.kind === phase.kind);
      if (!old || (old.start === phase.start && old.end === phase.end)) return [];
      return [
        {
          kind: phase.kind,
          startShift: phase.start - old.start,
          endShift: phase.end - old.end,
          from: { start: formatMonth(old.start), end: formatMonth(old.end) },
          to: { start: formatMonth(phase.start), end: formatMonth(phase.end) },
        },
      ];
    });
    if (phases.length > 0) diff.moved.push({ taskId: now.id, title: now.title, phases });
    const fields = changedFields(was as unknown as Record<string, unknown>, now as unknown as Record<string, unknown>, BOOKKEEPING).map((change) =>
      change.field === 'window' ? { field: 'window', from: windowText(change.from), to: windowText(change.to) } : change,
    );
    if (fields.length > 0) diff.changed.push({ taskId: now.id, title: now.title, fields });
  }
  return diff;
}

/**
 * The area table's outcomes that are new in the later picture: items decided and proposals
 * accepted there but not in the earlier one (an earlier picture that recorded no table had none).
 *
 * @example tableSince(lastMeeting.table, today.table).acceptedProposals // [{ proposalId: 'p1', ... }]
 */
export function tableSince(before: PictureTable | null, after: PictureTable | null): Pick<PlanDiff, 'decidedItems' | 'acceptedProposals'> {
  const decidedBefore = new Set(before?.decidedItems.map((item) => item.itemId));
  const acceptedBefore = new Set(before?.acceptedProposals.map((proposal) => proposal.proposalId));
  return {
    decidedItems: (after?.decidedItems ?? []).filter((item) => !decidedBefore.has(item.itemId)),
    acceptedProposals: (after?.acceptedProposals ?? []).filter((proposal) => !acceptedBefore.has(proposal.proposalId)),
  };
}
