import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, type TestClient } from '../helpers/app.js';
import { launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let page: Page;
let api: TestClient;
let byRef: Map<string, TaskResponse>;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  api = await clientAs(app, 'hdsr@demo.local');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  await signIn(page, baseUrl, 'hdsr@demo.local');
  const tasks: TaskResponse[] = (await api.get('/api/areas/sterke-lekdijk/tasks')).json();
  byRef = new Map(tasks.map((task) => [task.externalRef!, task]));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openScenarioMode(name: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/sterke-lekdijk`);
  await page.locator('.vis-item').first().waitFor();
  await page.locator('.scenario-toggle').click();
  await page.locator('#scenario-name').fill(name);
  await page.locator('.create-scenario').click();
  await page.locator('.scenario-output h3', { hasText: name }).waitFor();
}

/** Drags a task's realisation horizontally with the mouse, in small steps as a hand would. */
async function dragRealisation(ref: string, dx: number): Promise<void> {
  const item = page.locator(`.vis-item:has([data-item="${byRef.get(ref)!.id}:realisatie"])`);
  const box = (await item.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width / 2 + (dx * step) / 10, y);
  await page.mouse.up();
}

describe('scenario mode in Chromium', { timeout: 60_000 }, () => {
  it('moves a dike section as a whole by dragging, keeps its baseline as a ghost, and shows the alignment won', async () => {
    await openScenarioMode('Later CUB');
    const cub = byRef.get('SLD-CUB')!;
    await dragRealisation('SLD-CUB', 90);
    await page.locator('.scenario-moves li').first().waitFor();
    const moveText = await page.locator('.scenario-moves li').first().textContent();
    expect(moveText).toContain(cub.title);
    const shift = Number(/([+-]\d+)/.exec(moveText!)![1]);
    expect(shift).toBeGreaterThan(0);
    // Every phase that has not started moved by the same months, started ones stayed, and the baseline of the moving part stays visible as a ghost.
    const asOf = new Date().toISOString().slice(0, 7);
    const starts = await page
      .locator(`[data-item^="${cub.id}:"]`)
      .evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-item'), node.getAttribute('data-start')]));
    const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1;
    const moving = cub.phases.filter((phase) => phase.start >= asOf);
    expect(moving.length).toBeGreaterThan(0);
    for (const phase of cub.phases) {
      const drawn = starts.find(([id]) => id === `${cub.id}:${phase.kind}`)!;
      expect(monthIndex(drawn[1]!) - monthIndex(phase.start)).toBe(phase.start >= asOf ? shift : 0);
    }
    expect(await page.locator('.vis-item.baseline-ghost').count()).toBe(moving.length);
    await page.locator('.evaluation-won', { hasText: 'Nieuwe Hollandse Waterlinie' }).waitFor();
    await screenshot(page, 'scenario-drag');
  });

  it('offers only movable HWBP sections to swap, swaps two, and shows what the swap does', async () => {
    await openScenarioMode('Wissel Cabauw');
    await page.locator('.swap summary').click();
    const offered = await page.locator('#swap-a option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    // Salmsteke was built in 2023-2024 and has no window: it has started and cannot move.
    expect(offered).not.toContain(byRef.get('SLD-SAL')!.id);
    expect(offered).toEqual(expect.arrayContaining(['SLD-CUB', 'SLD-ICU'].map((ref) => byRef.get(ref)!.id)));
    expect(await page.locator('#swap-a option', { hasText: /^[0-9a-f-]{20,}$/ }).count()).toBe(0);
    await page.locator('#swap-a').selectOption(byRef.get('SLD-CUB')!.id);
    await page.locator('#swap-b').selectOption(byRef.get('SLD-ICU')!.id);
    await page.locator('.swap-button').click();
    await expect.poll(() => page.locator('.scenario-moves li').count()).toBe(2);
    const moves = await page.locator('.scenario-moves').textContent();
    expect(moves).toContain(byRef.get('SLD-CUB')!.title);
    expect(moves).toContain(byRef.get('SLD-ICU')!.title);
    await page.locator('.evaluation, .evaluation-clean').first().waitFor();
    await screenshot(page, 'scenario-swap');
  });

  it('applies a valid scenario and the baseline moves', async () => {
    await openScenarioMode('Toepassen');
    await dragRealisation('SLD-CUB', 150);
    await page.locator('.scenario-moves li').first().waitFor();
    await expect.poll(() => page.locator('.apply-scenario').isEnabled()).toBe(true);
    await page.locator('.apply-scenario').click();
    await page.locator('.confirm-apply').click();
    await expect.poll(async () => (await api.get(`/api/tasks/${byRef.get('SLD-CUB')!.id}`)).json().version).toBe(2);
    const moved: TaskResponse = (await api.get(`/api/tasks/${byRef.get('SLD-CUB')!.id}`)).json();
    expect(moved.phases.at(-1)!.start).not.toBe(byRef.get('SLD-CUB')!.phases.at(-1)!.start);
    await page.locator(`[data-item="${moved.id}:realisatie"][data-start="${moved.phases.at(-1)!.start}"]`).waitFor();
    await screenshot(page, 'scenario-applied');
  });
});
