import type { MonthIndex } from '../domain/months.js';
import { toPublicSharedSnapshot, type PublicSharedSnapshot, type PublicSnapshot, type Snapshot, type SnapshotContent, type SnapshotSummary } from '../contracts/snapshots.js';
import { fromTaskResponse } from '../contracts/tasks.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { getScenario } from '../db/repositories/scenarios.js';
import {
  createShareLink,
  deleteSnapshot,
  getSnapshot,
  insertSnapshot,
  listShareLinks,
  previousSnapshot,
  revokeShareLink,
  snapshotForToken,
  summaryOf,
  type ShareLink,
} from '../db/repositories/snapshots.js';
import { DomainError } from '../domain/errors.js';
import { userMessage } from '../domain/messages.js';
import { diffPlans, type PictureTable, type PlanDiff, type PlanPicture } from '../domain/snapshot-diff.js';
import { offlineSnapshotHtml } from '../formats/offline-html.js';
import { isPictureCurrent, pictureOf } from './area-picture.js';

export { getSnapshot, listSnapshots } from '../db/repositories/snapshots.js';

/** Tries of making a snapshot while the area's plan changes under it, before it is refused as busy. */
const SNAPSHOT_ATTEMPTS = 3;

function planOf(content: SnapshotContent): PlanPicture {
  const ledger = content.soilLedger;
  return {
    tasks: content.tasks.map(fromTaskResponse),
    pairs: content.alignments.pairs,
    soil: ledger ? { reusedM3: ledger.total.reusedM3, savingEur: ledger.value.savingEur } : null,
    table: tableOf(content),
  };
}

/** The area table's outcomes a picture recorded (issue 17); null for pictures from before it. */
function tableOf(content: SnapshotContent): PictureTable | null {
  if (content.agenda === null || content.acceptedProposals === null) return null;
  return {
    decidedItems: content.agenda
      .filter((item) => item.decision !== null && item.decidedAt !== null)
      .map((item) => ({ itemId: item.id, title: item.title, decision: item.decision!, decidedAt: item.decidedAt })),
    acceptedProposals: content.acceptedProposals.map((proposal) => ({
      proposalId: proposal.id,
      taskId: proposal.taskId,
      taskTitle: proposal.taskTitle,
      decidedBy: proposal.decidedBy?.label ?? null,
      decidedAt: proposal.decidedAt,
    })),
  };
}

export interface NewSnapshot {
  areaId: string;
  scenarioId: string | null;
  title: string;
  meetingDate: string | null;
  note: string | null;
}

/**
 * Freezes an area's plan (optionally with a scenario's moves) for a meeting. The picture (reads
 * and the alignment detector) is built first; the short write transaction stores it only when the
 * area's tasks, and the scenario's moves, are still as pictured, so the snapshot shows one
 * consistent state. A plan that keeps changing is refused with a 409 after a few tries.
 */
export async function createSnapshot(db: Db, caller: WriteContext, fields: NewSnapshot): Promise<Snapshot> {
  const { areaId, scenarioId } = fields;
  for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
    if (scenarioId && (await getScenario(db, scenarioId)).areaId !== areaId) {
      throw new DomainError('validation', 'the scenario belongs to another area', {
        errors: [{ in: 'body', pointer: '/scenarioId', message: 'choose a scenario of this area' }],
        userMessage: userMessage('snapshot_scenario_other_area'),
      });
    }
    const content = await pictureOf(db, areaId, scenarioId, caller.month);
    const snapshot = await writeTransaction(db, async (trx) => {
      if (!(await isPictureCurrent(trx, content))) return null;
      return insertSnapshot(trx, { ...fields, content }, caller);
    });
    if (snapshot) return snapshot;
  }
  throw new DomainError('conflict', "the area's plan kept changing while the snapshot was being made; try again", {
    userMessage: userMessage('snapshot_plan_busy'),
  });
}

/** Deletes a snapshot and its links (admins; audited). */
export async function removeSnapshot(db: Db, caller: WriteContext, snapshotId: string): Promise<void> {
  await writeTransaction(db, (trx) => deleteSnapshot(trx, snapshotId, caller));
}

/** What changed from a snapshot to another one, or to the current plan (`against = 'current'`). */
export async function diffSnapshot(db: Executor, snapshotId: string, against: string, asOf: MonthIndex): Promise<PlanDiff> {
  const snapshot = await getSnapshot(db, snapshotId);
  const other = against === 'current' ? await pictureOf(db, snapshot.areaId, null, asOf) : (await getSnapshot(db, against)).content;
  return diffPlans(planOf(snapshot.content), planOf(other));
}

/** A read-only link to a snapshot; its token is in this answer only. */
export async function shareSnapshot(db: Db, caller: WriteContext, snapshotId: string, expiresAt: string | null): Promise<ShareLink & { token: string }> {
  return writeTransaction(db, (trx) => createShareLink(trx, snapshotId, expiresAt, caller));
}

export async function shareLinksOf(db: Executor, snapshotId: string): Promise<ShareLink[]> {
  await getSnapshot(db, snapshotId);
  return listShareLinks(db, snapshotId);
}

/** Revokes a share link (its maker, the area's directors and admins; audited). */
export async function revokeLink(db: Db, caller: WriteContext, linkId: string): Promise<void> {
  await writeTransaction(db, (trx) => revokeShareLink(trx, linkId, caller));
}

/** The snapshot a share token opens now; unknown, revoked and expired links look the same: nothing here. */
export async function sharedSnapshot(db: Executor, token: string, now: string): Promise<Snapshot> {
  const snapshot = await snapshotForToken(db, token, now);
  if (!snapshot) {
    throw new DomainError('not_found', 'this link does not open a snapshot (it may have expired or been revoked)', {
      userMessage: userMessage('share_link_dead'),
    });
  }
  return snapshot;
}

export interface SnapshotView {
  snapshot: Snapshot;
  previous: SnapshotSummary | null;
  sincePrevious: ({ against: string } & PlanDiff) | null;
}

/** A snapshot with its area's previous one and what changed since: what the meeting viewer shows. */
export async function viewOf(db: Executor, snapshot: Snapshot): Promise<SnapshotView> {
  const previous = await previousSnapshot(db, snapshot);
  return {
    snapshot,
    previous: previous ? summaryOf(previous) : null,
    sincePrevious: previous ? { against: snapshot.id, ...diffPlans(planOf(previous.content), planOf(snapshot.content)) } : null,
  };
}

/** A snapshot as the meeting viewer shows it. */
export async function snapshotView(db: Executor, snapshotId: string): Promise<SnapshotView> {
  return viewOf(db, await getSnapshot(db, snapshotId));
}

/** The snapshot behind a share link as the viewer shows it, read-only, without an account and without anyone's personal data. */
export async function sharedSnapshotView(db: Executor, token: string, now: string): Promise<PublicSharedSnapshot> {
  return toPublicSharedSnapshot(await viewOf(db, await sharedSnapshot(db, token, now)));
}

/** The snapshot behind a share link for a download: without who made it. */
export async function sharedPublicSnapshot(db: Executor, token: string, now: string): Promise<PublicSnapshot> {
  return toPublicSharedSnapshot({ snapshot: await sharedSnapshot(db, token, now), previous: null, sincePrevious: null }).snapshot;
}

/** The meeting viewer of a snapshot as one self-contained HTML file that opens offline. */
export async function offlineSnapshot(db: Executor, snapshot: Snapshot): Promise<string> {
  return offlineFile(await viewOf(db, snapshot));
}

/** The shared meeting viewer as one offline HTML file, without anyone's personal data. */
export async function sharedOfflineSnapshot(db: Executor, token: string, now: string): Promise<{ snapshot: PublicSnapshot; html: string }> {
  const view = await sharedSnapshotView(db, token, now);
  return { snapshot: view.snapshot, html: offlineFile(view) };
}

function offlineFile(view: PublicSharedSnapshot): string {
  const html = offlineSnapshotHtml(view);
  if (!html) {
    throw new DomainError('not_found', 'the offline viewer is not built here; run npm run build:client', {
      userMessage: userMessage('offline_viewer_missing'),
    });
  }
  return html;
}
