import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { SHEET_HEADERS } from '../../server/formats/planning-sheet.js';
import { messageText } from '../../client/src/i18n.js';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
let planner: TestClient;
let editor: TestClient;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  planner = await clientAs(app, 'hdsr@demo.local');
  editor = await clientAs(app, 'rws-on@demo.local');
});
afterEach(() => app.close());

/** A multipart/form-data body with one file, as a browser sends an upload. */
function upload(client: TestClient, file: Buffer, name: string, dryRun: boolean) {
  const boundary = '----gebiedsplanner-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/imports?dryRun=${dryRun}`,
    headers: { ...client.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const csv = (rows: string[][]) => Buffer.from(rows.map((row) => row.join(';')).join('\r\n'));
const HEADER = ['externe_ref', 'gebied', 'programma', 'soort', 'titel', 'realisatie_start', 'realisatie_eind', 'grond_vraag_m3'];
const row = (ref: string, overrides: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    externe_ref: ref,
    gebied: 'sterke-lekdijk',
    programma: 'HWBP',
    soort: 'dike_reinforcement',
    titel: `Dijkvak ${ref}`,
    realisatie_start: '2035-01',
    realisatie_eind: '2036-12',
    grond_vraag_m3: '12.500',
    ...overrides,
  };
  return HEADER.map((header) => base[header]!);
};

async function tasksOf(partyId: string): Promise<TaskResponse[]> {
  return (await planner.get(`/api/areas/sterke-lekdijk/tasks?partyId=${partyId}`)).json();
}

describe('templates', () => {
  it('offers the layout as CSV and as a workbook with an explanation sheet', async () => {
    const template = await planner.get('/api/imports/template.csv');
    const [header, example, ...rest] = template.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toBe(SHEET_HEADERS.join(';'));
    expect(example).toMatch(/^VOORBEELD;/);
    expect(rest).toEqual([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await planner.get('/api/imports/template.xlsx')).rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['opgaven', 'uitleg']);
    expect(workbook.getWorksheet('uitleg')!.rowCount).toBe(SHEET_HEADERS.length + 1);
  });
});

describe('POST /api/imports', () => {
  it('previews creates with a dry run and writes nothing, then commits them in one go', async () => {
    const file = csv([HEADER, row('N1'), row('N2'), row('N3')]);
    const preview = await upload(planner, file, 'plan.csv', true);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, created: [{ row: 2, externalRef: 'N1' }, { row: 3 }, { row: 4 }], updated: [], errors: [] });
    expect((await tasksOf('hdsr')).length).toBe(6);
    const committed = await upload(planner, file, 'plan.csv', false);
    expect(committed.statusCode, committed.body).toBe(200);
    const tasks = await tasksOf('hdsr');
    expect(tasks.length).toBe(9);
    expect(tasks.find((task) => task.externalRef === 'N2')).toMatchObject({ soilDemandM3: 12_500, partyId: 'hdsr' });
  });

  it('writes nothing at all when one row in the middle is wrong, naming row, column and value in Dutch and English', async () => {
    const file = csv([HEADER, row('N1'), row('N2', { realisatie_start: '2035-13' }), row('N3')]);
    const preview = (await upload(planner, file, 'plan.csv', true)).json();
    expect(preview.errors).toEqual([
      { row: 3, column: 'realisatie_start', value: '2035-13', messageCode: 'import_cell_not_month', messageParams: { row: 3, column: 'realisatie_start', value: '2035-13' } },
    ]);
    expect(messageText(preview.errors[0].messageCode, preview.errors[0].messageParams, 'nl')).toBe(
      'Regel 3, kolom realisatie_start: ‘2035-13’ is geen maand; schrijf jaar en maand als JJJJ-MM, bijvoorbeeld 2031-03.',
    );
    expect(messageText(preview.errors[0].messageCode, preview.errors[0].messageParams, 'en')).toBe(
      'Row 3, column realisatie_start: ‘2035-13’ is not a month; write year and month as YYYY-MM, e.g. 2031-03.',
    );
    const refused = expectProblem(await upload(planner, file, 'plan.csv', false), 422, 'rule_violation') as unknown as { cellErrors: unknown[] };
    expect(refused.cellErrors).toHaveLength(1);
    expect((await tasksOf('hdsr')).length).toBe(6);
  });

  it('updates by externe_ref instead of duplicating, listing the fields that change', async () => {
    const file = csv([HEADER, row('SLD-SAL', { titel: 'Salmsteke (dijk) aangepast', realisatie_start: '2023-06', realisatie_eind: '2024-12', grond_vraag_m3: '60000' })]);
    const preview = (await upload(planner, file, 'plan.csv', true)).json();
    expect(preview.created).toEqual([]);
    expect(preview.updated[0].changes.map((change: { field: string }) => change.field)).toEqual(
      expect.arrayContaining(['title', 'phases', 'dikeTrajectId', 'urgencyRank']),
    );
    expect((await upload(planner, file, 'plan.csv', false)).statusCode).toBe(200);
    const salmsteke = (await tasksOf('hdsr')).find((task) => task.externalRef === 'SLD-SAL')!;
    expect(salmsteke).toMatchObject({ title: 'Salmsteke (dijk) aangepast', version: 2 });
    expect((await tasksOf('hdsr')).length).toBe(6);
  });

  it('round-trips an export unchanged, CSV and XLSX, with formula-like text neutralised and restored', async () => {
    const salmsteke = (await tasksOf('hdsr')).find((task) => task.externalRef === 'SLD-SAL')!;
    const changed = await planner.patch(`/api/tasks/${salmsteke.id}`, { title: '=1+1 Salmsteke', description: '@team; "let op"' }, { 'if-match': '"1"' });
    expect(changed.statusCode).toBe(200);
    const exportedCsv = (await planner.get('/api/areas/sterke-lekdijk/export.csv')).body;
    expect(exportedCsv).toContain(`'=1+1 Salmsteke`);
    expect(exportedCsv).not.toMatch(/(^|;)=1\+1/m);
    for (const [file, name] of [
      [Buffer.from(exportedCsv), 'export.csv'],
      [(await planner.get('/api/areas/sterke-lekdijk/export.xlsx')).rawPayload, 'export.xlsx'],
    ] as const) {
      const result = (await upload(planner, file, name, true)).json();
      expect(result, name).toMatchObject({ created: [], updated: [], errors: [], skippedOtherParties: 5 });
      expect(result.unchanged, name).toHaveLength(6);
    }
  });

  it('lets another party import rows with the same references without touching this party’s tasks', async () => {
    const before = await tasksOf('hdsr');
    const file = csv([[...HEADER, 'partij'], [...row('SLD-SAL', { programma: 'KRW', soort: 'river_measure' }), ''], [...row('SLD-WAM'), 'hdsr']]);
    const result = (await upload(editor, file, 'plan.csv', false)).json();
    expect(result).toMatchObject({ created: [{ externalRef: 'SLD-SAL' }], skippedOtherParties: 1 });
    expect(await tasksOf('hdsr')).toEqual(before);
    expect((await tasksOf('rws-on')).some((task) => task.externalRef === 'SLD-SAL')).toBe(true);
  });
});

describe('bad files', () => {
  async function refused(file: Buffer, name: string, pattern: RegExp) {
    const body = expectProblem(await upload(planner, file, name, true), 400, 'validation');
    expect(body.detail).toMatch(pattern);
    expect((await tasksOf('hdsr')).length).toBe(6);
  }

  it('refuses files that are neither CSV nor XLSX, or not UTF-8', async () => {
    await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'image.png', /neither CSV nor Excel/);
    await refused(csv([HEADER, row('T1')]), 'plan.txt', /neither CSV nor Excel/);
    await refused(Buffer.from('externe_ref;gebied\r\nr1;Geb\xe9d', 'latin1'), 'latin1.csv', /not UTF-8/);
  });

  it('names missing required and unknown columns', async () => {
    await refused(csv([['externe_ref', 'gebied'], ['a', 'b']]), 'missing.csv', /required columns are missing: programma, soort, titel, realisatie_start, realisatie_eind/);
    await refused(csv([[...HEADER, 'budgethouder'], [...row('a'), 'x']]), 'unknown.csv', /unknown columns: budgethouder/);
  });

  it('reports duplicate references and refuses to commit them', async () => {
    const file = csv([HEADER, row('D1'), row('D1')]);
    const preview = (await upload(planner, file, 'dup.csv', true)).json();
    expect(preview.errors).toEqual([expect.objectContaining({ row: 3, column: 'externe_ref', value: 'D1' })]);
    expectProblem(await upload(planner, file, 'dup.csv', false), 422, 'rule_violation');
  });

  it('refuses more than 5,000 rows and more than 10 MB', async () => {
    const many = csv([HEADER, ...Array.from({ length: 5001 }, (_, index) => row(`R${index}`))]);
    await refused(many, 'many.csv', /more than 5000 rows/);
    const huge = Buffer.concat([Buffer.from(`${HEADER.join(';')}\r\n`), Buffer.alloc(11 * 1024 * 1024, 'x')]);
    expectProblem(await upload(planner, huge, 'huge.csv', true), 413, 'payload_too_large');
  });

  it('refuses a zip bomb disguised as XLSX before unpacking it', async () => {
    const real = Buffer.from((await planner.get('/api/imports/template.xlsx')).rawPayload);
    // Claim an enormous unpacked size for every entry in the central directory.
    for (let offset = real.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); offset >= 0; offset = real.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), offset + 4)) {
      real.writeUInt32LE(0xfffffff0, offset + 24);
    }
    await refused(real, 'bomb.xlsx', /unpacks to an unreasonable size/);
  });
});
