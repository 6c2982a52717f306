import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../server/contracts/common.js';
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

/** Validator wording that must never reach a user: zod's, the task rules' English, and raw codes. */
const RAW_VALIDATOR_TEXT = /Invalid option|expected one of|Invalid input|Too (big|small)|expected a month|overlaps phase|must not be|is only for|is required|ongeldige waarde/i;

/** Every full header of the sheet, in template order, for the columns these rows use. */
function sheetOf(rows: Record<string, string>[]): Buffer {
  const headers = SHEET_HEADERS.filter((header) => rows.some((row) => header in row));
  return csv([headers, ...rows.map((cells) => headers.map((header) => cells[header] ?? ''))]);
}

const good = (overrides: Record<string, string> = {}): Record<string, string> => ({
  externe_ref: 'G1',
  gebied: 'sterke-lekdijk',
  programma: 'HWBP',
  soort: 'dijkversterking',
  titel: 'Dijkvak G1',
  planuitwerking_start: '',
  planuitwerking_eind: '',
  realisatie_start: '2035-01',
  realisatie_eind: '2036-12',
  venster_vroegste_start: '',
  venster_laatste_eind: '',
  grond_vraag_m3: '12.500',
  km_van: '',
  km_tot: '',
  lengte_km: '',
  urgentie: '',
  dijktraject: '',
  ...overrides,
});

describe('what an import says about a wrong cell, in Dutch and English', () => {
  const long = 'x'.repeat(201);
  const cases: { rule: string; cells: Record<string, string>; column: string; nl: string; en: string }[] = [
    { rule: 'a required cell is empty', cells: { titel: '' }, column: 'titel', nl: 'Regel 2, kolom titel: deze cel is leeg, maar verplicht.', en: 'Row 2, column titel: this cell is empty but required.' },
    { rule: 'a text is too long', cells: { titel: long }, column: 'titel', nl: `Regel 2, kolom titel: ‘${long}’ is te lang; hoogstens 200 tekens.`, en: `Row 2, column titel: ‘${long}’ is too long; at most 200 characters.` },
    {
      rule: 'a month is not a month',
      cells: { realisatie_start: '2035-13' },
      column: 'realisatie_start',
      nl: 'Regel 2, kolom realisatie_start: ‘2035-13’ is geen maand; schrijf jaar en maand als JJJJ-MM, bijvoorbeeld 2031-03.',
      en: 'Row 2, column realisatie_start: ‘2035-13’ is not a month; write year and month as YYYY-MM, e.g. 2031-03.',
    },
    {
      rule: 'a month lies outside the planning',
      cells: { realisatie_start: '1999-12' },
      column: 'realisatie_start',
      nl: 'Regel 2, kolom realisatie_start: 1999-12 ligt buiten de planning; kies een maand van 2000-01 tot en met 2100-12.',
      en: 'Row 2, column realisatie_start: 1999-12 lies outside the planning; choose a month from 2000-01 to 2100-12.',
    },
    {
      rule: 'a number is not a number',
      cells: { grond_vraag_m3: 'veel' },
      column: 'grond_vraag_m3',
      nl: 'Regel 2, kolom grond_vraag_m3: ‘veel’ is geen getal; schrijf bijvoorbeeld 12500 of 12.500,5.',
      en: 'Row 2, column grond_vraag_m3: ‘veel’ is not a number; write e.g. 12500 or 12.500,5.',
    },
    {
      rule: 'a number lies outside its range',
      cells: { grond_vraag_m3: '-5' },
      column: 'grond_vraag_m3',
      nl: 'Regel 2, kolom grond_vraag_m3: -5 ligt niet tussen 0 en 1.000.000.000.',
      en: 'Row 2, column grond_vraag_m3: -5 does not lie between 0 and 1,000,000,000.',
    },
    {
      rule: 'a length is not above zero',
      cells: { lengte_km: '0' },
      column: 'lengte_km',
      nl: 'Regel 2, kolom lengte_km: 0 moet groter zijn dan 0 en hoogstens 1.000.',
      en: 'Row 2, column lengte_km: 0 must be more than 0 and at most 1,000.',
    },
    {
      rule: 'an urgency is not a whole number',
      cells: { urgentie: '2,5' },
      column: 'urgentie',
      nl: 'Regel 2, kolom urgentie: ‘2,5’ moet een geheel getal zijn van 1 tot en met 100.000.',
      en: 'Row 2, column urgentie: ‘2,5’ must be a whole number from 1 to 100,000.',
    },
    {
      rule: 'a coded cell holds an unknown value',
      cells: { soort: 'natur' },
      column: 'soort',
      nl: 'Regel 2, kolom soort: ‘natur’ kent het sjabloon niet; kies uit: Dijkversterking, Riviermaatregel, Natuur, Infrastructuur, Ruimtelijke ontwikkeling, Overig.',
      en: 'Row 2, column soort: the template does not know ‘natur’; choose from: Dike reinforcement, River measure, Nature, Infrastructure, Spatial development, Other.',
    },
    {
      rule: 'a phase has a start but no end',
      cells: { planuitwerking_start: '2033-01' },
      column: 'planuitwerking_eind',
      nl: 'Regel 2, kolom planuitwerking_eind: deze cel is leeg terwijl planuitwerking_start is ingevuld; vul beide in of laat beide leeg.',
      en: 'Row 2, column planuitwerking_eind: this cell is empty while planuitwerking_start is filled in; fill in both or leave both empty.',
    },
    {
      rule: 'a phase ends before it starts',
      cells: { realisatie_start: '2036-01', realisatie_eind: '2035-12' },
      column: 'realisatie_eind',
      nl: 'Regel 2, kolom realisatie_eind: 2035-12 ligt vóór realisatie_start (2036-01); het einde is dezelfde maand of later.',
      en: 'Row 2, column realisatie_eind: 2035-12 lies before realisatie_start (2036-01); the end is the same month or later.',
    },
    {
      rule: 'a phase overlaps the one before',
      cells: { planuitwerking_start: '2033-01', planuitwerking_eind: '2035-06' },
      column: 'realisatie_start',
      nl: 'Regel 2, kolom realisatie_start: 2035-01 valt niet na planuitwerking_eind (2035-06); een fase begint na het einde van de vorige.',
      en: 'Row 2, column realisatie_start: 2035-01 does not come after planuitwerking_eind (2035-06); a phase starts after the previous one ends.',
    },
    {
      rule: 'a window ends before it starts',
      cells: { venster_vroegste_start: '2034-01', venster_laatste_eind: '2033-12' },
      column: 'venster_laatste_eind',
      nl: 'Regel 2, kolom venster_laatste_eind: 2033-12 ligt vóór venster_vroegste_start (2034-01); het einde is dezelfde maand of later.',
      en: 'Row 2, column venster_laatste_eind: 2033-12 lies before venster_vroegste_start (2034-01); the end is the same month or later.',
    },
    {
      rule: 'an HWBP window ends after 2049',
      cells: { venster_vroegste_start: '2030-01', venster_laatste_eind: '2050-06' },
      column: 'venster_laatste_eind',
      nl: 'Regel 2, kolom venster_laatste_eind: een HWBP-venster eindigt uiterlijk 2049-12, niet 2050-06.',
      en: 'Row 2, column venster_laatste_eind: an HWBP window ends by 2049-12, not 2050-06.',
    },
    {
      rule: 'an urgency is given to a task outside HWBP',
      cells: { programma: 'KRW', soort: 'natuur', urgentie: '3' },
      column: 'urgentie',
      nl: 'Regel 2, kolom urgentie: urgentie 3 hoort alleen bij HWBP-opgaven, niet bij KRW; laat de cel leeg.',
      en: 'Row 2, column urgentie: urgency 3 is for HWBP tasks only, not KRW; leave the cell empty.',
    },
    {
      rule: 'river kilometres go down',
      cells: { km_van: '950', km_tot: '940' },
      column: 'km_tot',
      nl: 'Regel 2, kolom km_tot: 940 ligt vóór km_van (950); de kilometrering loopt op.',
      en: 'Row 2, column km_tot: 940 lies before km_van (950); river kilometres go up.',
    },
    {
      rule: 'a length is given to a task that is not a dike reinforcement',
      cells: { programma: 'KRW', soort: 'Natuur', lengte_km: '2' },
      column: 'lengte_km',
      nl: 'Regel 2, kolom lengte_km: een lengte (2) hoort alleen bij een dijkversterking; laat de cel leeg of kies soort Dijkversterking.',
      en: 'Row 2, column lengte_km: a length (2) is for dike reinforcements only; leave the cell empty or choose kind Dike reinforcement.',
    },
    {
      rule: 'the area does not exist',
      cells: { gebied: 'Sterke Lekdijk' },
      column: 'gebied',
      nl: 'Regel 2, kolom gebied: gebied ‘Sterke Lekdijk’ bestaat niet; gebruik de id van een gebied, bijvoorbeeld sterke-lekdijk.',
      en: 'Row 2, column gebied: area ‘Sterke Lekdijk’ does not exist; use the id of an area, e.g. sterke-lekdijk.',
    },
    {
      rule: 'the dike trajectory is not in the national table',
      cells: { dijktraject: '999-9' },
      column: 'dijktraject',
      nl: 'Regel 2, kolom dijktraject: dijktraject ‘999-9’ staat niet in de landelijke tabel; schrijf bijvoorbeeld 44-1.',
      en: 'Row 2, column dijktraject: dike trajectory ‘999-9’ is not in the national table; write e.g. 44-1.',
    },
  ];

  it.each(cases)('names row, column, value and what is right when $rule', async ({ cells, column, nl, en }) => {
    const preview = await upload(planner, sheetOf([good(cells)]), 'plan.csv', true);
    expect(preview.statusCode, preview.body).toBe(200);
    const [error, ...more] = preview.json().errors;
    expect(more, JSON.stringify(more)).toEqual([]);
    expect(error).toMatchObject({ row: 2, column, value: (good(cells)[column] ?? '').trim() });
    expect(messageText(error.messageCode, error.messageParams, 'nl')).toBe(nl);
    expect(messageText(error.messageCode, error.messageParams, 'en')).toBe(en);
    expect(preview.body).not.toMatch(RAW_VALIDATOR_TEXT);
  });

  it('says so when an externe_ref appears twice, naming the other row', async () => {
    const preview = (await upload(planner, sheetOf([good(), good({ titel: 'Nog eens' })]), 'plan.csv', true)).json();
    expect(preview.errors).toHaveLength(1);
    const [error] = preview.errors;
    expect(messageText(error.messageCode, error.messageParams, 'nl')).toBe('Regel 3, kolom externe_ref: ‘G1’ staat ook in regel 2; elke opgave heeft een eigen externe_ref.');
    expect(messageText(error.messageCode, error.messageParams, 'en')).toBe('Row 3, column externe_ref: ‘G1’ is also in row 2; every task has its own externe_ref.');
  });

  it('imports a sheet written with the Dutch labels the interface shows, in any case', async () => {
    const rows = [
      good({ externe_ref: 'NL1', soort: 'dijkversterking', grondsoort: 'Klei' } as Record<string, string>),
      good({ externe_ref: 'NL2', programma: 'krw', soort: 'natuur', titel: 'Natuurvriendelijke oever', grondsoort: 'zand' } as Record<string, string>),
      good({ externe_ref: 'NL3', programma: 'Gemeente', soort: 'Ruimtelijke ontwikkeling', titel: 'Woonwijk aan de dijk', grondsoort: 'overig' } as Record<string, string>),
      good({ externe_ref: 'NL4', programma: 'IRM', soort: 'river_measure', titel: 'Nevengeul', grondsoort: 'CLAY' } as Record<string, string>),
    ];
    const committed = await upload(planner, sheetOf(rows), 'plan.csv', false);
    expect(committed.statusCode, committed.body).toBe(200);
    const byRef = new Map((await tasksOf('hdsr')).map((task) => [task.externalRef, task]));
    expect(byRef.get('NL1')).toMatchObject({ kind: 'dike_reinforcement', soilType: 'klei' });
    expect(byRef.get('NL2')).toMatchObject({ programme: 'KRW', kind: 'nature', soilType: 'zand' });
    expect(byRef.get('NL3')).toMatchObject({ programme: 'GEMEENTE', kind: 'spatial_development', soilType: 'overig' });
    expect(byRef.get('NL4')).toMatchObject({ programme: 'IRM', kind: 'river_measure', soilType: 'klei' });
  });
});

describe('what an import says about a file it refuses, in Dutch and English', () => {
  async function refusal(file: Buffer, name: string) {
    const body = expectProblem(await upload(planner, file, name, true), 400, 'validation') as unknown as Pick<Problem, 'messageCode' | 'messageParams'>;
    expect(JSON.stringify(body)).not.toMatch(/ongeldige waarde|Invalid option/);
    return {
      nl: messageText(body.messageCode!, body.messageParams, 'nl'),
      en: messageText(body.messageCode!, body.messageParams, 'en'),
    };
  }
  const template = async () => Buffer.from((await planner.get('/api/imports/template.xlsx')).rawPayload);

  it('refuses a .txt file even when it holds CSV', async () => {
    expect(await refusal(sheetOf([good()]), 'plan.txt')).toEqual({
      nl: '‘plan.txt’ is geen CSV- of Excel-bestand. Kies een bestand dat eindigt op .csv of .xlsx (bijvoorbeeld het sjabloon).',
      en: '‘plan.txt’ is not a CSV or Excel file. Choose a file ending in .csv or .xlsx (the template, for instance).',
    });
  });

  it('refuses an .xlsx that is not a workbook', async () => {
    expect(await refusal(sheetOf([good()]), 'plan.xlsx')).toEqual({
      nl: '‘plan.xlsx’ heet .xlsx maar is geen Excel-werkmap. Sla het in Excel op als “Excel-werkmap (.xlsx)”, of als “CSV UTF-8” met de naam .csv.',
      en: '‘plan.xlsx’ is named .xlsx but is not an Excel workbook. Save it in Excel as “Excel Workbook (.xlsx)”, or as “CSV UTF-8” named .csv.',
    });
  });

  it('refuses a .csv that is a workbook', async () => {
    expect(await refusal(await template(), 'plan.csv')).toEqual({
      nl: '‘plan.csv’ heet .csv maar is geen tekstbestand. Sla het op als “CSV UTF-8 (.csv)”, of kies het .xlsx-bestand.',
      en: '‘plan.csv’ is named .csv but is not a text file. Save it as “CSV UTF-8 (.csv)”, or choose the .xlsx file.',
    });
  });

  it('refuses a CSV that is not UTF-8', async () => {
    expect(await refusal(Buffer.from('externe_ref;gebied\r\nr1;Geb\xe9d', 'latin1'), 'latin1.csv')).toEqual({
      nl: '‘latin1.csv’ is geen UTF-8-tekst. Sla het op als “CSV UTF-8 (.csv)” of als Excel-werkmap (.xlsx).',
      en: '‘latin1.csv’ is not UTF-8 text. Save it as “CSV UTF-8 (.csv)” or as an Excel workbook (.xlsx).',
    });
  });

  it('refuses a damaged workbook', async () => {
    const damaged = await template();
    expect(await refusal(damaged.subarray(0, damaged.length - 30), 'kapot.xlsx')).toEqual({
      nl: '‘kapot.xlsx’ is een beschadigd Excel-bestand. Open en bewaar het opnieuw in Excel, of gebruik het sjabloon.',
      en: '‘kapot.xlsx’ is a damaged Excel file. Open and save it again in Excel, or use the template.',
    });
  });

  it('names unknown and missing columns', async () => {
    expect(await refusal(csv([[...HEADER, 'budgethouder'], [...row('a'), 'x']]), 'plan.csv')).toEqual({
      nl: 'Onbekende kolom(men): budgethouder. Gebruik de kolomnamen van het sjabloon (zie het tabblad ‘uitleg’).',
      en: 'Unknown column(s): budgethouder. Use the column names of the template (see the ‘uitleg’ sheet).',
    });
    expect(await refusal(csv([['externe_ref', 'gebied'], ['a', 'b']]), 'plan.csv')).toEqual({
      nl: 'Verplichte kolom(men) ontbreken: programma; soort; titel; realisatie_start; realisatie_eind. Neem de kolomkoppen van het sjabloon over.',
      en: 'Required column(s) missing: programma; soort; titel; realisatie_start; realisatie_eind. Copy the column headers of the template.',
    });
  });

  it('refuses more than 5,000 rows, saying how many it found', async () => {
    expect(await refusal(csv([HEADER, ...Array.from({ length: 5001 }, (_, index) => row(`R${index}`))]), 'veel.csv')).toEqual({
      nl: 'Het bestand heeft 5001 regels; er passen er hoogstens 5000 in één import. Splits het bestand.',
      en: 'The file has 5001 rows; one import takes at most 5000. Split the file.',
    });
  });
});

describe('the XLSX template', () => {
  it('has an example row that the import skips, drop-down lists for the coded columns, and month cells read back as months', async () => {
    const bytes = Buffer.from((await planner.get('/api/imports/template.xlsx')).rawPayload);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('opgaven')!;
    const column = (header: string) => SHEET_HEADERS.indexOf(header) + 1;
    const example = sheet.getRow(2);
    expect(example.getCell(column('externe_ref')).value).toBe('VOORBEELD');
    expect(example.getCell(column('externe_ref')).note).toBeTruthy();
    expect(example.getCell(column('soort')).value).toBe('Dijkversterking');

    // Drop-downs: lists of the Dutch names, on the example row and far below it.
    for (const [header, choices] of [
      ['soort', 'Dijkversterking,Riviermaatregel,Natuur,Infrastructuur,Ruimtelijke ontwikkeling,Overig'],
      ['programma', 'HWBP,KRW,IRM,Provincie,Gemeente,Overig'],
      ['grondsoort', 'klei,zand,overig'],
    ] as const) {
      for (const rowNumber of [2, 3, 5001]) {
        expect(sheet.getRow(rowNumber).getCell(column(header)).dataValidation, `${header} ${rowNumber}`).toMatchObject({ type: 'list', formulae: [`"${choices}"`] });
      }
    }

    // Month cells are dates Excel shows as months.
    const start = example.getCell(column('realisatie_start'));
    expect(start.value).toEqual(new Date(Date.UTC(2030, 2, 1)));
    expect(start.numFmt).toBe('yyyy-mm');
    expect(sheet.getColumn(column('venster_laatste_eind')).numFmt).toBe('yyyy-mm');

    // A filled-in template: the example row stays, a new row has date cells, and the import reads them as months.
    sheet.getRow(3).values = SHEET_HEADERS.map((header) =>
      ({
        externe_ref: 'TPL-1',
        gebied: 'sterke-lekdijk',
        programma: 'KRW',
        soort: 'Natuur',
        titel: 'Natuuroever uit het sjabloon',
        realisatie_start: new Date(Date.UTC(2031, 2, 1)),
        realisatie_eind: new Date(Date.UTC(2032, 9, 15)),
        grondsoort: 'zand',
        // Number cells with three decimals stay fractions (not Dutch thousands).
        km_van: 952.125,
        km_tot: 955.5,
      })[header as string] ?? null,
    ) as ExcelJS.CellValue[];
    sheet.getRow(3).getCell(column('realisatie_start')).numFmt = 'yyyy-mm';
    sheet.getRow(3).getCell(column('realisatie_eind')).numFmt = 'yyyy-mm';
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = (await upload(planner, filled, 'sjabloon.xlsx', true)).json();
    expect(preview).toMatchObject({ skippedExampleRows: [2], errors: [], created: [{ row: 3, externalRef: 'TPL-1', areaId: 'sterke-lekdijk' }] });
    expect((await upload(planner, filled, 'sjabloon.xlsx', false)).statusCode).toBe(200);
    const imported = (await tasksOf('hdsr')).find((task) => task.externalRef === 'TPL-1')!;
    expect(imported).toMatchObject({ kind: 'nature', soilType: 'zand', kmFrom: 952.125, kmTo: 955.5, phases: [{ kind: 'realisatie', start: '2031-03', end: '2032-10' }] });
    expect((await tasksOf('hdsr')).some((task) => task.externalRef === 'VOORBEELD')).toBe(false);
  });

  it('skips the example row of the CSV template too', async () => {
    const template = (await planner.get('/api/imports/template.csv')).body;
    const preview = (await upload(planner, Buffer.from(template), 'sjabloon.csv', true)).json();
    expect(preview).toMatchObject({ skippedExampleRows: [2], created: [], updated: [], errors: [] });
  });
});
