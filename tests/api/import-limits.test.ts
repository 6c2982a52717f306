import type { FastifyInstance } from 'fastify';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importSlots, MAX_PARALLEL_IMPORTS } from '../../server/use-cases/imports.js';
import { MAX_SHEET_ROWS, readSheet, SheetFileError } from '../../server/formats/sheet-files.js';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';
import { writeRowBomb } from '../helpers/xlsx-row-bomb.js';

// Written from the issue, not from the code: 5,000 rows below the header are allowed, so
// refusing needs one more, and no more than that should be read.
const MOST_ROWS_READ = 5_001;
const MEMORY_GROWTH_LIMIT = 50 * 1024 * 1024;

let directory: string;
let bomb: { path: string; bytes: Buffer };
let app: FastifyInstance;
let planner: TestClient;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'import-limits-'));
  bomb = await writeRowBomb(directory, 300_000);
});
afterAll(() => rm(directory, { recursive: true, force: true }));

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  planner = await clientAs(app, 'hdsr@demo.local');
});
afterEach(() => app.close());

function upload(file: Buffer, name: string) {
  const boundary = '----import-limits-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/imports?dryRun=false',
    headers: { ...planner.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const validCsv = Buffer.from(
  'externe_ref;gebied;programma;soort;titel;realisatie_start;realisatie_eind\r\nLIM-1;sterke-lekdijk;HWBP;dike_reinforcement;Dijkvak LIM-1;2035-01;2036-12\r\n',
);

async function refusalOf(bytes: Buffer): Promise<SheetFileError> {
  const refusal = await readSheet(bytes, 'sheet.xlsx').then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refusal).toBeInstanceOf(SheetFileError);
  return refusal as SheetFileError;
}

async function hdsrTaskCount(): Promise<number> {
  return (await planner.get('/api/areas/sterke-lekdijk/tasks?partyId=hdsr')).json().length;
}

describe('an XLSX row bomb (300,000 rows in a small file)', () => {
  it('is small enough to pass the upload and unpacked-size checks', () => {
    expect(bomb.bytes.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('is refused with a 400 problem and nothing is written', async () => {
    const before = await hdsrTaskCount();
    const body = expectProblem(await upload(bomb.bytes, 'bomb.xlsx'), 400, 'validation');
    expect(body.detail).toMatch(/more than 5000 rows/);
    expect(await hdsrTaskCount()).toBe(before);
  });

  it('is refused after reading at most the first 5,001 rows below the header', async () => {
    const refusal = await refusalOf(bomb.bytes);
    expect(refusal.message).toMatch(/more than 5000 rows/);
    expect(refusal.rowsRead).toBeGreaterThan(5_000);
    expect(refusal.rowsRead).toBeLessThanOrEqual(MOST_ROWS_READ);
  });

  it('grows a fresh process by less than 50 MB while it is read and refused', async () => {
    const script = fileURLToPath(new URL('../helpers/measure-sheet-read.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script, bomb.path], { env: { ...process.env, TZ: 'UTC' } });
    const measured = JSON.parse(stdout.trim().split('\n').at(-1)!) as { refused: string | null; rowsRead: number | null; rssGrowthBytes: number };
    expect(measured.refused).toMatch(/more than 5000 rows/);
    expect(measured.rowsRead).toBeLessThanOrEqual(MOST_ROWS_READ);
    expect(measured.rssGrowthBytes).toBeLessThan(MEMORY_GROWTH_LIMIT);
  });
});

describe('an XLSX of blank formatted rows', () => {
  it('is refused once it holds more rows than any sheet needs, without reading to its end', async () => {
    const blank = await writeRowBomb(directory, MAX_SHEET_ROWS + 50_000, 'blank');
    const refusal = await refusalOf(blank.bytes);
    expect(refusal.message).toMatch(new RegExp(`more than ${MAX_SHEET_ROWS} rows, empty ones included`));
    expect(refusal.rowsRead).toBe(MAX_SHEET_ROWS + 1);
  });

  it('reads fewer blank rows to the end without refusing them', async () => {
    const blank = await writeRowBomb(directory, 1_000, 'blank');
    await expect(readSheet(blank.bytes, 'blank.xlsx')).rejects.toThrow(/required columns are missing/);
  });
});

describe('imports running in parallel', () => {
  afterEach(() => expect(importSlots.taken).toBe(0));

  it('answers 503 busy with Retry-After to every import while all slots are taken, writing nothing', async () => {
    const held = Array.from({ length: MAX_PARALLEL_IMPORTS }, () => importSlots.tryTake()!);
    try {
      expect(importSlots.tryTake()).toBeUndefined();
      const before = await hdsrTaskCount();
      const answers = await Promise.all(Array.from({ length: MAX_PARALLEL_IMPORTS + 2 }, () => upload(validCsv, 'plan.csv')));
      for (const answer of answers) {
        const body = expectProblem(answer, 503, 'busy') as { retryAfter?: number };
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
        expect(body.retryAfter).toBe(Number(answer.headers['retry-after']));
      }
      expect(await hdsrTaskCount()).toBe(before);
    } finally {
      for (const release of held) release();
    }
    expect((await upload(validCsv, 'plan.csv')).statusCode).toBe(200);
  });

  it('lets one more import run while a single slot is free, then refuses the next', async () => {
    const held = Array.from({ length: MAX_PARALLEL_IMPORTS - 1 }, () => importSlots.tryTake()!);
    try {
      expect((await upload(validCsv, 'plan.csv')).statusCode).toBe(200);
      const last = importSlots.tryTake()!;
      expectProblem(await upload(validCsv, 'plan.csv'), 503, 'busy');
      last();
    } finally {
      for (const release of held) release();
    }
  });

  it('answers each of many bombs sent at once with 400 or 503, never 5xx, and frees every slot', async () => {
    const answers = await Promise.all(Array.from({ length: MAX_PARALLEL_IMPORTS + 3 }, () => upload(bomb.bytes, 'bomb.xlsx')));
    for (const answer of answers) {
      expect([400, 503], answer.body).toContain(answer.statusCode);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('frees the slot when an import fails', async () => {
    expectProblem(await upload(Buffer.from('not;a\r\nsheet;file\r\n'), 'bad.csv'), 400, 'validation');
    expect(importSlots.taken).toBe(0);
  });
});
