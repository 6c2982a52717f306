import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignmentReportResponse, AreaSummary } from '../../server/contracts/alignments.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, type TestClient } from '../helpers/app.js';
import { launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let page: Page;
let api: TestClient;
const dialogs: string[] = [];

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  api = await clientAs(app, 'hdsr@demo.local');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openArea(areaId: string): Promise<void> {
  // A fresh load each time: going to the same hash again would not fetch anything.
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/${areaId}`);
  await page.locator('.vis-item').first().waitFor();
}

async function visibleTaskRows(): Promise<string[]> {
  return page.locator('.vis-label.task-row [data-group]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-group')!));
}

describe('the timeline client in Chromium', { timeout: 60_000 }, () => {
  it('asks to sign in, shows the demo accounts, and lists the areas with their counts', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('.demo-banner').waitFor();
    expect(await page.locator('.demo-accounts li').count()).toBeGreaterThan(10);
    await screenshot(page, 'login');
    await signIn(page, baseUrl, 'hdsr@demo.local');
    const summaries: AreaSummary[] = (await api.get('/api/area-summaries')).json();
    const cards = page.locator('.area-card');
    expect(await cards.count()).toBe(3);
    for (const summary of summaries) {
      const card = cards.filter({ hasText: summary.name });
      await expect.poll(() => card.locator('.stat.aligned dd').textContent()).toBe(String(summary.alignments.aligned));
      expect(await card.locator('.stat.alignable dd').textContent()).toBe(String(summary.alignments.alignable));
    }
    expect(await page.locator('.user-name').textContent()).toContain('planner');
    await screenshot(page, 'areas');
  });

  it('shows every task of the area in its party row, with its phases in their months and in time order', async () => {
    await openArea('sterke-lekdijk');
    const tasks: TaskResponse[] = (await api.get('/api/areas/sterke-lekdijk/tasks')).json();
    const order = await page.locator('.vis-label [data-group]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-group')!));
    expect(order[0]).toBe('party:hdsr');
    for (const task of tasks) {
      const row = order.indexOf(task.id);
      const partyRow = order.indexOf(`party:${task.partyId}`);
      expect(row, task.title).toBeGreaterThan(partyRow);
      expect(order.slice(partyRow + 1, row).every((id) => !id.startsWith('party:')), task.title).toBe(true);
      for (const phase of task.phases) {
        const item = page.locator(`[data-item="${task.id}:${phase.kind}"]`);
        expect(await item.getAttribute('data-start')).toBe(phase.start);
        expect(await item.getAttribute('data-end')).toBe(phase.end);
      }
    }
    const realisations = await Promise.all(
      tasks.map(async (task) => {
        const phase = task.phases.find((candidate) => candidate.kind === 'realisatie')!;
        const box = await page.locator(`.vis-item:has([data-item="${task.id}:realisatie"])`).boundingBox();
        return { start: phase.start, x: box!.x };
      }),
    );
    realisations.sort((a, b) => a.start.localeCompare(b.start));
    for (let index = 1; index < realisations.length; index++) {
      expect(realisations[index]!.x).toBeGreaterThanOrEqual(realisations[index - 1]!.x - 1);
    }
    expect(await page.locator('.vis-custom-time').count()).toBe(3);
    await screenshot(page, 'area-timeline');
  });

  it('highlights both tasks of a selected pair and draws the suggested position as a ghost', async () => {
    await openArea('vierwaarden');
    const report: AlignmentReportResponse = (await api.get('/api/areas/vierwaarden/alignments')).json();
    const pair = report.pairs.find((candidate) => candidate.status === 'alignable_by_dike')!;
    const index = await page
      .locator('.pair-row')
      .evaluateAll((rows, explanation) => rows.findIndex((row) => row.textContent!.includes(explanation)), pair.explanation.nl);
    await page.locator('.pair-row').nth(index).locator('.show-pair').click();
    await page.locator('.vis-item.ghost').waitFor();
    for (const taskId of [pair.dikeTaskId, pair.otherTaskId]) {
      expect(await page.locator(`.vis-item.highlighted:has([data-item="${taskId}:realisatie"])`).count()).toBe(1);
    }
    const dike: TaskResponse = (await api.get(`/api/tasks/${pair.dikeTaskId}`)).json();
    const realisation = dike.phases.find((phase) => phase.kind === 'realisatie')!;
    const [year, month] = realisation.start.split('-').map(Number);
    const shifted = year! * 12 + month! - 1 + pair.move!.shiftMonths;
    const expectedStart = `${Math.floor(shifted / 12)}-${String((shifted % 12) + 1).padStart(2, '0')}`;
    expect(await page.locator('.vis-item.ghost [data-start]').getAttribute('data-start')).toBe(expectedStart);
    expect(await page.locator('.selected-pair').textContent()).toContain(pair.explanation.nl);
    await screenshot(page, 'area-pair-selected');
  });

  it('filters rows by party, programme and kind, and searches titles and trajectory ids', async () => {
    await openArea('sterke-lekdijk');
    const tasks: TaskResponse[] = (await api.get('/api/areas/sterke-lekdijk/tasks')).json();
    expect((await visibleTaskRows()).length).toBe(tasks.length);
    await page.locator('#filter-party').selectOption('rws-on');
    await expect.poll(visibleTaskRows).toEqual(expect.arrayContaining(tasks.filter((task) => task.partyId === 'rws-on').map((task) => task.id)));
    expect((await visibleTaskRows()).length).toBe(tasks.filter((task) => task.partyId === 'rws-on').length);
    await page.locator('#filter-party').selectOption('');
    await page.locator('#filter-programme').selectOption('PROVINCIE');
    await expect.poll(async () => (await visibleTaskRows()).length).toBe(tasks.filter((task) => task.programme === 'PROVINCIE').length);
    await page.locator('#filter-programme').selectOption('');
    await page.locator('#filter-kind').selectOption('infrastructure');
    await expect.poll(async () => (await visibleTaskRows()).length).toBe(tasks.filter((task) => task.kind === 'infrastructure').length);
    await page.locator('#filter-kind').selectOption('');
    await page.locator('#filter-search').fill('15-1');
    const expected = tasks.filter((task) => task.dikeTrajectId === '15-1').map((task) => task.id).sort();
    await expect.poll(async () => (await visibleTaskRows()).sort()).toEqual(expected);
    await screenshot(page, 'area-filtered');
    await page.locator('#filter-search').fill('salmsteke');
    await expect.poll(async () => (await visibleTaskRows()).length).toBe(tasks.filter((task) => /salmsteke/i.test(task.title)).length);
  });

  it('offers the same tasks and pairs as a table that works by keyboard alone', async () => {
    await openArea('meanderende-maas');
    const focusByTab = async (predicate: string) => {
      for (let presses = 0; presses < 80; presses++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, predicate)) return;
      }
      throw new Error(`could not reach ${predicate} by Tab`);
    };
    await focusByTab('button[data-tab="table"]');
    await page.keyboard.press('Enter');
    await page.locator('.table-view table').first().waitFor();
    expect(await page.locator('.table-view').isVisible()).toBe(true);
    await focusByTab('.table-view .sort-button');
    const header = page.locator('.table-view th').first();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await focusByTab('.table-view .show-task');
    await page.keyboard.press('Enter');
    await page.locator('.detail-panel:not([hidden]) #detail-title').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    expect(await page.locator('.detail-panel').textContent()).toMatch(/Fasen/);
    await screenshot(page, 'area-table');
  });

  it('shows a dike section’s trajectory norms in its details', async () => {
    await openArea('sterke-lekdijk');
    const tasks: TaskResponse[] = (await api.get('/api/areas/sterke-lekdijk/tasks')).json();
    const salmsteke = tasks.find((task) => task.externalRef === 'SLD-SAL')!;
    await page.locator(`.vis-item:has([data-item="${salmsteke.id}:realisatie"])`).click();
    await page.locator('.detail-panel .trajectory h3').waitFor();
    const text = await page.locator('.detail-panel').textContent();
    expect(text).toContain('15-1');
    expect(text).toContain('1/30.000');
    expect(text).toContain('1/10.000');
    expect(text).toContain('jun 2023');
    await screenshot(page, 'area-detail');
  });

  it('shows a hostile task title as text and runs nothing', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const created = await api.post('/api/tasks', {
      areaId: 'sterke-lekdijk',
      programme: 'HWBP',
      kind: 'dike_reinforcement',
      title: hostile,
      phases: [{ kind: 'realisatie', start: '2031-01', end: '2032-12' }],
    });
    expect(created.statusCode).toBe(201);
    await openArea('sterke-lekdijk');
    await page.locator('#filter-search').fill('<img');
    await page.locator('.group-title', { hasText: hostile }).first().waitFor();
    await screenshot(page, 'area-hostile-title');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.locator('button[data-tab="table"]').click();
    await page.locator('.table-view td', { hasText: hostile }).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('switches to English and remembers it', async () => {
    await page.goto(`${baseUrl}/#/`);
    await page.locator('.area-cards').waitFor();
    await page.locator('button[lang="en"]').click();
    await page.locator('h1', { hasText: 'Areas' }).waitFor();
    await page.reload();
    await page.locator('h1', { hasText: 'Areas' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.user-menu button').textContent()).toBe('Sign out');
    await screenshot(page, 'areas-english');
    await page.locator('button[lang="nl"]').click();
    await page.locator('h1', { hasText: 'Gebieden' }).waitFor();
  });

  it('shows the problem instead of a blank page when an area does not exist', async () => {
    await page.goto(`${baseUrl}/#/gebied/atlantis`);
    await page.locator('.error').waitFor();
    expect(await page.locator('.error').textContent()).toContain("area 'atlantis' does not exist");
  });
});
