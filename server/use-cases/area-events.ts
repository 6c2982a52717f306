import type { Executor } from '../db/database.js';
import { areaEventBounds } from '../db/repositories/area-events.js';
import { getArea } from '../db/repositories/areas.js';

export { listAreaEventsAfter, AREA_EVENTS_CHANNEL, type AreaEvent } from '../db/repositories/area-events.js';

/**
 * Where a live screen of an area starts: after the event it saw last (`Last-Event-ID`), when every
 * event since is still kept; after the area's newest event when it names none. When it missed more
 * than is kept (or names an event the area never had) it must `reload` the area, and then goes on
 * after the newest event.
 */
export async function replayStart(db: Executor, areaId: string, lastSeen: number | undefined): Promise<{ after: number; reload: boolean }> {
  await getArea(db, areaId);
  const { last, oldestKept } = await areaEventBounds(db, areaId);
  if (lastSeen === undefined || lastSeen === last) return { after: last, reload: false };
  const kept = lastSeen < last && oldestKept !== null && oldestKept <= lastSeen + 1;
  return kept ? { after: lastSeen, reload: false } : { after: last, reload: true };
}
