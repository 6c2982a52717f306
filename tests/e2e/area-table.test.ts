import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, type TestClient } from '../helpers/app.js';
import { violations } from '../helpers/axe.js';
import { launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let directorApi: TestClient;
let lottum: TaskResponse;
let jachthaven: TaskResponse;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  browser = await launchChromium();
  directorApi = await clientAs(app, 'regisseur@demo.local');
  const tasks: TaskResponse[] = (await directorApi.get('/api/areas/vierwaarden/tasks')).json();
  lottum = tasks.find((task) => task.externalRef === 'VW-LOTTUM')!;
  jachthaven = tasks.find((task) => task.externalRef === 'GEM-VENLO-JACHTHAVEN')!;
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
});

async function signedIn(email: string, width: number): Promise<Page> {
  // axe-core is injected as an inline script: the test page lets it past the CSP.
  const context = await browser.newContext({ viewport: { width, height: 1000 }, bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  return page;
}

const bar = (page: Page, taskId: string) => page.locator(`.vis-item:has([data-item="${taskId}:realisatie"])`).first();

describe('the area table in the browser, with two users at once', { timeout: 180_000 }, () => {
  it('a director proposes from a pair, the water board accepts from its inbox, the director’s screen follows live, the decision goes on the agenda and into the next snapshot', async () => {
    const previousMeeting = (await directorApi.post('/api/snapshots', { areaId: 'vierwaarden', title: 'Gebiedstafel februari' })).json();

    // The director at the meeting screen.
    const director = await signedIn('regisseur@demo.local', 1600);
    await director.goto(`${baseUrl}/#/gebied/vierwaarden`);
    await bar(director, lottum.id).waitFor();
    const row = director.locator('.pair-row', { hasText: lottum.title }).filter({ hasText: jachthaven.title }).first();
    await row.waitFor();
    await row.locator('.propose-pair').click();
    await row.locator('form.proposal-form input').fill('Gelijk met de jachthaven: één bouwweg, grond uitwisselen');
    await row.locator('.send-proposal').click();
    await director.locator('.announce', { hasText: 'Voorstel verstuurd' }).waitFor();
    await screenshot(director, 'area-table-proposed-1600');
    // Nothing below reloads the page: this mark would be gone.
    await director.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
    const before = (await bar(director, lottum.id).boundingBox())!;

    // The water-board planner sees it in the inbox, looks at it on the timeline, and accepts it.
    const board = await signedIn('wl@demo.local', 1280);
    await board.locator('.inbox-count', { hasText: '1' }).waitFor();
    await board.goto(`${baseUrl}/#/voorstellen`);
    const proposalRow = board.locator('.inbox-party .proposal-row').first();
    await proposalRow.waitFor();
    expect(await proposalRow.textContent()).toContain(lottum.title);
    expect(await violations(board)).toEqual([]);
    await screenshot(board, 'area-table-inbox-1280');
    await proposalRow.locator('.open-proposal').click();
    await board.locator('.proposal-focus:not([hidden])').waitFor();
    await board.locator('.vis-item.ghost').first().waitFor();
    await screenshot(board, 'area-table-proposal-ghost-1280');
    await board.goto(`${baseUrl}/#/voorstellen`);
    await board.locator('.inbox-party .proposal-row .accept-proposal').click();
    await board.locator('.announce', { hasText: 'aangenomen' }).waitFor();

    // The director's open timeline moves the bar, without a reload, and says who did it.
    await director.locator('.announce', { hasText: 'wl@demo.local' }).waitFor({ timeout: 5_000 });
    await expect.poll(async () => (await bar(director, lottum.id).boundingBox())!.x, { timeout: 5_000 }).toBeGreaterThan(before.x + 20);
    expect(await director.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

    // The director records the decision on the agenda.
    await director.locator('#tab-agenda').click();
    await director.locator('.agenda-new summary').click();
    await director.locator('#agenda-new-title').fill('Lottum en de jachthaven gelijk');
    await director.locator('#agenda-new-text').fill('Waterschap Limburg schuift Lottum op, zodat de bouwweg gedeeld wordt.');
    await director.locator('.agenda-add').click();
    const item = director.locator('.agenda-item', { hasText: 'Lottum en de jachthaven gelijk' });
    await item.waitFor();
    await item.locator('.agenda-manage summary').click();
    await item.locator('select[id^="agenda-status-"]').selectOption('decided');
    await item.locator('textarea[id^="agenda-decision-"]').fill('Lottum schuift 19 maanden op; de gemeente plant de jachthaven mee.');
    await item.locator('select[id^="agenda-meeting-"]').selectOption(previousMeeting.id);
    await item.locator('.agenda-save').click();
    await director.locator('.agenda-decision', { hasText: 'Lottum schuift 19 maanden op' }).waitFor();
    expect(await violations(director)).toEqual([]);
    await screenshot(director, 'area-table-agenda-1600');
    await director.setViewportSize({ width: 1280, height: 900 });
    await screenshot(director, 'area-table-agenda-1280');

    // The next meeting's snapshot lists both since the previous meeting, and shows the agenda.
    const next = (await directorApi.post('/api/snapshots', { areaId: 'vierwaarden', title: 'Gebiedstafel maart' })).json();
    await director.goto(`${baseUrl}/#/snapshot/${next.id}`);
    const since = director.locator('.since-previous');
    await since.locator('li', { hasText: `Voorstel aangenomen: ${lottum.title}` }).waitFor();
    await since.locator('li', { hasText: 'Besloten: Lottum en de jachthaven gelijk' }).waitFor();
    await director.locator('.snapshot-agenda .agenda-decision', { hasText: 'Lottum schuift 19 maanden op' }).waitFor();
    expect(await violations(director)).toEqual([]);
    await screenshot(director, 'area-table-snapshot-1280');
    await director.setViewportSize({ width: 1600, height: 1000 });
    await screenshot(director, 'area-table-snapshot-1600');
  });
});
