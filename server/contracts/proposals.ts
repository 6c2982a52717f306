import { z } from 'zod';
import { formatMonth, parseMonth } from '../domain/months.js';
import { AGENDA_LINK_KINDS, AGENDA_STATUSES, PROPOSAL_STATUSES, type AgendaItem, type AgendaLink, type Proposal, type ProposalChange } from '../domain/proposals.js';
import type { Phase } from '../domain/tasks.js';
import { Slug, TimestampText } from './common.js';
import { PhaseInput, TaskSchema, WindowInput } from './tasks.js';

const Id = z.string().min(1).max(64);
const PairRef = z.strictObject({ dikeTaskId: Id, otherTaskId: Id });

export const CreateProposalBody = z
  .strictObject({
    taskId: Id,
    shiftMonths: z.int().min(-1200).max(1200).refine((shift) => shift !== 0, 'a proposal shifts by at least one month').optional(),
    phases: z.array(PhaseInput).min(1).max(3).optional(),
    window: WindowInput.nullable().optional(),
    reason: z.string().trim().min(1).max(2000),
    pairRef: PairRef.optional().meta({ description: 'the alignment pair the proposal comes from' }),
    scenarioId: Id.optional(),
    bundleId: Id.optional().meta({ description: 'groups proposals made together (from a scenario or plan)' }),
  })
  .refine((body) => [body.shiftMonths, body.phases, body.window].filter((change) => change !== undefined).length === 1, {
    message: 'give exactly one of shiftMonths, phases or window',
    path: ['shiftMonths'],
  });
export type CreateProposalBody = z.infer<typeof CreateProposalBody>;

export const ProposalParams = z.object({ proposalId: z.string().max(64) });
export const ProposalListQuery = z.object({
  areaId: Slug.optional(),
  partyId: Slug.optional().meta({ description: 'the owning party: whose inbox' }),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  mine: z.stringbool().optional().meta({ description: 'only the proposals the caller made (and their answers)' }),
});
export const AcceptProposalBody = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() });
export const DeclineProposalBody = z.strictObject({ note: z.string().trim().min(1).max(2000) });
export const ProposeScenarioBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

const PhaseOut = z.object({ kind: PhaseInput.shape.kind, start: z.string(), end: z.string() });
const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shift'), shiftMonths: z.int() }),
  z.object({ kind: z.literal('phases'), phases: z.array(PhaseOut) }),
  z.object({ kind: z.literal('window'), window: z.object({ earliestStart: z.string(), latestEnd: z.string() }).nullable() }),
]);
const Person = z.object({ id: z.string(), label: z.string() });

export const ProposalSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  areaId: z.string(),
  partyId: z.string().meta({ description: 'the party that owns the task and decides' }),
  taskTitle: z.string(),
  taskVersion: z.int().meta({ description: "the task's version the change was made against" }),
  change: ChangeSchema,
  reason: z.string(),
  pair: PairRef.nullable(),
  scenarioId: z.string().nullable(),
  bundleId: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  createdBy: Person.extend({ partyId: z.string().nullable() }),
  createdAt: TimestampText,
  decidedBy: Person.nullable(),
  decidedAt: TimestampText.nullable(),
  decisionNote: z.string().nullable(),
  updatedAt: TimestampText,
});
export type ProposalResponse = z.infer<typeof ProposalSchema>;

export const AcceptedProposalSchema = z.object({
  proposal: ProposalSchema,
  task: TaskSchema,
  warnings: z.array(
    z.object({ type: z.literal('urgency_inversion'), moreUrgentTaskId: z.string(), moreUrgentRank: z.int(), lessUrgentTaskId: z.string(), lessUrgentRank: z.int() }),
  ),
});
export const ProposalBundleSchema = z.object({ bundleId: z.string(), proposals: z.array(ProposalSchema) });

const phaseText = (phase: Phase) => ({ kind: phase.kind, start: formatMonth(phase.start), end: formatMonth(phase.end) });

function toChangeResponse(change: ProposalChange): z.infer<typeof ChangeSchema> {
  if (change.kind === 'shift') return change;
  if (change.kind === 'phases') return { kind: 'phases', phases: change.phases.map(phaseText) };
  return { kind: 'window', window: change.window && { earliestStart: formatMonth(change.window.earliestStart), latestEnd: formatMonth(change.window.latestEnd) } };
}

export function toProposalResponse(proposal: Proposal): ProposalResponse {
  return { ...proposal, change: toChangeResponse(proposal.change) };
}

/** The change a request asks for, with months as indices (the body is already validated). */
export function toProposalChange(body: Pick<CreateProposalBody, 'shiftMonths' | 'phases' | 'window'>): ProposalChange {
  if (body.shiftMonths !== undefined) return { kind: 'shift', shiftMonths: body.shiftMonths };
  if (body.phases !== undefined) return { kind: 'phases', phases: body.phases.map((phase) => ({ kind: phase.kind, start: parseMonth(phase.start)!, end: parseMonth(phase.end)! })) };
  const window = body.window ?? null;
  return { kind: 'window', window: window && { earliestStart: parseMonth(window.earliestStart)!, latestEnd: parseMonth(window.latestEnd)! } };
}

// The agenda of an area.

export const AgendaLinkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal(AGENDA_LINK_KINDS[0]), taskId: Id }),
  z.strictObject({ kind: z.literal(AGENDA_LINK_KINDS[1]), dikeTaskId: Id, otherTaskId: Id }),
  z.strictObject({ kind: z.literal(AGENDA_LINK_KINDS[2]), proposalId: Id }),
]);
const Links = z.array(AgendaLinkSchema).max(50);

export const CreateAgendaItemBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().max(5000).nullable().optional(),
  ownerPartyId: Slug.nullable().optional().meta({ description: "defaults to the caller's party" }),
  links: Links.optional(),
});
export type CreateAgendaItemBody = z.infer<typeof CreateAgendaItemBody>;

export const PatchAgendaItemBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    text: z.string().trim().max(5000).nullable(),
    ownerPartyId: Slug.nullable(),
    status: z.enum(AGENDA_STATUSES),
    decision: z.string().trim().min(1).max(5000).nullable(),
    decidedSnapshotId: Id.nullable().meta({ description: 'the meeting (snapshot) the decision was taken at' }),
    links: Links,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type PatchAgendaItemBody = z.infer<typeof PatchAgendaItemBody>;

export const AgendaCommentBody = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export const AgendaItemParams = z.object({ itemId: z.string().max(64) });

export const AgendaItemSchema = z.object({
  id: z.string(),
  areaId: z.string(),
  title: z.string(),
  text: z.string().nullable(),
  ownerPartyId: z.string().nullable(),
  status: z.enum(AGENDA_STATUSES),
  decision: z.string().nullable(),
  decidedSnapshotId: z.string().nullable(),
  decidedAt: TimestampText.nullable(),
  links: z.array(AgendaLinkSchema),
  comments: z.array(z.object({ id: z.string(), text: z.string(), author: Person.extend({ partyId: z.string().nullable() }), createdAt: TimestampText })),
  createdBy: Person,
  createdAt: TimestampText,
  updatedAt: TimestampText,
  version: z.int(),
});
export type AgendaItemResponse = z.infer<typeof AgendaItemSchema>;

export function toAgendaItemResponse(item: AgendaItem): AgendaItemResponse {
  return item;
}

export type { AgendaLink };
