// npm run bench:ledger: the soil ledgers of all 500 areas of the 50,000-task national data set,
// with the default storage horizon and key figures. The target is at most 100 ms for all of them.
import { performance } from 'node:perf_hooks';
import { DEFAULT_LEDGER_SETTINGS, soilLedger } from '../../server/domain/soil-ledger.js';
import { groupByArea, median, nationalTasks } from './national-data.js';

const RUNS = 5;
const tasks = nationalTasks(500, 100);
const areas = [...groupByArea(tasks).values()];

const times: number[] = [];
let months = 0;
let reusedM3 = 0;
for (let run = 0; run < RUNS + 1; run++) {
  const started = performance.now();
  let monthCount = 0;
  let reused = 0;
  for (const areaTasks of areas) {
    const ledger = soilLedger(areaTasks, DEFAULT_LEDGER_SETTINGS);
    monthCount += ledger.months.length;
    reused += ledger.total.reusedM3;
  }
  const elapsed = performance.now() - started;
  // The first run warms the JIT and is not counted.
  if (run === 0) continue;
  times.push(elapsed);
  months = monthCount;
  reusedM3 = reused;
}

console.log(`ledger months=${months} reused_m3=${Math.round(reusedM3)} runs_ms=${times.map((time) => time.toFixed(1)).join(',')}`);
console.log(`ledger areas=${areas.length} tasks=${tasks.length} ledger_ms=${median(times).toFixed(1)}`);
