// npm run bench:alignments: the detector over a national-scale data set, against a plain sort as the floor.
import { performance } from 'node:perf_hooks';
import { detectAlignments } from '../../server/domain/alignment.js';
import { realisationPhase } from '../../server/domain/tasks.js';
import { groupByArea, median, nationalTasks } from './national-data.js';

const AREAS = 500;
const TASKS_PER_AREA = 100;
const RUNS = 5;

const tasks = nationalTasks(AREAS, TASKS_PER_AREA);
const areas = [...groupByArea(tasks).values()];
const realisations = tasks.map(realisationPhase);

let pairs = 0;
const detectTimes: number[] = [];
const sortTimes: number[] = [];
for (let run = 0; run < RUNS + 1; run++) {
  const detectStart = performance.now();
  let found = 0;
  for (const areaTasks of areas) found += detectAlignments(areaTasks).pairs.length;
  const detectMs = performance.now() - detectStart;

  const sortStart = performance.now();
  const sorted = realisations.slice().sort((a, b) => a.start - b.start);
  const sortMs = performance.now() - sortStart;
  if (sorted.length !== tasks.length) throw new Error('sort lost intervals');

  // The first run warms the JIT and is not counted.
  if (run === 0) continue;
  pairs = found;
  detectTimes.push(detectMs);
  sortTimes.push(sortMs);
}

const detectMs = median(detectTimes);
const sortMs = median(sortTimes);
console.log(
  `alignments tasks=${tasks.length} areas=${areas.length} pairs=${pairs} detect_ms=${detectMs.toFixed(1)} sort_ms=${sortMs.toFixed(1)} ratio=${(detectMs / sortMs).toFixed(2)}`,
);
