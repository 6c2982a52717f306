// npm run soak: durability under crashes. Writes through the API, SIGKILLs the real server at a
// random moment, restarts it on the same SQLite file and checks that every acknowledged write is
// still there; finally runs PRAGMA integrity_check. SOAK_CYCLES (default 20) sets the number of kills.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { ServerProcess } from '../helpers/server-process.js';

const CYCLES = Number.parseInt(process.env.SOAK_CYCLES ?? '20', 10);
if (!Number.isInteger(CYCLES) || CYCLES < 1) throw new Error(`SOAK_CYCLES must be a positive integer, got '${process.env.SOAK_CYCLES}'`);
const WRITERS = 4;
const KILL_AFTER_MS: readonly [number, number] = [50, 400];
const AREA = 'sterke-lekdijk';
const PARTY = 'hdsr';
const ACCOUNT = { email: 'hdsr@demo.local', password: 'demo' };
const RUN = Date.now().toString(36);

/** What the soak knows of a task it wrote: the last acknowledged state and any write in flight. */
interface Tracked {
  id: string;
  writer: number;
  version: number;
  title: string;
  /** A change sent but not acknowledged (the server died): it may or may not have landed. */
  pending: { version: number; title: string } | null;
  /** Versions acknowledged since the last check; each is one acked write. */
  ackedSinceCheck: number[];
}

const tracked = new Map<string, Tracked>();
const stats = { acked: 0, lost: 0, creates: 0, patches: 0, unackedLanded: 0, startMs: [] as number[] };
const failures: string[] = [];

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

let current: ServerProcess | null = null;

async function startServer(databasePath: string): Promise<ServerProcess> {
  const server = await ServerProcess.start({ DATABASE_PATH: databasePath, SEED_DEMO: 'true' });
  stats.startMs.push(server.startMs);
  return server;
}
process.on('exit', () => current?.child.kill('SIGKILL'));

async function request(server: ServerProcess, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
}

async function createToken(server: ServerProcess): Promise<string> {
  const origin = { origin: server.base };
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...origin },
    body: JSON.stringify(ACCOUNT),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const created = await fetch(`${server.base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...origin },
    body: JSON.stringify({ name: `soak ${RUN}` }),
  });
  if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

function versionOf(response: Response): number {
  const version = Number.parseInt((response.headers.get('etag') ?? '').replace(/"/g, ''), 10);
  if (!Number.isInteger(version)) throw new Error(`no ETag version in the answer (${response.headers.get('etag')})`);
  return version;
}

/**
 * One writer until the server is killed. It creates tasks and changes its own tasks' titles
 * (no two writers touch one task, so its model of each task is exact). A write counts as
 * acknowledged as soon as a 2xx status line arrives; the body is never needed.
 */
async function writer(server: ServerProcess, token: string, index: number, isKilling: () => boolean): Promise<void> {
  let sequence = 0;
  while (!isKilling()) {
    const own = [...tracked.values()].filter((task) => task.writer === index);
    const title = `soak ${RUN} w${index} #${++sequence}`;
    try {
      if (own.length < 3 || Math.random() < 0.25) {
        const response = await request(server, token, 'POST', '/api/tasks', {
          areaId: AREA,
          programme: 'OVERIG',
          kind: 'other',
          title,
          phases: [{ kind: 'realisatie', start: '2030-01', end: '2031-06' }],
        });
        if (response.status !== 201) throw new Error(`POST /api/tasks: ${response.status} ${await response.text()}`);
        const id = (response.headers.get('location') ?? '').replace('/api/tasks/', '');
        if (!id) throw new Error('POST /api/tasks: 201 without Location');
        const version = versionOf(response);
        tracked.set(id, { id, writer: index, version, title, pending: null, ackedSinceCheck: [version] });
        stats.acked++;
        stats.creates++;
        void response.body?.cancel();
      } else {
        const task = own[randomInt(0, own.length - 1)]!;
        task.pending = { version: task.version + 1, title };
        const response = await request(server, token, 'PATCH', `/api/tasks/${task.id}`, { title }, { 'if-match': `"${task.version}"` });
        if (response.status !== 200) throw new Error(`PATCH /api/tasks/${task.id}: ${response.status} ${await response.text()}`);
        const version = versionOf(response);
        if (version !== task.version + 1) throw new Error(`PATCH /api/tasks/${task.id}: version ${version}, expected ${task.version + 1}`);
        task.version = version;
        task.title = title;
        task.pending = null;
        task.ackedSinceCheck.push(version);
        stats.acked++;
        stats.patches++;
        void response.body?.cancel();
      }
    } catch (error) {
      // A dropped connection is what a kill looks like; anything else is a real failure.
      if (isKilling()) return;
      throw error;
    }
  }
}

/**
 * Compares what the restarted server holds with what was acknowledged. A task may be at its
 * acknowledged state or at the one write that was in flight when the server died; anything
 * older loses the acknowledged writes after it. The model then follows what is stored.
 */
function reconcile(task: Tracked, stored: { version: number; title: string } | null, cycle: number, how: string): void {
  const matchesAcked = stored !== null && stored.version === task.version && stored.title === task.title;
  const matchesPending = stored !== null && task.pending !== null && stored.version === task.pending.version && stored.title === task.pending.title;
  if (matchesPending) stats.unackedLanded++;
  if (!matchesAcked && !matchesPending) {
    const storedVersion = stored?.version ?? 0;
    const newerAcked = task.ackedSinceCheck.filter((version) => version > storedVersion).length;
    // A task checked before and now missing or changed lost at least that earlier acknowledged write.
    const lost = Math.max(newerAcked, 1);
    stats.lost += lost;
    failures.push(
      `cycle ${cycle} (${how}): task ${task.id} acked v${task.version} '${task.title}'` +
        `${task.pending ? ` (in flight v${task.pending.version} '${task.pending.title}')` : ''}` +
        `, stored ${stored ? `v${stored.version} '${stored.title}'` : 'nothing'}: ${lost} acked write(s) lost`,
    );
  }
  task.pending = null;
  task.ackedSinceCheck = [];
  if (stored === null) {
    tracked.delete(task.id);
  } else {
    task.version = stored.version;
    task.title = stored.title;
  }
}

async function verify(server: ServerProcess, token: string, cycle: number): Promise<void> {
  // Everything written in the killed cycle, one task at a time.
  const touched = [...tracked.values()].filter((task) => task.pending !== null || task.ackedSinceCheck.length > 0);
  for (const task of touched) {
    const response = await request(server, token, 'GET', `/api/tasks/${task.id}`);
    if (response.status === 404) {
      reconcile(task, null, cycle, 'GET');
    } else if (response.status === 200) {
      const body = (await response.json()) as { version: number; title: string };
      if (versionOf(response) !== body.version) throw new Error(`task ${task.id}: ETag and body version differ`);
      reconcile(task, body, cycle, 'GET');
    } else {
      throw new Error(`GET /api/tasks/${task.id}: ${response.status} ${await response.text()}`);
    }
  }
  // Everything written in earlier cycles, in one list: an earlier acknowledged write must not regress.
  const response = await request(server, token, 'GET', `/api/areas/${AREA}/tasks?partyId=${PARTY}`);
  if (response.status !== 200) throw new Error(`GET area tasks: ${response.status} ${await response.text()}`);
  const stored = new Map(((await response.json()) as { id: string; version: number; title: string }[]).map((task) => [task.id, task]));
  for (const task of [...tracked.values()]) reconcile(task, stored.get(task.id) ?? null, cycle, 'list');
  // Creates that landed although their answer never arrived: adopt them, so later cycles check them too.
  for (const task of stored.values()) {
    const match = new RegExp(`^soak ${RUN} w(\\d+) #\\d+$`).exec(task.title);
    if (match && !tracked.has(task.id)) {
      stats.unackedLanded++;
      tracked.set(task.id, { id: task.id, writer: Number(match[1]), version: task.version, title: task.title, pending: null, ackedSinceCheck: [] });
    }
  }
}

function integrityOf(path: string): { ok: boolean; detail: string } {
  const database = new SQLite(path);
  try {
    const integrity = database.pragma('integrity_check') as { integrity_check: string }[];
    const foreignKeys = database.pragma('foreign_key_check') as unknown[];
    const ok = integrity.length === 1 && integrity[0]!.integrity_check === 'ok' && foreignKeys.length === 0;
    return { ok, detail: `integrity_check=${integrity.map((row) => row.integrity_check).join('|')} foreign_key_violations=${foreignKeys.length}` };
  } finally {
    database.close();
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'gp-soak-'));
  const databasePath = join(folder, 'planning.sqlite');
  let token = '';
  try {
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      current = await startServer(databasePath);
      if (cycle === 1) token = await createToken(current);
      else await verify(current, token, cycle - 1);

      let killing = false;
      const server = current;
      const writers = Array.from({ length: WRITERS }, (_, index) => writer(server, token, index, () => killing));
      // A writer failing on a live server is a bug, not a crash: stop at once and report it.
      const failed = Promise.all(writers).then(() => 'done' as const);
      const delay = new Promise<'kill'>((resolve) => setTimeout(() => resolve('kill'), randomInt(...KILL_AFTER_MS)));
      const first = await Promise.race([failed, delay]);
      if (first !== 'kill') throw new Error('writers stopped before the kill');
      killing = true;
      await server.stop('SIGKILL');
      await Promise.all(writers);
      current = null;
    }
    // The last kill is checked on one more start, which then closes cleanly.
    current = await startServer(databasePath);
    await verify(current, token, CYCLES);
    await current.stop('SIGTERM');
    current = null;

    const integrity = integrityOf(databasePath);
    const starts = stats.startMs;
    const seconds = (performance.now() - started) / 1000;
    for (const failure of failures) console.error(`LOST ${failure}`);
    if (!integrity.ok) console.error(`integrity: ${integrity.detail}`);
    console.log(
      `soak detail: creates=${stats.creates} patches=${stats.patches} unacked_landed=${stats.unackedLanded} tracked=${tracked.size}` +
        ` start_ms_avg=${(starts.reduce((a, b) => a + b, 0) / starts.length).toFixed(0)} start_ms_max=${Math.max(...starts).toFixed(0)}` +
        ` wall_s=${seconds.toFixed(1)} ${integrity.detail}`,
    );
    const passed = stats.lost === 0 && integrity.ok;
    if (passed) rmSync(folder, { recursive: true, force: true });
    else console.error(`database kept for inspection: ${databasePath}`);
    console.log(`soak cycles=${CYCLES} acked=${stats.acked} lost=${stats.lost} integrity=${integrity.ok ? 'ok' : 'bad'}`);
    return passed ? 0 : 1;
  } catch (error) {
    console.error(`soak aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (current) console.error(`server output:\n${current.log}`);
    await current?.stop('SIGKILL');
    current = null;
    console.error(`database kept for inspection: ${databasePath}`);
    return 2;
  }
}

process.exitCode = await main();
