import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as violations } from '../helpers/axe.js';
import { launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openArea(page: Page, areaId: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/${areaId}`);
  await page.locator('.vis-item').first().waitFor();
  await page.locator('.pair-row, .pairs-panel .no-match, .pairs-list p').first().waitFor();
}

describe('accessibility (axe-core, WCAG 2 A and AA)', { timeout: 90_000 }, () => {
  it('finds nothing on the login page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.goto(`${baseUrl}/`);
    await page.locator('.demo-banner').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('finds nothing on the start page and on every area, in timeline and table view', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
    await signIn(page, baseUrl, 'hdsr@demo.local');
    expect(await violations(page)).toEqual([]);
    for (const areaId of ['sterke-lekdijk', 'vierwaarden', 'meanderende-maas']) {
      await openArea(page, areaId);
      expect(await violations(page), `${areaId} timeline`).toEqual([]);
      await page.locator('button[data-tab="table"]').click();
      await page.locator('.table-view table').waitFor();
      expect(await violations(page), `${areaId} table`).toEqual([]);
    }
    await page.close();
  });

  it('finds nothing in scenario mode and in the task form', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await signIn(page, baseUrl, 'hdsr@demo.local');
    await openArea(page, 'sterke-lekdijk');
    await page.locator('.scenario-toggle').click();
    await page.locator('#scenario-name').fill('Toegankelijk');
    await page.locator('.create-scenario').click();
    await page.locator('.scenario-output h3', { hasText: 'Toegankelijk' }).waitFor();
    await page.locator('#move-task').selectOption({ index: 1 });
    await page.locator('.move-slider').waitFor();
    expect(await violations(page), 'scenario mode').toEqual([]);
    await page.locator('.toolbar .new-task').click();
    await page.locator('.task-form').waitFor();
    await page.locator('#task-trajectory').fill('44');
    await page.locator('.trajectory-option').first().waitFor();
    expect(await violations(page), 'new task form').toEqual([]);
    await screenshot(page, 'task-form');
    await page.close();
  });
});
