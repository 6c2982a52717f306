// npm run bench:overview: the real server over HTTP on SQLite with the national data set (50,000
// tasks in 500 areas): GET /api/overview and GET /api/programmes/<the party with most tasks>,
// first ever (nothing kept), cold (right after a task write, so every kept answer is stale) and
// warm (asked again, nothing changed). Prints one line per endpoint and state, then the final
// line `overview tasks=.. cold_ms=.. warm_ms=..`: the worse median of the two endpoints.
// Targets (issue 14): cold at most 300 ms, warm at most 20 ms.
// OVERVIEW_BENCH_ROUNDS overrides the number of writes (cold samples) and warm samples.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { apiToken, loadNationalData, startServer } from './api.js';
import { median, nationalTasks } from './national-data.js';

const AREAS = 500;
const TASKS_PER_AREA = 100;
const ROUNDS = Number(process.env.OVERVIEW_BENCH_ROUNDS ?? 10);

async function main(): Promise<void> {
  const tasks = nationalTasks(AREAS, TASKS_PER_AREA);
  const perParty = new Map<string, number>();
  for (const task of tasks) perParty.set(task.partyId, (perParty.get(task.partyId) ?? 0) + 1);
  const [largest, largestCount] = [...perParty].reduce((a, b) => (b[1] > a[1] ? b : a));
  const folder = mkdtempSync(join(tmpdir(), 'gp-bench-overview-'));
  const server = await (async () => {
    const config = { kind: 'sqlite' as const, path: join(folder, 'planning.sqlite') };
    await loadNationalData(config, tasks, async () => {});
    return startServer({ DATABASE_PATH: config.path });
  })();
  try {
    const token = await apiToken(server.base);
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
    const timed = async (path: string): Promise<{ ms: number; bytes: number }> => {
      const started = performance.now();
      const response = await fetch(`${server.base}${path}`, { headers });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body)}`);
      return { ms: performance.now() - started, bytes: body.byteLength };
    };
    const endpoints = [
      { name: 'overview', path: '/api/overview' },
      { name: `programme(${largest}, ${largestCount} tasks)`, path: `/api/programmes/${largest}` },
    ];
    for (const endpoint of endpoints) {
      const first = await timed(endpoint.path);
      console.log(`first ${endpoint.name} ms=${first.ms.toFixed(1)} kb=${(first.bytes / 1024).toFixed(0)} (nothing kept yet: every area read and detected)`);
    }

    // A task write through the API, as a planner makes one: its area's data version moves on.
    const written = tasks.find((task) => task.kind === 'dike_reinforcement')!;
    let lengthKm = written.lengthKm!;
    const cold = new Map<string, number[]>(endpoints.map((endpoint) => [endpoint.name, []]));
    const warm = new Map<string, number[]>(endpoints.map((endpoint) => [endpoint.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const current = await fetch(`${server.base}/api/tasks/${written.id}`, { headers });
      const etag = current.headers.get('etag')!;
      lengthKm = lengthKm === written.lengthKm ? lengthKm + 1 : written.lengthKm!;
      const patched = await fetch(`${server.base}/api/tasks/${written.id}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ lengthKm }),
      });
      if (patched.status !== 200) throw new Error(`write: ${patched.status} ${await patched.text()}`);
      for (const endpoint of endpoints) cold.get(endpoint.name)!.push((await timed(endpoint.path)).ms);
      for (const endpoint of endpoints) for (let again = 0; again < 5; again++) warm.get(endpoint.name)!.push((await timed(endpoint.path)).ms);
    }
    for (const endpoint of endpoints) {
      const coldMs = cold.get(endpoint.name)!;
      const warmMs = warm.get(endpoint.name)!;
      console.log(
        `${endpoint.name} cold p50_ms=${median(coldMs).toFixed(1)} max_ms=${Math.max(...coldMs).toFixed(1)} warm p50_ms=${median(warmMs).toFixed(1)} max_ms=${Math.max(...warmMs).toFixed(1)} (${ROUNDS} writes)`,
      );
    }
    const coldMs = Math.max(...endpoints.map((endpoint) => median(cold.get(endpoint.name)!)));
    const warmMs = Math.max(...endpoints.map((endpoint) => median(warm.get(endpoint.name)!)));
    console.log(`overview tasks=${tasks.length} cold_ms=${coldMs.toFixed(1)} warm_ms=${warmMs.toFixed(1)}`);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
