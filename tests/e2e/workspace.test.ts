import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignmentReportResponse } from '../../server/contracts/alignments.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, ifMatch, type TestClient } from '../helpers/app.js';
import { VIEWPORTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let planner: TestClient;
let editor: TestClient;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  planner = await clientAs(app, 'hdsr@demo.local');
  editor = await clientAs(app, 'rws-on@demo.local');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const contexts = new Map<string, BrowserContext>();

/** A page signed in as this user: one sign-in per user (sign-in is limited to 10 a minute per address). */
async function pageAs(email: string, viewport = VIEWPORTS[0]!): Promise<Page> {
  let context = contexts.get(email);
  if (!context) {
    context = await browser.newContext({ viewport });
    await signIn(await context.newPage(), baseUrl, email);
    contexts.set(email, context);
  }
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  return page;
}

async function openArea(page: Page, areaId: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/${areaId}`);
  await page.locator('.vis-item').first().waitFor();
}

/** Whether the element is inside the viewport and not hidden under something else (a scrolled-away row, another panel). */
async function seen(locator: Locator): Promise<boolean> {
  const why = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return 'no size';
    if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) return `outside the viewport: ${JSON.stringify(box)}`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (element.contains(hit) || hit.contains(element)) ? '' : `covered by ${hit?.className}`;
  });
  if (why) console.warn(`not seen: ${why}`);
  return why === '';
}

const bar = (page: Page, taskId: string) => page.locator(`.vis-item:has([data-item="${taskId}:realisatie"])`);

async function dragRealisation(page: Page, taskId: string, dx: number): Promise<void> {
  const box = (await bar(page, taskId).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width / 2 + (dx * step) / 10, y);
  await page.mouse.up();
}

async function focusByTab(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((candidate) => document.activeElement?.matches(candidate) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} by Tab`);
}

describe('the area workspace in Chromium', { timeout: 90_000 }, () => {
  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width}×${viewport.height}, Toon brings both tasks into view, highlighted, with the suggested position visible`, async () => {
      const page = await pageAs('regisseur@demo.local', viewport);
      await openArea(page, 'vierwaarden');
      const report: AlignmentReportResponse = (await planner.get('/api/areas/vierwaarden/alignments')).json();
      // The smallest suggested move: the ghost must show even when it hardly differs from the bar.
      const pair = report.pairs.filter((candidate) => candidate.move).sort((a, b) => Math.abs(a.move!.shiftMonths) - Math.abs(b.move!.shiftMonths))[0]!;
      const row = page.locator('.pair-row').filter({ hasText: pair.explanation.nl }).first();
      await row.locator('.show-pair').click();
      await page.locator('.vis-item.ghost').waitFor();
      for (const taskId of [pair.dikeTaskId, pair.otherTaskId]) {
        await expect.poll(() => page.locator(`.vis-item.highlighted:has([data-item="${taskId}:realisatie"])`).count()).toBe(1);
        expect(await seen(bar(page, taskId)), `bar of ${taskId}`).toBe(true);
      }
      const ghost = page.locator('.vis-item.ghost');
      expect(await seen(ghost)).toBe(true);
      const [ghostBox, movedBox] = [await ghost.boundingBox(), await bar(page, pair.move!.taskId).boundingBox()];
      // Drawn above the bar (an offset lane), so a one-month shift is not hidden behind it.
      expect(ghostBox!.y).toBeLessThan(movedBox!.y - 3);
      await screenshot(page, `workspace-toon-${viewport.width}`);
      await page.close();
    });
  }

  it('after a drag the evaluation is beside the timeline, in view without scrolling', async () => {
    const page = await pageAs('hdsr@demo.local', VIEWPORTS[1]);
    const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
    const cub = tasks.find((task) => task.externalRef === 'SLD-CUB')!;
    await openArea(page, 'sterke-lekdijk');
    await page.locator('.scenario-toggle').click();
    await page.locator('#scenario-name').fill('Slepen');
    await page.locator('.create-scenario').click();
    await page.locator('.scenario-output h3', { hasText: 'Slepen' }).waitFor();
    const scrolled = await page.evaluate(() => window.scrollY);
    await dragRealisation(page, cub.id, 60);
    await page.locator('.scenario-moves li').first().waitFor();
    const firstLine = page.locator('.evaluation li, .evaluation-clean').first();
    await firstLine.waitFor();
    await expect.poll(() => seen(page.locator('.scenario-output h4'))).toBe(true);
    expect(await seen(firstLine)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await screenshot(page, 'workspace-drag');
    await page.close();
  });

  it('lets an editor create a task with three phases, which shows on the timeline and in the pairs', async () => {
    const page = await pageAs('rws-on@demo.local');
    await openArea(page, 'sterke-lekdijk');
    await page.locator('.toolbar .new-task').click();
    await page.locator('#task-title').fill('Nevengeul Everdingen');
    await page.locator('#task-programme').selectOption('KRW');
    await page.locator('#task-kind').selectOption('river_measure');
    await page.locator('#task-phase-verkenning').check();
    await page.locator('#task-verkenning-start').fill('2027-01');
    await page.locator('#task-verkenning-end').fill('2027-12');
    await page.locator('#task-phase-planuitwerking').check();
    await page.locator('#task-planuitwerking-start').fill('2028-01');
    await page.locator('#task-planuitwerking-end').fill('2029-06');
    await page.locator('#task-realisatie-start').fill('2029-07');
    await page.locator('#task-realisatie-end').fill('2031-12');
    await page.locator('#task-soil-supply').fill('80000');
    await page.locator('#task-soil-type').selectOption('klei');
    await page.locator('#task-trajectory').fill('44-1');
    await page.locator('.trajectory-option[data-traject="44-1"]').click();
    expect(await page.locator('.trajectory-chosen').textContent()).toMatch(/44-1 · norm 1\/[\d.]+ · [\d,]+ km · /);
    await page.locator('.save-task').click();
    await page.locator('.task-detail #detail-title', { hasText: 'Nevengeul Everdingen' }).waitFor();
    const created = ((await editor.get('/api/areas/sterke-lekdijk/tasks')).json() as TaskResponse[]).find((task) => task.title === 'Nevengeul Everdingen')!;
    expect(created.phases.map((phase) => phase.kind)).toEqual(['verkenning', 'planuitwerking', 'realisatie']);
    for (const phase of created.phases) await page.locator(`[data-item="${created.id}:${phase.kind}"][data-start="${phase.start}"]`).waitFor();
    await page.locator('#tab-pairs').click();
    await page.locator('.pair-row', { hasText: 'Nevengeul Everdingen' }).first().waitFor();
    await screenshot(page, 'workspace-created');
    await page.close();
  });

  it('shows a server field error next to its field, in Dutch', async () => {
    const page = await pageAs('rws-on@demo.local');
    await openArea(page, 'sterke-lekdijk');
    await page.locator('.toolbar .new-task').click();
    await page.locator('#task-title').fill('Omgekeerde fase');
    await page.locator('#task-programme').selectOption('KRW');
    await page.locator('#task-kind').selectOption('nature');
    await page.locator('#task-realisatie-start').fill('2031-06');
    await page.locator('#task-realisatie-end').fill('2030-01');
    await page.locator('.save-task').click();
    const error = page.locator('[data-field="phases.realisatie.end"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Het einde van de fase ligt vóór de start.');
    expect(await page.locator('#task-realisatie-end').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'workspace-field-error');
    await page.close();
  });

  it('shows what someone else changed meanwhile and re-applies the user’s edit on the new version', async () => {
    const page = await pageAs('rws-on@demo.local');
    const tasks: TaskResponse[] = (await editor.get('/api/areas/sterke-lekdijk/tasks')).json();
    const task = tasks.find((candidate) => candidate.partyId === 'rws-on')!;
    await openArea(page, 'sterke-lekdijk');
    await page.locator(`.vis-item:has([data-item="${task.id}:realisatie"])`).click();
    await page.locator('.edit-task').click();
    await page.locator('#task-cost').fill('1234567');
    const theirs = await editor.patch(`/api/tasks/${task.id}`, { status: 'projectbesluit' }, ifMatch(task));
    expect(theirs.statusCode).toBe(200);
    await page.locator('.save-task').click();
    const conflict = page.locator('.conflict');
    await conflict.waitFor();
    expect(await conflict.locator('.conflict-theirs').textContent()).toContain('Projectbesluit');
    expect(await conflict.locator('.conflict-mine').textContent()).toContain('Kosten');
    await screenshot(page, 'workspace-conflict');
    await page.locator('.conflict-reapply').click();
    await page.locator('.task-detail').waitFor();
    const saved: TaskResponse = (await editor.get(`/api/tasks/${task.id}`)).json();
    expect(saved.status).toBe('projectbesluit');
    expect(saved.costEur).toBe(1234567);
    expect(saved.version).toBe(task.version + 2);
    // The history says what changed in words: field names and values as the form shows them.
    await expect.poll(() => page.locator('.history li').allTextContents()).toContainEqual(expect.stringMatching(/gewijzigd: Kosten: .* → €\s?1\.234\.567/));
    expect(await page.locator('.history').textContent()).not.toMatch(/costEur|soilSupplyM3|update:/);
    await page.close();
  });

  it('asks before deleting a task', async () => {
    const page = await pageAs('rws-on@demo.local');
    const made = (await editor.post('/api/tasks', { areaId: 'sterke-lekdijk', programme: 'KRW', kind: 'nature', title: 'Weg ermee', phases: [{ kind: 'realisatie', start: '2032-01', end: '2032-12' }] })).json() as TaskResponse;
    await openArea(page, 'sterke-lekdijk');
    await bar(page, made.id).click();
    await page.locator('.delete-task').click();
    expect((await editor.get(`/api/tasks/${made.id}`)).statusCode).toBe(200);
    await page.locator('.confirm-delete').click();
    await expect.poll(async () => (await editor.get(`/api/tasks/${made.id}`)).statusCode).toBe(404);
    await expect.poll(() => bar(page, made.id).count()).toBe(0);
    await page.close();
  });

  it('shows a viewer, and another party, the same panel without edit controls', async () => {
    const viewer = await pageAs('lezer@demo.local');
    const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
    const dike = tasks.find((task) => task.partyId === 'hdsr')!;
    await openArea(viewer, 'sterke-lekdijk');
    expect(await viewer.locator('.new-task').count()).toBe(0);
    await bar(viewer, dike.id).click();
    await viewer.locator('.task-detail .read-only-note').waitFor();
    expect(await viewer.locator('.edit-task, .delete-task').count()).toBe(0);
    await viewer.close();
    const other = await pageAs('rws-on@demo.local');
    await openArea(other, 'sterke-lekdijk');
    await bar(other, dike.id).click();
    await other.locator('.task-detail .read-only-note').waitFor();
    expect(await other.locator('.task-detail .edit-task').count()).toBe(0);
    await other.close();
  });

  it('moves a task by keyboard alone in scenario mode, announces it, and applies after confirming', async () => {
    const page = await pageAs('hdsr@demo.local', VIEWPORTS[1]);
    const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
    const jav = tasks.find((task) => task.externalRef === 'SLD-JAV')!;
    await openArea(page, 'sterke-lekdijk');
    // The side panel's tabs follow the ARIA tabs pattern: Tab reaches the open one, arrows move between them.
    await focusByTab(page, '#tab-pairs');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-scenario');
    await focusByTab(page, '#scenario-name');
    await page.keyboard.type('Toetsenbord');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.scenario-output h3', { hasText: 'Toetsenbord' }).waitFor();
    await focusByTab(page, '#move-task');
    for (let presses = 0; presses < 30 && (await page.locator('#move-task').inputValue()) !== jav.id; presses++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#move-task').inputValue()).toBe(jav.id);
    await focusByTab(page, '.move-slider');
    await page.keyboard.press('ArrowRight');
    await page.locator('.scenario-moves li', { hasText: '+1 mnd' }).waitFor();
    await page.keyboard.press('Shift+ArrowRight');
    await page.locator('.scenario-moves li', { hasText: '+13 mnd' }).waitFor();
    expect(await page.locator('.announce').textContent()).toContain(jav.title);
    expect(await page.locator('.move-slider').getAttribute('aria-valuenow')).toBe('13');
    await expect.poll(() => page.locator('.apply-scenario').isEnabled()).toBe(true);
    await focusByTab(page, '.apply-scenario');
    await page.keyboard.press('Enter');
    await page.locator('.confirm-apply').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('confirm-apply'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.apply-result.applied').waitFor();
    expect(await page.locator('.apply-result.applied').textContent()).toContain(jav.title);
    const moved: TaskResponse = (await planner.get(`/api/tasks/${jav.id}`)).json();
    const shifted = (month: string, by: number) => {
      const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 + by;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    };
    expect(moved.phases.find((phase) => phase.kind === 'realisatie')!.start).toBe(shifted(jav.phases.find((phase) => phase.kind === 'realisatie')!.start, 13));
    await page.close();
  });

  it('says why a task cannot move when the user tries', async () => {
    const page = await pageAs('hdsr@demo.local');
    const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
    const salmsteke = tasks.find((task) => task.externalRef === 'SLD-SAL')!;
    await openArea(page, 'sterke-lekdijk');
    await page.locator('.scenario-toggle').click();
    await page.locator('#scenario-name').fill('Waarom niet');
    await page.locator('.create-scenario').click();
    await page.locator('.scenario-output h3', { hasText: 'Waarom niet' }).waitFor();
    await bar(page, salmsteke.id).click();
    await page.locator('.announce', { hasText: salmsteke.title }).waitFor();
    expect(await page.locator('.announce').textContent()).toMatch(/geen venster|in realisatie/);
    await page.close();
  });

  it('keeps keyboard focus on the pair after Toon, and takes it to the scenario after Probeer', async () => {
    const page = await pageAs('wl@demo.local');
    await openArea(page, 'vierwaarden');
    const row = page.locator('.pair-row', { has: page.locator('.try-pair') }).first();
    await row.locator('.show-pair').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('show-pair');
    expect(await page.evaluate(() => document.activeElement?.closest('.pair-row')?.classList.contains('selected'))).toBe(true);
    await page.locator('.pair-row.selected .try-pair').focus();
    await page.keyboard.press('Enter');
    await page.locator('.scenario-moves li').first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('panel-scenario');
    await page.close();
  });

  it('says so when a search matches no task', async () => {
    const page = await pageAs('regisseur@demo.local');
    await openArea(page, 'vierwaarden');
    await page.locator('#filter-search').fill('bestaat-niet-xyz');
    await page.locator('.area-main .no-match', { hasText: 'Geen opgaven' }).waitFor();
    await page.locator('.pairs-panel .no-match', { hasText: 'Geen paren' }).waitFor();
    await page.close();
  });

  it('filters the pairs by status, with the count per status', async () => {
    const page = await pageAs('regisseur@demo.local');
    await openArea(page, 'vierwaarden');
    const report: AlignmentReportResponse = (await planner.get('/api/areas/vierwaarden/alignments')).json();
    const alignable = report.counts.alignable_by_dike + report.counts.alignable_by_other;
    await page.locator('.pair-row').first().waitFor();
    expect(await page.locator('#filter-status option[value="alignable"]').textContent()).toContain(`(${alignable})`);
    await page.locator('#filter-status').selectOption('alignable');
    await expect.poll(() => page.locator('.pair-row').count()).toBe(Math.min(alignable, 50));
    expect(await page.locator('.pair-row.status-aligned, .pair-row.status-not_alignable').count()).toBe(0);
    await page.close();
  });

  it('closes the task panel with Escape and returns focus to what opened it', async () => {
    const page = await pageAs('regisseur@demo.local');
    await openArea(page, 'meanderende-maas');
    await page.locator('button[data-tab="table"]').click();
    const opener = page.locator('.table-view .show-task').first();
    await opener.click();
    await page.locator('.task-detail #detail-title').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    await page.keyboard.press('Escape');
    await expect.poll(() => opener.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.locator('#tab-pairs').getAttribute('aria-selected')).toBe('true');
    await page.close();
  });

  it('below 1280 px stacks the panel under the timeline and scrolls it into view when it opens', async () => {
    const page = await pageAs('regisseur@demo.local', { width: 1024, height: 768 });
    await openArea(page, 'sterke-lekdijk');
    const side = await page.locator('.side-panel').boundingBox();
    const timeline = await page.locator('.timeline').boundingBox();
    expect(side!.y).toBeGreaterThan(timeline!.y + timeline!.height - 1);
    const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
    await bar(page, tasks[0]!.id).click();
    await page.locator('.task-detail #detail-title').waitFor();
    await expect.poll(() => seen(page.locator('.panel-tabs'))).toBe(true);
    await page.close();
  });

  it('lets an area director create an area and rename it on its page, and an admin add a party and a user', async () => {
    const director = await pageAs('regisseur@demo.local');
    await director.goto(`${baseUrl}/#/beheer`);
    await director.locator('#new-area-id').fill('ijsselvallei');
    await director.locator('#new-area-name').fill('IJsselvallei');
    await director.locator('.create-area').click();
    await director.locator('a[href="#/gebied/ijsselvallei"]').click();
    await director.locator('h1', { hasText: 'IJsselvallei' }).waitFor();
    expect(await director.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await director.locator('.area-editor summary').click();
    await director.locator('#area-name').fill('IJsselvallei Zuid');
    await director.locator('.save-area').click();
    await director.locator('h1', { hasText: 'IJsselvallei Zuid' }).waitFor();
    expect((await planner.get('/api/areas/ijsselvallei')).json().name).toBe('IJsselvallei Zuid');
    await director.close();

    const admin = await pageAs('admin@demo.local');
    await admin.goto(`${baseUrl}/#/beheer`);
    await admin.locator('#new-party-id').fill('gem-zutphen');
    await admin.locator('#new-party-name').fill('Gemeente Zutphen');
    await admin.locator('.create-party').click();
    await admin.locator('.party-list li', { hasText: 'Gemeente Zutphen' }).waitFor();
    await admin.locator('#new-user-email').fill('zutphen@demo.local');
    await admin.locator('#new-user-name').fill('Planner Zutphen');
    await admin.locator('#new-user-party').selectOption('gem-zutphen');
    await admin.locator('#new-user-password').fill('zutphen-wachtwoord');
    await admin.locator('.create-user').click();
    await admin.locator('td', { hasText: 'zutphen@demo.local' }).waitFor();

    // Directors are assigned per area by ticking users with the role area director.
    await admin.locator('#directors-area').selectOption('vierwaarden');
    const regisseur = admin.locator('.director-choices label', { hasText: 'Regisseur' }).locator('input');
    await regisseur.waitFor();
    const before: { userId: string }[] = (await planner.get('/api/areas/vierwaarden/directors')).json();
    expect(await regisseur.isChecked()).toBe(before.length > 0);
    await regisseur.setChecked(before.length === 0);
    await admin.locator('.save-directors').click();
    await admin.locator('[role="status"]', { hasText: before.length === 0 ? '1 regisseur' : '0 regisseur' }).waitFor();
    expect((await planner.get('/api/areas/vierwaarden/directors')).json()).toHaveLength(before.length === 0 ? 1 : 0);
    await admin.close();
  });
});
