// npm run bench:import: a 5,000-row XLSX through the real import route, dry run and commit.
import { performance } from 'node:perf_hooks';
import { toTaskInput } from '../../server/contracts/tasks.js';
import { taskToRow } from '../../server/formats/planning-sheet.js';
import { writeXlsx } from '../../server/formats/sheet-files.js';
import { buildTestApp, clientAs } from '../helpers/app.js';
import { median, nationalTasks } from './national-data.js';

const ROWS = 5000;
const RUNS = 3;

const tasks = nationalTasks(1, ROWS, 11).map((task, index) => ({
  ...task,
  areaId: 'bench',
  partyId: 'bench-waterschap',
  externalRef: `B-${index}`,
}));
const workbook = await writeXlsx(tasks.map((task) => taskToRow(toTaskInput(task))));

async function post(app: Awaited<ReturnType<typeof buildTestApp>>, headers: Record<string, string>, dryRun: boolean) {
  const boundary = '----bench';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.xlsx"\r\n\r\n`),
    workbook,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const started = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: `/api/imports?dryRun=${dryRun}&partyId=bench-waterschap`,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  const elapsed = performance.now() - started;
  const body = response.json();
  if (response.statusCode !== 200 || body.created.length !== ROWS) throw new Error(`import failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
  return elapsed;
}

const dryRuns: number[] = [];
const commits: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const app = await buildTestApp();
  const admin = await clientAs(app);
  await admin.post('/api/parties', { id: 'bench-waterschap', name: 'Benchmark waterschap', kind: 'waterschap' });
  await admin.post('/api/areas', { id: 'bench', name: 'Benchmark' });
  dryRuns.push(await post(app, admin.headers, true));
  commits.push(await post(app, admin.headers, false));
  await app.close();
}
console.log(`workbook of ${(workbook.length / 1024).toFixed(0)} KiB`);
console.log(`import rows=${ROWS} dry_run_ms=${median(dryRuns).toFixed(0)} commit_ms=${median(commits).toFixed(0)}`);
