import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CreateAreaBody } from '../server/contracts/areas.js';
import { PartySchema } from '../server/contracts/parties.js';
import { TaskInput, toTaskDraft } from '../server/contracts/tasks.js';
import type { Db, Executor } from '../server/db/database.js';
import { upsertDikeTrajects } from '../server/db/repositories/dike-trajects.js';
import { countTasks, insertTask } from '../server/db/repositories/tasks.js';
import type { DikeTrajectRow } from '../server/db/schema.js';
import { parseCsvObjects } from '../server/formats/csv.js';

const SEED_ACTOR = 'seed';
const DEMO_SEEDED_KEY = 'demo_seeded_at';

const DemoData = z.strictObject({
  sources: z.array(z.string()),
  parties: z.array(PartySchema),
  areas: z.array(CreateAreaBody),
  tasks: z.array(TaskInput),
});
export type DemoData = z.infer<typeof DemoData>;

function dataFile(name: string): string {
  return readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');
}

function integerOrNull(text: string): number | null {
  return text === '' ? null : Number.parseInt(text, 10);
}

/** The national trajectory table as rows, from the copy of `shared/data/dijktrajecten.csv`. */
export function readDikeTrajectRows(): DikeTrajectRow[] {
  return parseCsvObjects(dataFile('dijktrajecten.csv')).map((record) => ({
    id: record.traject_id!,
    dijkring: record.dijkring!,
    norm_type: record.normtype!,
    // The source writes a missing norm as 0; it stays missing here, never "1/0".
    signaling_return_period_years: integerOrNull(record.signaleringswaarde_terugkeertijd_jaar!) || null,
    lower_limit_return_period_years: integerOrNull(record.ondergrens_terugkeertijd_jaar!) || null,
    length_km: record.lengte_km === '' ? null : Number(record.lengte_km),
    type: record.type || null,
    water_boards: JSON.stringify(record.waterschappen ? record.waterschappen.split('; ') : []),
    nbpw_version: Number(record.nbpw_versie),
    registered_on: record.nbpw_versie_registratiedatum!,
    remark: record.opmerking || null,
  }));
}

/** Loads (or refreshes) all national dike trajectories in one transaction. Runs on every start. */
export async function loadNationalDikeTrajects(db: Db): Promise<number> {
  const rows = readDikeTrajectRows();
  await db.transaction().execute((trx) => upsertDikeTrajects(trx, rows));
  return rows.length;
}

export function readDemoData(): DemoData {
  return DemoData.parse(JSON.parse(dataFile('demo.json')));
}

async function insertDemo(trx: Executor, demo: DemoData, now: string): Promise<void> {
  for (const party of demo.parties) {
    await trx.insertInto('parties').values({ ...party, created_at: now, updated_at: now }).onConflict((c) => c.doNothing()).execute();
  }
  for (const area of demo.areas) {
    await trx
      .insertInto('areas')
      .values({ id: area.id, name: area.name, description: area.description ?? null, created_at: now, updated_at: now })
      .onConflict((c) => c.doNothing())
      .execute();
  }
  for (const task of demo.tasks) await insertTask(trx, toTaskDraft(task), SEED_ACTOR, now);
  await trx.insertInto('app_meta').values({ key: DEMO_SEEDED_KEY, value: now }).execute();
}

/**
 * Seeds the demo areas, all in one transaction, into a database that holds no tasks and was
 * never seeded: a restart does not seed twice, and a planner who cleared the demo keeps it cleared.
 * Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Db, now: string): Promise<boolean> {
  const demo = readDemoData();
  return db.transaction().execute(async (trx) => {
    const seeded = await trx.selectFrom('app_meta').select('value').where('key', '=', DEMO_SEEDED_KEY).executeTakeFirst();
    if (seeded || (await countTasks(trx)) > 0) return false;
    await insertDemo(trx, demo, now);
    return true;
  });
}
