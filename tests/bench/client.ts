// npm run bench:client: an area of 500 generated tasks in headless Chromium, every row unfolded:
// first render and filter change, each measured in the page until the browser painted (a
// requestAnimationFrame after the timeline's `changed` event).
import { performance } from 'node:perf_hooks';
import { toTaskInput, toTaskDraft } from '../../server/contracts/tasks.js';
import { insertArea } from '../../server/db/repositories/areas.js';
import { insertParty } from '../../server/db/repositories/parties.js';
import { insertTask } from '../../server/db/repositories/tasks.js';
import { FILTER_PAINTED_MARK, FILTER_STARTED_MARK, PAIRS_RENDERED_MARK, TIMELINE_RENDERED_MARK } from '../../client/src/marks.js';
import { launchChromium, signIn, startServer } from '../helpers/browser.js';
import { median, nationalTasks } from './national-data.js';
import { monthInNetherlands } from '../../server/domain/months.js';

const TASKS = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const { app, baseUrl } = await startServer();
const context = { actor: { id: 'bench', label: 'bench', partyId: null, role: 'admin' as const }, requestId: null, now: new Date().toISOString(), month: monthInNetherlands(new Date()) };
const tasks = nationalTasks(1, TASKS, 7).map((task) => ({ ...task, areaId: 'bench' }));
await app.db.transaction().execute(async (trx) => {
  await insertArea(trx, { id: 'bench', name: 'Benchmark', description: null }, context);
  for (const partyId of new Set(tasks.map((task) => task.partyId))) {
    await insertParty(trx, { id: partyId, name: `Partij ${partyId}`, kind: 'overig' }, context);
  }
  for (const task of tasks) await insertTask(trx, toTaskDraft(toTaskInput(task)), context);
});
// Filter to the party with the most tasks (at least 100).
const perParty = new Map<string, number>();
for (const task of tasks) perParty.set(task.partyId, (perParty.get(task.partyId) ?? 0) + 1);
const [filterParty, expectedRows] = [...perParty].sort((a, b) => b[1] - a[1])[0]!;
if (expectedRows < 100) throw new Error(`the largest party has only ${expectedRows} tasks; the benchmark filters one of at least 100`);

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await signIn(page, baseUrl, 'admin@test.local', 'admin-password');

const renderTimes: number[] = [];
const filterTimes: number[] = [];
const pairTimes: number[] = [];
for (let run = 0; run < RUNS + 1; run++) {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/bench`);
  // First render: from navigation start until the timeline stands with its rows (a large area starts
  // with its party rows folded), as the page itself marks it; then until the pairs are listed.
  await page.locator('.pair-row').first().waitFor();
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, TIMELINE_RENDERED_MARK);
  const [rendered, pairsShown] = await page.evaluate(
    (marks) => marks.map((mark) => performance.getEntriesByName(mark)[0]!.startTime),
    [TIMELINE_RENDERED_MARK, PAIRS_RENDERED_MARK],
  );
  if ((await page.locator('.vis-label.party-group').count()) === 0) throw new Error('the timeline drew no rows');
  if ((await page.locator('.vis-label.party-group.folded').count()) > 0) throw new Error('party rows are folded: the benchmark measures every row unfolded');
  const rows = await page.locator('.vis-label.task-row').count();
  if (rows !== TASKS) throw new Error(`the timeline drew ${rows} task rows, not ${TASKS}`);

  await page.locator('#filter-party').selectOption(filterParty);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FILTER_PAINTED_MARK);
  const filterMs = await page.evaluate(
    ([started, painted]) => performance.getEntriesByName(painted!)[0]!.startTime - performance.getEntriesByName(started!)[0]!.startTime,
    [FILTER_STARTED_MARK, FILTER_PAINTED_MARK],
  );
  const shownRows = await page.locator('.vis-label.task-row').count();
  if (shownRows !== expectedRows) throw new Error(`the filter left ${shownRows} task rows, not ${expectedRows}`);
  if (run === 0) continue; // warm-up: caches and JIT
  renderTimes.push(rendered!);
  pairTimes.push(pairsShown!);
  filterTimes.push(filterMs);
}
await browser.close();
await app.close();
console.log(`pairs panel filled after ${median(pairTimes).toFixed(0)} ms (median)`);
console.log(`filtered party ${filterParty}: ${expectedRows} tasks`);
console.log(`client tasks=${TASKS} first_render_ms=${median(renderTimes).toFixed(0)} filter_ms=${median(filterTimes).toFixed(0)} folded=false`);
