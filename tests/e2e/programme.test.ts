import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Area } from '../../server/contracts/areas.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, type TestClient } from '../helpers/app.js';
import { violations } from '../helpers/axe.js';
import { ARTIFACTS, VIEWPORTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';


let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let hdsr: TestClient;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  hdsr = await clientAs(app, 'hdsr@demo.local');
  browser = await launchChromium();
  // One sign-in for the whole file: sign-in is limited to 10 a minute per address.
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
  await signIn(await context.newPage(), baseUrl, 'hdsr@demo.local');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A screenshot of one part of the page, to look at it closely. */
async function shot(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).first().screenshot({ path: `${ARTIFACTS}${name}.png` });
}

async function open(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/${hash}`);
  await page.locator(ready).first().waitFor();
}

describe('the programme page and the national overview in Chromium', { timeout: 90_000 }, () => {
  it('shows every HDSR dike section in urgency order, in the timeline and its table, and marks the months over the limit', async () => {
    // The seed's limit of 3 is never exceeded; at 2 it is wherever three sections overlap.
    const rules: { id: string; programme: string }[] = (await hdsr.get('/api/capacity-rules?partyId=hdsr')).json();
    const rule = rules.find((candidate) => candidate.programme === 'HWBP')!;
    const changed = await hdsr.patch(`/api/capacity-rules/${rule.id}`, { maxConcurrent: 2 });
    expect(changed.statusCode, changed.body).toBe(200);

    const tasks: TaskResponse[] = (await hdsr.get('/api/areas/sterke-lekdijk/tasks')).json();
    const sections = tasks
      .filter((task) => task.partyId === 'hdsr' && task.programme === 'HWBP' && task.kind === 'dike_reinforcement')
      .sort((a, b) => a.urgencyRank! - b.urgencyRank!)
      .map((task) => task.title);
    expect(sections).toHaveLength(6);

    const page = await context.newPage();
    await open(page, '#/', '.area-cards');
    await page.locator('.app-header a', { hasText: 'Ons programma' }).click();
    await page.locator('.vis-label .group-label').first().waitFor();
    expect(page.url()).toMatch(/#\/programma\/hdsr$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Hoogheemraadschap De Stichtse Rijnlanden');

    const timelineRows = await page.locator('.vis-label.task-row .group-title').allTextContents();
    // Every row in view inside the timeline box, under its axis: none scrolled away or drawn over the years.
    const box = (await page.locator('.programme-timeline').boundingBox())!;
    const axisBottom = (await page.locator('.programme-timeline .vis-panel.vis-top').boundingBox())!;
    for (const label of await page.locator('.vis-label.task-row').all()) {
      const row = (await label.boundingBox())!;
      expect(row.y).toBeGreaterThanOrEqual(axisBottom.y + axisBottom.height - 1);
      expect(row.y + row.height).toBeLessThanOrEqual(box.y + box.height);
    }
    expect(timelineRows.slice(0, sections.length)).toEqual(sections);
    const tableRows = await page.locator('tr.programme-task td:nth-child(2)').allTextContents();
    expect(tableRows.slice(0, sections.length)).toEqual(sections);
    // Trajectory, norm and length beside each section.
    await expect.poll(() => page.locator('.vis-label.task-row').filter({ hasText: 'Jaarsveld-Vreeswijk' }).textContent()).toMatch(/15-1 · norm 1\/10\.000.*13 km/);

    // Three sections overlap in 2024-07..2024-12 (SAL, WAM, SAS), 2027 (WAM, CUB, SAS) and 2029-2030 (CUB, JAV, ICU).
    const chart = page.locator('.concurrency-chart.programme-HWBP');
    await expect.poll(() => chart.locator('.chart-note').textContent()).toBe('Boven de grens van 2: jul 2024 – dec 2024, jan 2027 – dec 2027, jan 2029 – dec 2030.');
    await expect.poll(() => chart.locator('.reading-aid').textContent()).toBe('In jul 2024 zijn 3 dijkvakken tegelijk in realisatie; de grens is 2.');
    expect(await chart.locator('svg g[fill="#b00020"] rect').count()).toBe(6 + 12 + 24);
    await chart.locator('summary').click();
    const overRows = chart.locator('tr.over-limit');
    expect(await overRows.count()).toBe(3);
    expect(await overRows.first().textContent()).toContain('boven de grens');

    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await screenshot(page, `programme-hdsr-${viewport.width}`);
      await shot(page, '.timeline-view', `programme-hdsr-timeline-${viewport.width}`);
      await shot(page, '.concurrency-chart', `programme-hdsr-concurrency-${viewport.width}`);
    }
    expect(await violations(page), 'programme page').toEqual([]);
    await page.close();
  });

  it('suggests a plan for the whole programme, each move linking to its area', async () => {
    // The seed's own limit of 3 again (the test above lowered it), under which sections can move.
    const rule = ((await hdsr.get('/api/capacity-rules?partyId=hdsr')).json() as { id: string; programme: string }[]).find((candidate) => candidate.programme === 'HWBP')!;
    expect((await hdsr.patch(`/api/capacity-rules/${rule.id}`, { maxConcurrent: 3 })).statusCode).toBe(200);
    const page = await context.newPage();
    await open(page, '#/programma/hdsr', '.suggest-plan');
    await page.locator('.suggest-plan').click();
    await page.locator('dialog.plan-dialog[open] .plan-form').waitFor();
    expect(await page.locator('#plan-dialog-title').textContent()).toContain('Hoogheemraadschap De Stichtse Rijnlanden');
    await page.locator('#plan-time-limit').selectOption('10');
    await page.locator('#plan-step').selectOption('1');
    await page.locator('.start-plan').click();
    await page.locator('dialog .plan-moves, dialog .plan-no-moves').first().waitFor({ timeout: 60_000 });
    const moves = page.locator('dialog .plan-move');
    for (let index = 0; index < (await moves.count()); index++) {
      expect(await moves.nth(index).locator('.plan-move-area a').getAttribute('href')).toMatch(/^#\/gebied\/[a-z0-9-]+\/scenario\/[0-9a-f-]+$/);
    }
    expect(await violations(page), 'plan dialog on the programme page').toEqual([]);
    // A move's link opens the plan's scenario on its area's timeline, and the dialog goes.
    expect(await moves.count()).toBeGreaterThan(0);
    await moves.first().locator('.plan-move-area a').click();
    await page.locator('.scenario-output h3', { hasText: 'Plan programma' }).waitFor();
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(await page.locator('.scenario-moves li').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('filters the opportunities by area, status and soil', async () => {
    const page = await context.newPage();
    await open(page, '#/programma/hdsr', '.opportunities-table tbody tr');
    const all = await page.locator('.opportunities-table tbody tr').count();
    expect(all).toBeGreaterThan(0);
    await page.locator('#opportunity-status').selectOption('aligned');
    const aligned = page.locator('.opportunities-table tbody tr');
    await expect.poll(() => aligned.locator('.status-badge').allTextContents()).toEqual(Array((await aligned.count())).fill('Gelijktijdig'));
    await page.locator('#opportunity-status').selectOption('');
    await page.locator('#opportunity-soil').selectOption('without');
    const soils = await page.locator('.opportunities-table tbody tr td:nth-child(7)').allTextContents();
    expect(soils.every((soil) => soil === '0')).toBe(true);
    await page.close();
  });

  it('lists every seeded area and water board, and the pace chart with its table, on the national page', async () => {
    const areas: Area[] = (await hdsr.get('/api/areas')).json();
    const page = await context.newPage();
    await open(page, '#/', '.area-cards');
    await page.locator('main a').first().click();
    await page.locator('.pace-chart svg').waitFor();
    expect(page.url()).toMatch(/#\/nederland$/);
    const areaNames = await page.locator('.overview-areas tbody tr td:first-child').allTextContents();
    expect([...areaNames].sort()).toEqual(areas.map((area) => area.name).sort());
    const boards = await page.locator('.water-boards tbody tr td:first-child a').allTextContents();
    expect(boards).toEqual(expect.arrayContaining(['Hoogheemraadschap De Stichtse Rijnlanden', 'Waterschap Limburg', 'Waterschap Aa en Maas']));

    // Remaining km: the HWBP sections whose realisation ends this year or later (DOMAIN: the needed pace).
    // The year the server looks from (the month in the Netherlands), not this machine's clock.
    const year = Number(((await hdsr.get('/api/overview')).json() as { asOf: string }).asOf.slice(0, 4));
    const allTasks: TaskResponse[] = (await Promise.all(areas.map(async (area) => (await hdsr.get(`/api/areas/${area.id}/tasks`)).json() as TaskResponse[]))).flat();
    const remaining = allTasks.filter(
      (task) => task.programme === 'HWBP' && task.kind === 'dike_reinforcement' && Number(task.phases.find((phase) => phase.kind === 'realisatie')!.end.slice(0, 4)) >= year,
    );
    const remainingKm = remaining.reduce((sum, task) => sum + (task.lengthKm ?? 0), 0);
    const nl = (value: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(value);
    const reading = await page.locator('.pace-chart .reading-aid').textContent();
    expect(reading).toContain(`de resterende ${nl(remainingKm)} km in ${2049 - year + 1} jaar`);
    expect(reading).toContain(`Nodig: ${nl(remainingKm / (2049 - year + 1))} km per jaar`);
    // The four Vierwaarden sections have no length in the seed.
    await expect.poll(() => page.locator('.pace-chart .chart-note').allTextContents()).toContain(
      `Dijkvakken zonder lengte, die niet meetellen in de kilometers: ${remaining.filter((task) => task.lengthKm === null).length}.`,
    );
    await page.locator('.pace-chart summary').click();
    const years = await page.locator('.pace-chart tbody tr td:first-child').allTextContents();
    expect(years.at(-1)).toBe('2049');
    expect(years).toContain(String(year));

    await page.locator('#traject-search').fill('44-1');
    await expect.poll(() => page.locator('.trajects tbody tr').count()).toBe(1);
    expect(await page.locator('.trajects tbody tr').textContent()).toContain('Sterke Lekdijk - Wijk bij Duurstede-Amerongen');
    await page.locator('#traject-search').fill('');
    await expect.poll(() => page.locator('.trajects tbody tr').count()).toBe(238);

    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await screenshot(page, `overview-${viewport.width}`);
      await shot(page, '.pace', `overview-pace-${viewport.width}`);
      await shot(page, '.water-boards', `overview-boards-${viewport.width}`);
    }
    expect(await violations(page), 'national page').toEqual([]);
    await page.close();
  });
});
