import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs } from '../helpers/app.js';
import { violations } from '../helpers/axe.js';
import { ARTIFACTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  browser = await launchChromium();
  // Bypassing the Content-Security-Policy lets axe be put into the page.
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
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
    // The template's example row is read past, and the page says so.
    expect(await page.locator('.import-example-skipped').textContent()).toBe('Regel 2 is het voorbeeld uit het sjabloon en is overgeslagen.');
    await screenshot(page, 'import-preview');
    await page.locator('.import-commit').click();
    await page.locator('.import-done', { hasText: '3 nieuw' }).waitFor();

    // After the commit a link leads to the area imported into.
    const areaLink = page.locator('.import-areas a', { hasText: 'Vierwaarden' });
    await areaLink.waitFor();
    await screenshot(page, 'import-done');
    await areaLink.click();
    await page.waitForURL(/#\/gebied\/vierwaarden$/);
    await page.locator('#filter-search').fill('Importtoets');
    for (const title of titles) await page.locator('.group-title', { hasText: title }).waitFor();
    await screenshot(page, 'import-on-timeline');
  });

  it('highlights the wrong cells in Dutch (and in English), with a commit button that looks off', async () => {
    const file = Buffer.from(
      'externe_ref;gebied;programma;soort;titel;realisatie_start;realisatie_eind\r\n' +
        'X1;vierwaarden;HWBP;dijkversterking;Fout;2030-13;2031-01\r\n' +
        'X2;vierwaarden;KRW;natur;Oever;2030-01;2031-01\r\n',
    );
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/import`);
    const commit = page.locator('.import-commit');
    const looks = () => commit.evaluate((button) => ({ background: getComputedStyle(button).backgroundColor, cursor: getComputedStyle(button).cursor }));
    // Off before any preview, and it looks it: not the dark blue of an active primary button.
    expect(await commit.isDisabled()).toBe(true);
    expect(await looks()).toEqual({ background: 'rgb(230, 230, 230)', cursor: 'not-allowed' });
    await page.locator('#import-file').setInputFiles({ name: 'fout.csv', mimeType: 'text/csv', buffer: file });
    await page.locator('.import-preview-button').click();
    await page.locator('.import-errors .cell-error', { hasText: 'realisatie_start' }).waitFor();
    const messages = await page.locator('.import-errors tbody td:last-child').allTextContents();
    expect(messages).toEqual([
      'Regel 2, kolom realisatie_start: ‘2030-13’ is geen maand; schrijf jaar en maand als JJJJ-MM, bijvoorbeeld 2031-03.',
      'Regel 3, kolom soort: ‘natur’ kent het sjabloon niet; kies uit: Dijkversterking, Riviermaatregel, Natuur, Infrastructuur, Ruimtelijke ontwikkeling, Overig.',
    ]);
    expect(await commit.isDisabled()).toBe(true);
    expect(await looks()).toEqual({ background: 'rgb(230, 230, 230)', cursor: 'not-allowed' });
    for (const width of [1280, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `import-errors-${width}`);
    }
    expect(await violations(page)).toEqual([]);

    await page.locator('.language-switch button', { hasText: 'English' }).click();
    await page.locator('h1', { hasText: 'Import planning' }).waitFor();
    await page.locator('#import-file').setInputFiles({ name: 'fout.csv', mimeType: 'text/csv', buffer: file });
    await page.locator('.import-preview-button').click();
    await page.locator('.import-errors .cell-error').first().waitFor();
    expect(await page.locator('.import-errors tbody td:last-child').first().textContent()).toBe(
      'Row 2, column realisatie_start: ‘2030-13’ is not a month; write year and month as YYYY-MM, e.g. 2031-03.',
    );
    await page.locator('.language-switch button', { hasText: 'Nederlands' }).click();
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('refuses a .txt file with a message that says what to choose instead', async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/import`);
    await page.locator('#import-file').setInputFiles({ name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('externe_ref;gebied\r\n') });
    await page.locator('.import-preview-button').click();
    await page.locator('.error-message').waitFor();
    expect(await page.locator('.error-message').textContent()).toBe(
      '‘plan.txt’ is geen CSV- of Excel-bestand. Kies een bestand dat eindigt op .csv of .xlsx (bijvoorbeeld het sjabloon).',
    );
  });
});
