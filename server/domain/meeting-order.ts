/** What ordering snapshots by meeting needs to know of one. */
export interface MeetingMoment {
  id: string;
  /** `YYYY-MM-DD`, or null for a snapshot taken outside a meeting (such as the automatic one before an apply). */
  meetingDate: string | null;
  /** ISO 8601 timestamp (UTC). */
  createdAt: string;
}

/**
 * When a snapshot stands in the area's history of meetings: its meeting date, or for a snapshot
 * without one the moment it was made. A date sorts before every moment of that same day (its
 * text is a prefix of theirs), so a meeting comes before that day's later automatic snapshots.
 */
function sortKey(snapshot: MeetingMoment): [string, string, string] {
  return [snapshot.meetingDate ?? snapshot.createdAt, snapshot.createdAt, snapshot.id];
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    if (a[index]! !== b[index]!) return a[index]! < b[index]! ? -1 : 1;
  }
  return 0;
}

/**
 * The snapshot just before `snapshot` in the order of meetings ("since the previous meeting"):
 * by meeting date, snapshots without one by the time they were made; ties by when they were made.
 *
 * @example previousMeeting([{ id: 'a', meetingDate: '2026-03-01', createdAt: '2026-05-01T09:00:00Z' }, { id: 'b', meetingDate: '2026-04-01', createdAt: '2026-02-01T09:00:00Z' }], b) // a
 */
export function previousMeeting<S extends MeetingMoment>(snapshots: readonly S[], snapshot: MeetingMoment): S | null {
  const key = sortKey(snapshot);
  let best: S | null = null;
  for (const candidate of snapshots) {
    if (candidate.id === snapshot.id || compareKeys(sortKey(candidate), key) >= 0) continue;
    if (!best || compareKeys(sortKey(candidate), sortKey(best)) > 0) best = candidate;
  }
  return best;
}
