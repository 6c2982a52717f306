import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs } from '../helpers/app.js';
import { ARTIFACTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signIn(page, baseUrl, 'wl@demo.local');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('importing a planning sheet in Chromium', { timeout: 60_000 }, () => {
  it('uploads the template filled with three tasks, previews them, commits, and shows them on the timeline', async () => {
    const api = await clientAs(app, 'wl@demo.local');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await api.get('/api/imports/template.xlsx')).rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('opgaven')!;
    const titles = ['Importtoets Velden-Noord', 'Importtoets Lottum-Oost', 'Importtoets Arcen-Zuid'];
    // Column keys are not stored in the file: restore them from the header row, as a user fills cells by header.
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    sheet.columns = headers.map((header) => ({ header, key: header }));
    titles.forEach((title, index) =>
      sheet.addRow({
        externe_ref: `IMP-${index + 1}`,
        gebied: 'vierwaarden',
        programma: 'HWBP',
        soort: 'dike_reinforcement',
        titel: title,
        realisatie_start: `203${index}-01`,
        realisatie_eind: `203${index + 1}-06`,
        venster_vroegste_start: '2028-01',
        venster_laatste_eind: '2040-12',
        grond_vraag_m3: 50_000,
        grondsoort: 'klei',
      }),
    );
    const path = `${ARTIFACTS}import-three-tasks.xlsx`;
    await workbook.xlsx.writeFile(path);

    await page.goto(`${baseUrl}/#/import`);
    await page.locator('#import-file').setInputFiles(path);
    await page.locator('.import-preview-button').click();
    await page.locator('.import-preview tbody tr').first().waitFor();
    expect(await page.locator('.import-preview tbody tr', { hasText: 'nieuw' }).count()).toBe(3);
    expect(await page.locator('.import-errors').count()).toBe(0);
    await screenshot(page, 'import-preview');
    await page.locator('.import-commit').click();
    await page.locator('.import-done', { hasText: '3 nieuw' }).waitFor();

    await page.goto(`${baseUrl}/#/gebied/vierwaarden`);
    await page.locator('#filter-search').fill('Importtoets');
    for (const title of titles) await page.locator('.group-title', { hasText: title }).waitFor();
    await screenshot(page, 'import-on-timeline');
  });

  it('highlights the wrong cells and keeps the commit button off', async () => {
    const file = Buffer.from('externe_ref;gebied;programma;soort;titel;realisatie_start;realisatie_eind\r\nX1;vierwaarden;HWBP;dike_reinforcement;Fout;2030-13;2031-01\r\n');
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/import`);
    await page.locator('#import-file').setInputFiles({ name: 'fout.csv', mimeType: 'text/csv', buffer: file });
    await page.locator('.import-preview-button').click();
    await page.locator('.import-errors .cell-error', { hasText: 'realisatie_start' }).waitFor();
    expect(await page.locator('.import-commit').isDisabled()).toBe(true);
  });
});
