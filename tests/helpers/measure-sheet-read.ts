/**
 * Run in a child process: `node --expose-gc --import tsx tests/helpers/measure-sheet-read.ts <file>`.
 * Reads the file through readSheet, sampling the resident set meanwhile, and prints one JSON line:
 * `{ refused, rowsRead, rssGrowthBytes }`, the growth being the peak over the rss just before.
 */
import { readFile } from 'node:fs/promises';
import { readSheet, SheetFileError } from '../../server/formats/sheet-files.js';

const path = process.argv[2];
if (!path) throw new Error('usage: measure-sheet-read.ts <file>');
const bytes = await readFile(path);
globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const sampler = setInterval(sample, 1);
let refused: string | null = null;
let rowsRead: number | null = null;
try {
  await readSheet(bytes, path);
} catch (error) {
  if (!(error instanceof SheetFileError)) throw error;
  refused = error.message;
  rowsRead = error.rowsRead ?? null;
}
sample();
clearInterval(sampler);
console.log(JSON.stringify({ refused, rowsRead, rssGrowthBytes: peak - before }));
