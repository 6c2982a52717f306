import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../server/contracts/snapshots.js';
import type { SoilLedgerResponse } from '../../server/contracts/soil.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { formatMonth } from '../../client/src/i18n.js';
import { clientAs, type TestClient } from '../helpers/app.js';
import { violations } from '../helpers/axe.js';
import { ARTIFACTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let director: TestClient;
let planner: TestClient;
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  director = await clientAs(app, 'regisseur@demo.local');
  planner = await clientAs(app, 'wl@demo.local');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const SOIL_TYPES = ['klei', 'zand', 'overig'] as const;
const TYPE_NAMES = { klei: 'klei', zand: 'zand', overig: 'overig' } as const;
/** Whole m³ written the Dutch way, as a reader of the tab expects them. */
const m3 = (value: number) => `${new Intl.NumberFormat('nl-NL').format(Math.round(value))} m³`;
const euro = (value: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);

/** A page signed in as this user, at this width: one sign-in per user (sign-in is rate-limited). */
async function pageAs(email: string, width: number): Promise<Page> {
  let context = contexts.get(email);
  if (!context) {
    context = await browser.newContext({ viewport: { width, height: 1000 }, bypassCSP: true });
    await signIn(await context.newPage(), baseUrl, email);
    contexts.set(email, context);
  }
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 1000 });
  return page;
}

async function openSoilTab(page: Page, areaId: string): Promise<void> {
  await page.goto(`${baseUrl}/#/gebied/${areaId}`);
  await page.locator('.vis-item').first().waitFor();
  await page.locator('#tab-soil').click();
  await page.locator('.soil-panel .soil-chart svg').first().waitFor();
}

const typesInUse = (ledger: SoilLedgerResponse) => SOIL_TYPES.filter((type) => ledger.byType[type].releasedM3 > 0 || ledger.byType[type].neededM3 > 0);

/** The totals table's rows as the reader sees them: type name, then its figures. */
async function totalsTableRows(page: Page, scope: string): Promise<string[][]> {
  await page.locator(`${scope} .soil-tables summary`).click();
  return page.locator(`${scope} .soil-totals-table tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())),
  );
}

function expectedTotalsRows(ledger: SoilLedgerResponse): string[][] {
  const figures = (totals: SoilLedgerResponse['total']) =>
    [totals.releasedM3, totals.neededM3, totals.reusedM3, totals.broughtInM3, totals.cartedOffM3, totals.peakStorageM3].map(m3);
  return [...typesInUse(ledger).map((type) => [TYPE_NAMES[type], ...figures(ledger.byType[type])]), ['Totaal', ...figures(ledger.total)]];
}

async function totalValue(page: Page, key: string): Promise<string> {
  return (await page.locator(`.soil-panel .soil-total-${key} .soil-total-value`).textContent())!.trim();
}

describe('the Grond tab in Chromium', { timeout: 120_000 }, () => {
  for (const areaId of ['meanderende-maas', 'vierwaarden', 'sterke-lekdijk']) {
    it(`draws ${areaId}'s soil ledger per type, and its tables list the API's totals`, async () => {
      const ledger: SoilLedgerResponse = (await director.get(`/api/areas/${areaId}/soil-ledger`)).json();
      const tasks: TaskResponse[] = (await director.get(`/api/areas/${areaId}/tasks`)).json();
      const title = (id: string) => tasks.find((task) => task.id === id)!.title;
      const page = await pageAs('regisseur@demo.local', 1600);
      await openSoilTab(page, areaId);
      expect(await page.locator('.soil-panel .soil-type-chart h4').allTextContents()).toEqual(typesInUse(ledger));
      // Every chart is a picture with words, and the bars are there.
      for (const chart of await page.locator('.soil-panel .soil-chart svg').all()) {
        expect(await chart.getAttribute('role')).toBe('img');
        expect(await chart.getAttribute('aria-label')).toMatch(/per maand/);
        expect(await chart.locator('rect').count()).toBeGreaterThan(10);
      }
      expect(await totalValue(page, 'reused')).toBe(m3(ledger.total.reusedM3));
      expect(await totalValue(page, 'broughtIn')).toBe(m3(ledger.total.broughtInM3));
      expect(await totalValue(page, 'cartedOff')).toBe(m3(ledger.total.cartedOffM3));
      expect(await totalValue(page, 'saving')).toBe(euro(ledger.value.savingEur));
      expect(await totalValue(page, 'lorryLoads')).toBe(new Intl.NumberFormat('nl-NL').format(Math.round(ledger.value.lorryLoadsAvoided)));
      expect(await page.locator('.soil-panel .soil-total-saving .soil-total-how').textContent()).toContain(`× € ${ledger.settings.savingEurPerM3} per m³`);

      // The keyboard picks a month: the first in which anything happens, then the last.
      await page.locator('.soil-panel .soil-month-picker').focus();
      const first = ledger.rows.find((row) => row.releasingTaskIds.length + row.needingTaskIds.length > 0)!;
      const detail = page.locator('.soil-panel .soil-month-detail');
      await expect.poll(() => detail.locator('.soil-month-title').textContent()).toBe(formatMonth(first.month, 'nl'));
      for (const id of [...first.releasingTaskIds, ...first.needingTaskIds]) expect(await detail.textContent()).toContain(title(id));
      await page.keyboard.press('End');
      const last = ledger.rows[ledger.rows.length - 1]!;
      await expect.poll(() => detail.locator('.soil-month-title').textContent()).toBe(formatMonth(last.month, 'nl'));
      for (const id of last.needingTaskIds) expect(await detail.textContent()).toContain(title(id));
      // The picked month is marked on the timeline too.
      await page.locator('.vis-custom-time.soil-month').waitFor({ state: 'attached' });

      // Hovering a month names that month's tasks.
      const chart = page.locator('.soil-panel .soil-chart').first();
      const box = (await chart.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
      const hovered = (await detail.locator('.soil-month-title').textContent())!;
      const row = ledger.rows.find((candidate) => formatMonth(candidate.month, 'nl') === hovered)!;
      expect(row, hovered).toBeDefined();
      for (const id of [...row.releasingTaskIds, ...row.needingTaskIds]) expect(await detail.textContent()).toContain(title(id));
      await expect.poll(() => page.locator('.soil-panel .soil-month-band:not([hidden])').count()).toBe(typesInUse(ledger).length);
      await screenshot(page, `soil-${areaId}-1600`);

      expect(await totalsTableRows(page, '.soil-panel')).toEqual(expectedTotalsRows(ledger));
      expect(await page.locator('.soil-panel .soil-months-table tbody tr').count()).toBeGreaterThanOrEqual(ledger.rows.filter((candidate) => candidate.releasingTaskIds.length + candidate.needingTaskIds.length > 0).length);
      expect(await violations(page), `${areaId} with the Grond tab and its tables open`).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, `soil-${areaId}-1280`);
      await page.close();
    });
  }

  it('in scenario mode shows the scenario against the baseline, after a keyboard move and after a drag', async () => {
    const tasks: TaskResponse[] = (await planner.get('/api/areas/vierwaarden/tasks')).json();
    const lottum = tasks.find((task) => task.externalRef === 'VW-LOTTUM')!;
    const grubbenvorst = tasks.find((task) => task.externalRef === 'VW-GRUBBENVORST')!;
    const baseline: SoilLedgerResponse = (await planner.get('/api/areas/vierwaarden/soil-ledger')).json();
    const page = await pageAs('wl@demo.local', 1600);
    await page.goto(`${baseUrl}/#/gebied/vierwaarden`);
    await page.locator('.vis-item').first().waitFor();
    await page.locator('.scenario-toggle').click();
    await page.locator('#scenario-name').fill('Grond schuiven');
    await page.locator('.create-scenario').click();
    await page.locator('.scenario-output h3', { hasText: 'Grond schuiven' }).waitFor();
    await page.locator('#move-task').selectOption(lottum.id);
    await page.locator('.move-slider').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.locator('.scenario-moves li', { hasText: '+12' }).waitFor();

    await page.locator('#tab-soil').click();
    await page.locator('.soil-panel .soil-intro', { hasText: 'Grond schuiven' }).waitFor();
    const [scenario] = ((await planner.get('/api/scenarios?areaId=vierwaarden')).json() as { id: string; name: string }[]).filter((candidate) => candidate.name === 'Grond schuiven');
    const moved: SoilLedgerResponse = (await planner.get(`/api/areas/vierwaarden/soil-ledger?scenarioId=${scenario!.id}`)).json();
    expect(moved.total.reusedM3).not.toBeCloseTo(baseline.total.reusedM3, 0);
    expect(await totalValue(page, 'reused')).toContain(`${m3(baseline.total.reusedM3)} → ${m3(moved.total.reusedM3)}`);
    expect(await totalValue(page, 'saving')).toContain(`${euro(baseline.value.savingEur)} → ${euro(moved.value.savingEur)}`);
    // The baseline is drawn behind the scenario, and the legend says which is which.
    expect(await page.locator('.soil-panel .soil-legend').textContent()).toContain('basisplanning');
    await screenshot(page, 'soil-scenario-keyboard');

    // A drag on the timeline while the Grond tab is open redraws the chart and its totals.
    const bar = page.locator(`.vis-item:has([data-item="${grubbenvorst.id}:realisatie"])`);
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width / 2 + 4 * step, box.y + box.height / 2);
    await page.mouse.up();
    await expect
      .poll(async () => ((await planner.get(`/api/scenarios/${scenario!.id}`)).json() as { moves: { taskId: string }[] }).moves.some((move) => move.taskId === grubbenvorst.id))
      .toBe(true);
    const dragged: SoilLedgerResponse = (await planner.get(`/api/areas/vierwaarden/soil-ledger?scenarioId=${scenario!.id}`)).json();
    expect(Math.round(dragged.total.reusedM3)).not.toBe(Math.round(moved.total.reusedM3));
    await expect.poll(() => totalValue(page, 'reused')).toContain(`→ ${m3(dragged.total.reusedM3)}`);
    expect(await totalsTableRows(page, '.soil-panel')).toEqual(expectedTotalsRows(dragged));
    expect(await violations(page), 'scenario mode with the Grond tab open').toEqual([]);
    await screenshot(page, 'soil-scenario-drag');
    await page.close();
  });

  it('lets an area director set the key figures, with the defaults and their sources beside them', async () => {
    const page = await pageAs('regisseur@demo.local', 1280);
    await openSoilTab(page, 'sterke-lekdijk');
    await page.locator('.soil-settings > summary').click();
    expect(await page.locator('.soil-setting-savingEurPerM3 .soil-setting-default').textContent()).toContain('KOSWAT 2023');
    expect(await page.locator('.soil-setting-soilStorageMonths .soil-setting-default').textContent()).toContain('schatting');
    await page.locator('#soil-setting-soilStorageMonths').fill('0');
    await page.locator('#soil-setting-savingEurPerM3').fill('45');
    await page.locator('.save-soil-settings').click();
    await page.locator('.soil-settings-feedback [role=status]').waitFor();
    const settings = (await director.get('/api/areas/sterke-lekdijk/soil-settings')).json();
    expect(settings).toMatchObject({ soilStorageMonths: 0, savingEurPerM3: 45, truckLoadM3: 24, own: { soilStorageMonths: true, savingEurPerM3: true, truckLoadM3: false } });
    const ledger: SoilLedgerResponse = (await director.get('/api/areas/sterke-lekdijk/soil-ledger')).json();
    await expect.poll(() => totalValue(page, 'saving')).toBe(euro(ledger.value.savingEur));
    expect(await page.locator('.soil-panel .soil-total-cartedOff .soil-total-how').textContent()).toContain('niet toegestaan');
    await screenshot(page, 'soil-settings-1280');
    // Back to the defaults: empty fields follow them.
    await page.locator('#soil-setting-soilStorageMonths').fill('');
    await page.locator('#soil-setting-savingEurPerM3').fill('');
    await page.locator('.save-soil-settings').click();
    await expect.poll(async () => (await director.get('/api/areas/sterke-lekdijk/soil-settings')).json().own.savingEurPerM3).toBe(false);
    await page.close();
  });

  it('shows a viewer the key figures read-only', async () => {
    const page = await pageAs('lezer@demo.local', 1280);
    await openSoilTab(page, 'vierwaarden');
    await page.locator('.soil-settings > summary').click();
    expect(await page.locator('.soil-settings input').count()).toBe(0);
    expect(await page.locator('.soil-setting-truckLoadM3').textContent()).toContain('24 m³');
    await page.close();
  });

  it('shows the ledger a snapshot recorded in its viewer, its print and its CSV', async () => {
    const made = await director.post('/api/snapshots', { areaId: 'vierwaarden', title: 'Grondtafel', meetingDate: '2026-12-10' });
    expect(made.statusCode).toBe(201);
    const snapshot: SnapshotSummary = made.json();
    const ledger: SoilLedgerResponse = (await director.get('/api/areas/vierwaarden/soil-ledger')).json();
    const page = await pageAs('regisseur@demo.local', 1600);
    await page.goto(`${baseUrl}/#/snapshot/${snapshot.id}`);
    await page.locator('.snapshot-soil .soil-chart svg').first().waitFor();
    expect(await page.locator('.snapshot-soil .soil-total-reused .soil-total-value').textContent()).toBe(m3(ledger.total.reusedM3));
    expect(await totalsTableRows(page, '.snapshot-soil')).toEqual(expectedTotalsRows(ledger));
    expect(await violations(page), 'snapshot viewer with the soil tables open').toEqual([]);
    await screenshot(page, 'soil-snapshot-1600');

    // Printed (A3 landscape, as the viewer prints): the chart and the totals are on paper.
    await page.emulateMedia({ media: 'print' });
    const pdfPath = `${ARTIFACTS}soil-snapshot.pdf`;
    writeFileSync(pdfPath, await page.pdf({ format: 'A3', landscape: true, printBackground: true }));
    const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(printed).toContain('Grond in de tijd');
    expect(printed).toContain(m3(ledger.total.reusedM3));
    await page.emulateMedia({ media: 'screen' });

    // The self-contained file shows the same figure with the network off.
    const htmlPath = `${ARTIFACTS}soil-snapshot-offline.html`;
    writeFileSync(htmlPath, (await director.get(`/api/snapshots/${snapshot.id}/export.html`)).body);
    const offline = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await offline.setOffline(true);
    const file = await offline.newPage();
    await file.goto(`file://${htmlPath}`);
    await file.locator('.snapshot-soil .soil-chart svg').first().waitFor();
    expect(await file.locator('.snapshot-soil .soil-total-reused .soil-total-value').textContent()).toBe(m3(ledger.total.reusedM3));
    await screenshot(file, 'soil-snapshot-offline-1280');
    await offline.close();

    const csv = (await director.get(`/api/snapshots/${snapshot.id}/export.csv`)).body;
    expect(csv).toContain('lokaal_hergebruikt_m3');
    expect(csv).toContain(`totaal;${Math.round(ledger.total.releasedM3 * 100) / 100}`);
    await page.close();
  });
});
