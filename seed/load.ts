import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CreateAreaBody } from '../server/contracts/areas.js';
import { PartySchema } from '../server/contracts/parties.js';
import { CapacityRuleSchema } from '../server/contracts/scenarios.js';
import { UserSchema } from '../server/contracts/users.js';
import { TaskInput, toTaskDraft } from '../server/contracts/tasks.js';
import { type Db, type Executor, writeTransaction } from '../server/db/database.js';
import { monthInNetherlands } from '../server/domain/months.js';
import { upsertDikeTrajects } from '../server/db/repositories/dike-trajects.js';
import { findArea, insertArea } from '../server/db/repositories/areas.js';
import type { WriteContext } from '../server/db/repositories/audit.js';
import { insertCapacityRule } from '../server/db/repositories/capacity-rules.js';
import { findParty, insertParty } from '../server/db/repositories/parties.js';
import { countTasks, insertTask } from '../server/db/repositories/tasks.js';
import { countUsers, findUserRowByEmail, insertUser } from '../server/db/repositories/users.js';
import type { Actor } from '../server/domain/permissions.js';
import type { DikeTrajectRow } from '../server/db/schema.js';
import { parseCsvObjects } from '../server/formats/csv.js';

/** Start-up writes are audited as this system actor. */
const SEED_ACTOR: Actor = Object.freeze({ id: 'system:seed', label: 'seed', partyId: null, role: 'admin' });
const DEMO_SEEDED_KEY = 'demo_seeded_at';
/** Every demo account's password: demo mode shows it on the login page. */
export const DEMO_PASSWORD = 'demo';

/** The demo accounts as the login page lists them. */
export function demoAccounts(demo: DemoData) {
  return { password: DEMO_PASSWORD, accounts: demo.users };
}

const DemoData = z.strictObject({
  sources: z.array(z.string()),
  parties: z.array(PartySchema),
  areas: z.array(CreateAreaBody),
  users: z.array(UserSchema.pick({ email: true, name: true, partyId: true, role: true })),
  capacityRules: z.array(CapacityRuleSchema.omit({ id: true })),
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
  await writeTransaction(db, (trx) => upsertDikeTrajects(trx, rows));
  return rows.length;
}

export function readDemoData(): DemoData {
  return DemoData.parse(JSON.parse(dataFile('demo.json')));
}

function seedContext(now: string): WriteContext {
  return { actor: SEED_ACTOR, requestId: null, now, month: monthInNetherlands(new Date(now)) };
}

async function insertDemo(trx: Executor, demo: DemoData, now: string): Promise<void> {
  for (const party of demo.parties) {
    if (!(await findParty(trx, party.id))) await insertParty(trx, party, seedContext(now));
  }
  for (const area of demo.areas) {
    if (!(await findArea(trx, area.id))) await insertArea(trx, { ...area, description: area.description ?? null }, seedContext(now));
  }
  for (const task of demo.tasks) await insertTask(trx, toTaskDraft(task), seedContext(now));
  for (const rule of demo.capacityRules) await insertCapacityRule(trx, rule, seedContext(now));
  await trx.insertInto('app_meta').values({ key: DEMO_SEEDED_KEY, value: now }).execute();
}

/**
 * Seeds the demo areas, all in one transaction, into a database that holds no tasks and was
 * never seeded: a restart does not seed twice, and a planner who cleared the demo keeps it cleared.
 * Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Db, demo: DemoData, now: string): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const seeded = await trx.selectFrom('app_meta').select('value').where('key', '=', DEMO_SEEDED_KEY).executeTakeFirst();
    if (seeded || (await countTasks(trx)) > 0) return false;
    await insertDemo(trx, demo, now);
    return true;
  });
}

/**
 * Gives every demo party an account, plus an area director, a read-only viewer and an admin,
 * all with the password `demo`, when the database has no users at all.
 */
export async function seedDemoUsersIfNone(db: Db, demo: DemoData, now: string): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    if ((await countUsers(trx)) > 0) return false;
    const parties = new Set((await trx.selectFrom('parties').select('id').execute()).map((party) => party.id));
    const areas = (await trx.selectFrom('areas').select('id').execute()).map((area) => area.id);
    for (const user of demo.users) {
      if (user.partyId !== null && !parties.has(user.partyId)) continue;
      const created = await insertUser(trx, { ...user, password: DEMO_PASSWORD }, seedContext(now));
      // The demo director directs every demo area, so the area-scoped rights can be tried at once.
      if (created.role === 'area_director' && areas.length > 0) {
        await trx
          .insertInto('area_directors')
          .values(areas.map((areaId) => ({ area_id: areaId, user_id: created.id, assigned_at: now })))
          .execute();
      }
    }
    return true;
  });
}

/**
 * Creates the configured admin if no user has that email, then refuses an installation that
 * nobody could sign in to.
 */
export async function ensureAdmin(db: Db, admin: { email: string; password: string } | null, now: string): Promise<void> {
  if (admin && !(await findUserRowByEmail(db, admin.email))) {
    await writeTransaction(db, (trx) => insertUser(trx, { email: admin.email, name: 'Beheerder', partyId: null, role: 'admin', password: admin.password }, seedContext(now)));
  }
  if ((await countUsers(db)) === 0) {
    throw new Error(
      'no user can sign in: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin (or SEED_DEMO=true for demo accounts)',
    );
  }
}
