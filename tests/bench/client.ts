// npm run bench:client: an area of 500 generated tasks in headless Chromium, first render and filter times.
import { performance } from 'node:perf_hooks';
import { toTaskInput, toTaskDraft } from '../../server/contracts/tasks.js';
import { insertArea } from '../../server/db/repositories/areas.js';
import { insertParty } from '../../server/db/repositories/parties.js';
import { insertTask } from '../../server/db/repositories/tasks.js';
import { PAIRS_RENDERED_MARK, TIMELINE_RENDERED_MARK } from '../../client/src/marks.js';
import { launchChromium, signIn, startServer } from '../helpers/browser.js';
import { median, nationalTasks } from './national-data.js';

const TASKS = 500;
const RUNS = 5;

const { app, baseUrl } = await startServer();
const context = { actor: { id: 'bench', label: 'bench', partyId: null, role: 'admin' as const }, requestId: null, now: new Date().toISOString() };
const tasks = nationalTasks(1, TASKS, 7).map((task) => ({ ...task, areaId: 'bench' }));
await app.db.transaction().execute(async (trx) => {
  await insertArea(trx, { id: 'bench', name: 'Benchmark', description: null }, context);
  for (const partyId of new Set(tasks.map((task) => task.partyId))) {
    await insertParty(trx, { id: partyId, name: `Partij ${partyId}`, kind: 'overig' }, context);
  }
  for (const task of tasks) await insertTask(trx, toTaskDraft(toTaskInput(task)), context);
});
// A municipality- or province-sized party: its rows unfold when the filter leaves only them.
const filterParty = tasks.find((task) => task.partyId.startsWith('party-'))!.partyId;
const expectedRows = tasks.filter((task) => task.partyId === filterParty).length;

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
  const [rendered, pairsShown] = await page.evaluate(
    (marks) => marks.map((mark) => performance.getEntriesByName(mark)[0]!.startTime),
    [TIMELINE_RENDERED_MARK, PAIRS_RENDERED_MARK],
  );
  if ((await page.locator('.vis-label.party-group').count()) === 0) throw new Error('the timeline drew no rows');

  const filterStarted = performance.now();
  await page.locator('#filter-party').selectOption(filterParty);
  await page.waitForFunction(
    (count) => document.querySelectorAll('.vis-label.task-row').length === count,
    expectedRows,
    { polling: 'raf' },
  );
  const filtered = performance.now();
  if (run === 0) continue; // warm-up: caches and JIT
  renderTimes.push(rendered!);
  pairTimes.push(pairsShown!);
  filterTimes.push(filtered - filterStarted);
}
await browser.close();
await app.close();
console.log(`pairs panel filled after ${median(pairTimes).toFixed(0)} ms (median)`);
console.log(`client tasks=${TASKS} first_render_ms=${median(renderTimes).toFixed(0)} filter_ms=${median(filterTimes).toFixed(0)}`);
