import { z } from 'zod';
import { SnapshotContentV3Schema } from './v3.js';

// Snapshot content, schema version 4: FROZEN. Version 3 (itself frozen) with the area table as it
// was when the picture was made (issue 17, DOMAIN.md "Proposals and the area table"): the area's
// agenda with its decisions, its open proposals, and the proposals accepted so far (what "since
// the previous meeting" compares). Written out in full here, apart from the live contracts, so a
// later change to proposals or the agenda cannot change what a version-4 row means. Never edit
// it; add v5.ts instead.

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Person = z.object({ id: z.string(), label: z.string() });

const ProposalV4 = z.object({
  id: z.string(),
  taskId: z.string(),
  partyId: z.string(),
  taskTitle: z.string(),
  taskVersion: z.int(),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('shift'), shiftMonths: z.int() }),
    z.object({ kind: z.literal('phases'), phases: z.array(z.object({ kind: z.string(), start: Month, end: Month })) }),
    z.object({ kind: z.literal('window'), window: z.object({ earliestStart: Month, latestEnd: Month }).nullable() }),
  ]),
  reason: z.string(),
  pair: z.object({ dikeTaskId: z.string(), otherTaskId: z.string() }).nullable(),
  bundleId: z.string().nullable(),
  status: z.string(),
  createdBy: Person.extend({ partyId: z.string().nullable() }),
  createdAt: z.string(),
  decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

const AgendaItemV4 = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string().nullable(),
  ownerPartyId: z.string().nullable(),
  status: z.string(),
  decision: z.string().nullable(),
  decidedSnapshotId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  links: z.array(z.record(z.string(), z.string())),
  comments: z.array(z.object({ text: z.string(), author: Person.extend({ partyId: z.string().nullable() }), createdAt: z.string() })),
});

export const SnapshotContentV4Schema = SnapshotContentV3Schema.extend({
  /** The area's agenda; null for pictures upgraded from version 3 (not recorded). */
  agenda: z.array(AgendaItemV4).nullable(),
  /** The area's proposals still open; null when not recorded. */
  openProposals: z.array(ProposalV4).nullable(),
  /** The area's proposals accepted so far; null when not recorded. */
  acceptedProposals: z.array(ProposalV4).nullable(),
});
export type SnapshotContentV4 = z.infer<typeof SnapshotContentV4Schema>;
