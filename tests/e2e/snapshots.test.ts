import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, ifMatch, type TestClient } from '../helpers/app.js';
import { violations } from '../helpers/axe.js';
import { ARTIFACTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let page: Page;
let planner: TestClient;
let cub: TaskResponse;
const shareUrls: string[] = [];

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  planner = await clientAs(app, 'hdsr@demo.local');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await signIn(page, baseUrl, 'regisseur@demo.local');
  const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
  cub = tasks.find((task) => task.externalRef === 'SLD-CUB')!;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function makeSnapshot(title: string): Promise<string> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/sterke-lekdijk`);
  await page.locator('#tab-snapshots').click();
  await page.locator('#snapshot-title').fill(title);
  await page.locator('#snapshot-date').fill('2026-12-03');
  await page.locator('.make-snapshot').click();
  const item = page.locator('.snapshot-item', { hasText: title });
  await item.waitFor();
  await item.locator('.share-snapshot').click();
  const url = await item.locator('.share-url').inputValue();
  expect(url).toMatch(new RegExp(`^${baseUrl}/s/gpl_`));
  return url;
}

describe('meeting snapshots in Chromium', { timeout: 60_000 }, () => {
  it('shares the old picture read-only with a stranger after the plan changed, and shows what changed since', async () => {
    shareUrls.push(await makeSnapshot('Tafel december'));
    const moved = await planner.patch(
      `/api/tasks/${cub.id}`,
      { phases: cub.phases.map((phase) => (phase.kind === 'realisatie' ? { ...phase, start: '2028-01', end: '2031-12' } : phase)) },
      ifMatch(cub),
    );
    expect(moved.statusCode).toBe(200);

    const stranger = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const view = await stranger.newPage();
    await view.goto(shareUrls[0]!);
    await view.locator('.snapshot-header h1', { hasText: 'Tafel december' }).waitFor();
    expect(await view.locator('.badge-readonly').count()).toBe(1);
    expect(await view.locator(`[data-item="${cub.id}:realisatie"]`).getAttribute('data-start')).toBe('2027-01');
    expect(await view.locator('.scenario-toggle, .make-snapshot, #login-email').count()).toBe(0);
    await screenshot(view, 'snapshot-shared');

    shareUrls.push(await makeSnapshot('Tafel januari'));
    await view.goto(shareUrls[1]!);
    await view.locator('.since-previous li', { hasText: `Verschoven: ${cub.title}` }).waitFor();
    expect(await view.locator('.since-previous h2').textContent()).toContain('Tafel december');
    expect(await view.locator(`[data-item="${cub.id}:realisatie"]`).getAttribute('data-start')).toBe('2028-01');
    expect(await view.locator(`[data-item="previous:${cub.id}:realisatie"]`).getAttribute('data-start')).toBe('2027-01');
    await screenshot(view, 'snapshot-since-previous');
    await stranger.close();
  });

  it('compares a snapshot with the current plan on the area page', async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/gebied/sterke-lekdijk`);
    await page.locator('#tab-snapshots').click();
    const item = page.locator('.snapshot-item', { hasText: 'Tafel december' });
    await item.locator('.compare-snapshot').click();
    await item.locator('.diff-list li', { hasText: `Verschoven: ${cub.title}` }).waitFor();
    // Old and new months in words, never a shift count or a code name.
    expect(await item.locator('.diff-list').textContent()).toMatch(/Realisatie jan 2027 – \w+ \d{4} → jan 2028 – dec 2031/);
  });

  it('prints to a PDF with the title on it', async () => {
    const printable = await browser.newPage();
    await printable.goto(shareUrls[1]!);
    await printable.locator('.snapshot-header h1').waitFor();
    await printable.emulateMedia({ media: 'print' });
    const pdf = await printable.pdf({ format: 'A3', landscape: true, printBackground: true });
    const path = `${ARTIFACTS}snapshot.pdf`;
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('Tafel januari');
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())![1])).toBeGreaterThanOrEqual(1);
    await printable.close();
  });

  it('exports the timeline as a PNG image', async () => {
    const view = await browser.newPage();
    await view.goto(shareUrls[1]!);
    await view.locator('.vis-item').first().waitFor();
    const [file] = await Promise.all([view.waitForEvent('download'), view.locator('button.png').click()]);
    const path = `${ARTIFACTS}snapshot-timeline.png`;
    await file.saveAs(path);
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
    expect(png.length).toBeGreaterThan(20_000);
    await view.close();
  });

  it('exports one self-contained HTML file that renders the timeline with the network off', async () => {
    const [latest] = (await planner.get('/api/snapshots?areaId=sterke-lekdijk')).json();
    const response = await planner.get(`/api/snapshots/${latest.id}/export.html`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    const path = `${ARTIFACTS}snapshot-offline.html`;
    writeFileSync(path, response.body);
    const offline = await browser.newContext();
    await offline.setOffline(true);
    const file = await offline.newPage();
    const failed: string[] = [];
    file.on('requestfailed', (request) => failed.push(request.url()));
    await file.goto(`file://${path}`);
    await file.locator('.snapshot-header h1', { hasText: latest.title }).waitFor();
    await file.locator(`[data-item="${cub.id}:realisatie"]`).waitFor();
    expect(await file.locator('.vis-item').count()).toBeGreaterThan(20);
    expect(failed).toEqual([]);
    await screenshot(file, 'snapshot-offline');
    await offline.close();
  });

  it('revokes a share link from the area page, after which it opens nothing', async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/gebied/sterke-lekdijk`);
    await page.locator('#tab-snapshots').click();
    const item = page.locator('.snapshot-item', { hasText: 'Tafel december' });
    await item.locator('.revoke-link').first().click();
    // Nothing is revoked until the question is answered; cancelling leaves the link alone.
    await item.locator('.revoke-confirm').waitFor();
    expect(await item.locator('.revoke-confirm p').textContent()).toContain('intrekken?');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('confirm-revoke');
    await item.locator('.cancel-revoke').click();
    expect(await item.locator('.revoke-confirm').count()).toBe(0);
    const stillOpen = await browser.newPage();
    expect((await stillOpen.goto(shareUrls[0]!))?.status()).toBe(200);
    await stillOpen.close();
    await item.locator('.revoke-link').first().click();
    await screenshot(page, 'snapshot-revoke-confirm');
    await item.locator('.confirm-revoke').click();
    await item.locator('.share-links li', { hasText: 'ingetrokken' }).waitFor();
    const fresh = await browser.newPage({ locale: 'nl-NL' });
    const answer = await fresh.goto(shareUrls[0]!);
    expect(answer?.status()).toBe(404);
    expect(await fresh.locator('h1').textContent()).toBe('Deze link werkt niet (meer)');
    await fresh.close();
  });

  it('shows an anonymous viewer no one’s e-mail or name, and passes axe', async () => {
    const me = (await (await clientAs(app, 'regisseur@demo.local')).get('/api/auth/me')).json();
    for (const width of [1280, 1600]) {
      // The share page's Content-Security-Policy forbids inline scripts, which is how axe is put in.
      const stranger = await browser.newContext({ viewport: { width, height: 1000 }, bypassCSP: true });
      const view = await stranger.newPage();
      await view.goto(shareUrls[1]!);
      await view.locator('.since-previous li').first().waitFor();
      await view.locator('.vis-item').first().waitFor();
      const text = await view.locator('body').innerText();
      expect(text).not.toContain('@');
      expect(text).not.toContain(me.name);
      expect(text).toContain('vastgelegd op');
      await screenshot(view, `snapshot-shared-${width}`);
      if (width === 1280) expect(await violations(view)).toEqual([]);
      await stranger.close();
    }
  });

  it('offers an expiry for a new link and a button that copies it', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/gebied/sterke-lekdijk`);
    await page.locator('#tab-snapshots').click();
    expect(await page.locator('#share-expiry option').allTextContents()).toEqual(['een maand', 'een week', 'drie maanden', 'verloopt niet']);
    await page.locator('#share-expiry').selectOption('week');
    const item = page.locator('.snapshot-item', { hasText: 'Tafel januari' });
    await item.locator('.share-snapshot').click();
    const url = await item.locator('.share-url').inputValue();
    await item.locator('.copy-link').click();
    await item.locator('.copy-status', { hasText: 'gekopieerd' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await screenshot(page, 'snapshot-new-link');
    const [snapshot] = (await planner.get('/api/snapshots?areaId=sterke-lekdijk')).json();
    const director = await clientAs(app, 'regisseur@demo.local');
    const links: { createdAt: string; expiresAt: string | null }[] = (await director.get(`/api/snapshots/${snapshot.id}/share-links`)).json();
    const newest = links.at(-1)!;
    const days = (Date.parse(newest.expiresAt!) - Date.parse(newest.createdAt)) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
  });

  it('turns a revoked or unknown link into a clear message in the viewer’s language', async () => {
    const fresh = await browser.newPage({ locale: 'en-GB' });
    const answer = await fresh.goto(`${baseUrl}/s/gpl_doesnotexist`);
    expect(answer?.status()).toBe(404);
    expect(await fresh.locator('h1').textContent()).toBe('This link does not work (any more)');
    expect(await fresh.locator('main p').first().textContent()).toContain('revoked or expired');
    await fresh.close();
  });
});
