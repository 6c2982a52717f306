import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs } from '../helpers/app.js';
import { createTask, dikeTaskInput, riverTaskInput } from '../helpers/factories.js';
import { ARTIFACTS, launchChromium, screenshot, startServer } from '../helpers/browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AREA = 'sterke-lekdijk';
const TITLE = 'Tafel maart';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
/** A stranger with the share link: no account, no session. */
let stranger: BrowserContext;
let shareUrl: string;
let snapshotId: string;
let tasks: TaskResponse[];

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  const director = await clientAs(app, 'regisseur@demo.local');
  tasks = (await director.get(`/api/areas/${AREA}/tasks`)).json();
  const snapshot = await director.post('/api/snapshots', { areaId: AREA, title: TITLE, meetingDate: '2027-03-04' });
  expect(snapshot.statusCode).toBe(201);
  snapshotId = snapshot.json().id;
  const link = await director.post(`/api/snapshots/${snapshotId}/share-links`, {});
  expect(link.statusCode).toBe(201);
  shareUrl = `${baseUrl}${link.json().url}`;
  mkdirSync(ARTIFACTS, { recursive: true });
  const html = await director.get(`/api/snapshots/${snapshotId}/export.html`);
  expect(html.statusCode).toBe(200);
  writeFileSync(`${ARTIFACTS}exports-offline.html`, html.body);
  browser = await launchChromium();
  // bypassCSP lets axe-core be injected; the app's own styles and scripts run as under its policy.
  stranger = await browser.newContext({ viewport: { width: 1500, height: 1000 }, bypassCSP: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openShared(width = 1500): Promise<Page> {
  const page = await stranger.newPage();
  await page.setViewportSize({ width, height: 1000 });
  await page.goto(shareUrl);
  await page.locator('.vis-item').first().waitFor();
  return page;
}

/** The WCAG 2 A and AA violations axe-core finds on the page as it is. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.slice(0, 5).map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/** Prints the page as a browser's print to PDF does, A3 landscape, and returns the file's path. */
async function printToPdf(page: Page, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const path = `${ARTIFACTS}${name}.pdf`;
  writeFileSync(path, await page.pdf({ format: 'A3', landscape: true, printBackground: true, preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  // To look at: tests/artifacts/<name>-1.png, -2.png, ...
  execFileSync('pdftoppm', ['-r', '50', '-png', path, `${ARTIFACTS}${name}`]);
  return path;
}

/**
 * Where the drawing on a PDF page ends on the right, as a fraction of the page's width: the
 * rightmost column with a non-white pixel between 25% and 85% of the page's height (below the
 * page margin's text, where the timeline's rows are).
 */
function rightEdgeOfDrawing(pdf: string, pageNumber: number): number {
  const prefix = `${ARTIFACTS}edge`;
  execFileSync('pdftoppm', ['-r', '50', '-gray', '-f', String(pageNumber), '-l', String(pageNumber), '-singlefile', pdf, prefix]);
  const image = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = image.subarray(header[0].length);
  let rightmost = 0;
  for (let y = Math.floor(height * 0.25); y < height * 0.85; y++) {
    for (let x = width - 1; x > rightmost; x--) {
      if (pixels[y * width + x]! < 235) {
        rightmost = x;
        break;
      }
    }
  }
  return (rightmost + 1) / width;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('snapshot exports for the meeting in Chromium', { timeout: 90_000 }, () => {
  it('prints every task of the area, with title, meeting date and page number on every page and the timeline across the printable width', async () => {
    const page = await openShared();
    const pdf = await printToPdf(page, 'exports-print');
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f').filter((text) => text.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toContain(`${TITLE} · Vergadering: 4 maart 2027`);
      expect(text, `page ${index + 1}`).toContain(`Pagina ${index + 1} van ${pages.length}`);
      expect(text, `page ${index + 1}`).toMatch(/vastgelegd op \d{1,2} \w+ 20\d\d/);
    });
    // Titles wrap in their column: compared without white space.
    const flowing = squeeze(execFileSync('pdftotext', [pdf, '-']).toString());
    for (const task of tasks) expect(flowing, task.title).toContain(squeeze(task.title));
    expect(flowing).toContain('2050');
    // A3 landscape is 420 mm wide with 12 mm margins: the printable width ends at 408 mm.
    const printableRight = 408 / 420;
    const printableWidth = 396 / 420;
    expect(Math.abs(rightEdgeOfDrawing(pdf, 1) - printableRight)).toBeLessThanOrEqual(0.05 * printableWidth);
    // Tables start on a page of their own and never leave one row alone on a page.
    const pairRows = pages.map((text) => text.split('\n').filter((line) => /^\s*(Gelijktijdig|Te combineren|Alleen grondkans)\s/.test(line)).length);
    expect(pairRows[0]).toBe(0);
    expect(pairRows.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(2);
    expect(pairRows.filter((count) => count === 1), `pair rows per page: ${pairRows.join(', ')}`).toEqual([]);
    await page.close();
  });

  it('splits a party longer than a page over pages with its heading, the legend and the axis repeated', async () => {
    const admin = await clientAs(app);
    expect((await admin.post('/api/areas', { id: 'lange-lek', name: 'Lange Lek' })).statusCode).toBe(201);
    const titles: string[] = [];
    for (let index = 0; index < 48; index++) {
      const start = 2027 + (index % 12);
      const task = await createTask(
        admin,
        dikeTaskInput({
          areaId: 'lange-lek',
          title: `Dijkvak ${index + 1}`,
          phases: [{ kind: 'realisatie', start: `${start}-01`, end: `${start + 2}-06` }],
          window: { earliestStart: '2026-01', latestEnd: '2049-12' },
        }),
      );
      titles.push(task.title);
    }
    titles.push((await createTask(admin, riverTaskInput({ areaId: 'lange-lek', partyId: 'rws-on', title: 'Uiterwaard Lange Lek' }))).title);
    const snapshot = (await admin.post('/api/snapshots', { areaId: 'lange-lek', title: 'Lange tafel', meetingDate: '2027-05-11' })).json();
    const link = (await admin.post(`/api/snapshots/${snapshot.id}/share-links`, {})).json();
    const page = await stranger.newPage();
    await page.goto(`${baseUrl}${link.url}`);
    await page.locator('.snapshot-print .print-row').first().waitFor({ state: 'attached' });
    const pdf = await printToPdf(page, 'exports-print-long');
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f').filter((text) => text.trim() !== '');
    // The timeline's pages: the legend stands on each (the pairs table follows on pages of its own).
    const timelinePages = pages.filter((text) => text.includes('Legenda'));
    expect(timelinePages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toContain('Legenda');
    for (const text of timelinePages) {
      expect(text).toContain('Hoogheemraadschap De Stichtse Rijnlanden');
      expect(text).toMatch(/2048\s+2050/);
      expect(text).toContain('Lange tafel · Vergadering: 11 mei 2027');
      // No page holds one lone row of the party.
      expect(text.match(/^\s*Dijkvak \d+/gm)!.length).toBeGreaterThanOrEqual(2);
    }
    const flowing = squeeze(execFileSync('pdftotext', [pdf, '-']).toString());
    for (const title of titles) expect(flowing, title).toContain(squeeze(title));
    await page.close();
  });

  it('prints the range the user had in view when chosen, and the whole range by default', async () => {
    const page = await openShared();
    const range = async () => {
      const table = page.locator('.snapshot-print .print-timeline');
      return [Number(await table.getAttribute('data-first-month')), Number(await table.getAttribute('data-last-month'))] as const;
    };
    const [first, last] = await range();
    expect(last).toBe(2050 * 12 + 11);
    const earliestPhase = Math.min(...tasks.flatMap((task) => task.phases.map((phase) => Number(phase.start.slice(0, 4)) * 12 + Number(phase.start.slice(5)) - 1)));
    expect(first).toBeLessThanOrEqual(earliestPhase);
    expect(earliestPhase - first).toBeLessThan(12);

    const timeline = page.locator('.timeline-view .vis-center');
    const box = (await timeline.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -600);
    await page.keyboard.up('Control');
    await page.waitForTimeout(300);
    await page.locator('#print-range').selectOption('view');
    const [viewFirst, viewLast] = await range();
    expect(viewFirst).toBeGreaterThan(first);
    expect(viewLast).toBeLessThan(last);
    // Every row is still printed, cut to the range.
    expect(await page.locator('.snapshot-print .print-task-row').count()).toBe(tasks.length);
    await printToPdf(page, 'exports-print-in-view');
    await page.close();
  });

  it('exports a PNG of at least 1920 pixels wide that reports drawing every party and task row', async () => {
    const page = await openShared();
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('button.png').click()]);
    const path = `${ARTIFACTS}exports-timeline.png`;
    await file.saveAs(path);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1920);
    const rows = new Set(tasks.map((task) => task.partyId)).size + tasks.length;
    expect(await page.locator('button.png').getAttribute('data-rows')).toBe(String(rows));
    expect(await page.locator('.export-status').textContent()).toContain(`${rows} rijen`);
    await page.close();
  });

  it('leaves presentation mode completely by Escape, by its button and by leaving full screen, after stepping through pairs as Toon shows them', async () => {
    const page = await openShared(1280);
    const toolbar = page.locator('.toolbar');
    const presenting = () => page.evaluate(() => document.body.classList.contains('presentation'));
    await page.locator('button.present').click();
    expect(await presenting()).toBe(true);
    expect(await toolbar.isVisible()).toBe(false);
    await page.locator('.presentation-exit').waitFor();
    expect(await page.locator('.presentation-status').textContent()).toContain('Overzicht');

    await page.keyboard.press('ArrowRight');
    await page.locator('.presentation-status', { hasText: 'Paar 1 van' }).waitFor();
    const highlighted = await page.locator('.vis-item.highlighted [data-item]').evaluateAll((items) => items.map((item) => item.getAttribute('data-item')!.split(':')[0]));
    expect(new Set(highlighted).size).toBe(2);
    expect(await page.locator('.timeline-view .vis-label.task-row').evaluateAll((labels) => labels.filter((label) => (label as HTMLElement).offsetHeight > 0).length)).toBe(2);
    expect(await violations(page), 'presentation mode').toEqual([]);
    await screenshot(page, 'exports-presentation-pair');

    await page.keyboard.press('Escape');
    await toolbar.waitFor();
    expect(await presenting()).toBe(false);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(await page.locator('.presentation-bar').isVisible()).toBe(false);
    // Back to every row, nothing highlighted.
    expect(await page.locator('.vis-item.highlighted').count()).toBe(0);

    await page.locator('button.present').click();
    expect(await presenting()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.locator('.presentation-exit').click();
    await toolbar.waitFor();
    expect(await presenting()).toBe(false);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('present'))).toBe(true);
    await screenshot(page, 'exports-after-presentation');

    // Leaving full screen the browser's way (its own Escape, F11) leaves presentation mode too.
    await page.locator('button.present').click();
    await page.waitForFunction(() => document.fullscreenElement !== null);
    await page.evaluate(() => document.exitFullscreen());
    await toolbar.waitFor();
    expect(await presenting()).toBe(false);
    await page.close();
  });

  it('finds no WCAG 2.1 AA violation in the share viewer, its print view and the offline HTML', async () => {
    const page = await openShared(1280);
    expect(await violations(page), 'share viewer').toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await violations(page), 'print view').toEqual([]);
    await page.close();

    const offline = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await offline.goto(`file://${ARTIFACTS}exports-offline.html`);
    await offline.locator('.vis-item').first().waitFor();
    expect(await violations(offline), 'offline HTML').toEqual([]);
    await offline.emulateMedia({ media: 'print' });
    expect(await violations(offline), 'offline HTML printed').toEqual([]);
    await offline.close();
  });
});
