import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanResponse } from '../../server/contracts/plans.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { clientAs, type TestClient } from '../helpers/app.js';
import { violations } from '../helpers/axe.js';
import { ARTIFACTS, launchChromium, screenshot, signIn, startServer } from '../helpers/browser.js';
import { addSlowPlanWorkload } from '../helpers/plan-workload.js';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let page: Page;
let api: TestClient;

beforeAll(async () => {
  ({ app, baseUrl } = await startServer());
  api = await clientAs(app, 'wl@demo.local');
  browser = await launchChromium();
  // axe-core is injected as an inline script, which the app's Content-Security-Policy refuses.
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, bypassCSP: true });
  await signIn(page, baseUrl, 'wl@demo.local');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

function shifted(month: string, shift: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 + shift;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Vierwaarden in scenario mode, with the plan dialog open. */
async function openPlanDialog(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/gebied/vierwaarden`);
  await page.locator('.vis-item').first().waitFor();
  await page.locator('.scenario-toggle').click();
  await page.locator('.suggest-plan').click();
  await page.locator('dialog.plan-dialog[open] .plan-form').waitFor();
}

/** Starts the plan and answers the plan the server started (its id, to check it through the API). */
async function startPlan(): Promise<PlanResponse> {
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/plans') && response.request().method() === 'POST');
  await page.locator('.start-plan').click();
  const response = await answer;
  expect(response.status()).toBe(202);
  return (await response.json()) as PlanResponse;
}

describe('suggesting a plan in Chromium', { timeout: 90_000 }, () => {
  it('suggests a plan for an area, shows its progress, explains every move and opens it as the scenario on the timeline', async () => {
    await openPlanDialog();
    // Sensible defaults, in plain words: quarters, one month of overlap, 20 s, nobody else's tasks, urgency kept.
    expect(await page.locator('#plan-step').inputValue()).toBe('3');
    expect(await page.locator('#plan-min-overlap').inputValue()).toBe('1');
    expect(await page.locator('#plan-time-limit').inputValue()).toBe('20');
    expect(await page.locator('#plan-move-others').isChecked()).toBe(false);
    expect(await page.locator('#plan-allow-inversions').isChecked()).toBe(false);
    expect(await page.locator('.plan-never').textContent()).toContain('nooit werk dat al begonnen is');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}plan-dialog-options.png` });
    await page.locator('label[for=plan-move-others]').click();

    const started = await startPlan();
    await page.locator('#plan-progress').waitFor();
    expect(await page.locator('.plan-elapsed').textContent()).toMatch(/^\d+ van hooguit 20 seconden$/);
    await page.locator('dialog .plan-moves').waitFor({ timeout: 60_000 });
    const plan: PlanResponse = (await api.get(`/api/plans/${started.id}`)).json();
    expect(plan.status).toBe('optimal');
    const moves = plan.result!.moves;
    expect(moves.length).toBeGreaterThan(1);

    // Every move in words, in the server's order: where it goes and what it now lines up with.
    const texts = await page.locator('dialog .plan-move-text').allTextContents();
    expect(texts).toHaveLength(moves.length);
    moves.forEach((move, index) => {
      expect(texts[index]).toMatch(new RegExp(`^${move.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+ maand(en)? (later|eerder): `));
      for (const pair of move.pairsWon) expect(texts[index]).toContain(pair.partnerTitle);
    });
    // Moving another party's task needs its consent: said in words and with a lock.
    const foreign = moves.filter((move) => move.needsConsent);
    expect(foreign.length).toBeGreaterThan(0);
    for (const move of foreign) {
      const item = page.locator(`dialog .plan-move[data-task-id="${move.taskId}"]`);
      expect(await item.locator('.plan-consent').textContent()).toMatch(/Toestemming nodig: .+ beslist over deze opgave/);
      expect(await item.locator('.plan-consent svg.icon-lock').count()).toBe(1);
    }
    expect(await page.locator('dialog .plan-move:not(.needs-consent) .plan-consent').first().textContent()).toContain('zelf doorvoeren');
    // The figures before and after, and that the plan is proven best.
    const figures = await page.locator('dialog .plan-figures tbody tr').allTextContents();
    expect(figures[0]).toContain(`Gelijktijdige paren${plan.result!.alignedPairsBefore}${plan.result!.alignedPairsAfter}`);
    expect(figures.at(-1)).toContain('bewezen optimaal');
    expect(await page.locator('dialog .plan-outcome').textContent()).toContain(`${moves.length} verschuiving(en)`);
    expect(await violations(page)).toEqual([]);
    // The dialog as the planner sees it (a full-page picture would stretch the page under the modal).
    for (const width of [1280, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${ARTIFACTS}plan-dialog-result-${width}.png` });
    }
    await page.setViewportSize({ width: 1500, height: 1000 });

    // The plan is the area's open scenario: closing the dialog shows its moves on the timeline.
    await page.locator('.show-plan-scenario').click();
    await page.locator('dialog.plan-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('suggest-plan'))).toBe(true);
    await expect.poll(() => page.locator('.scenario-moves li').count()).toBe(moves.length);
    expect(await page.locator('.scenario-output h3').first().textContent()).toMatch(/^Plan gebied vierwaarden /);
    const tasks = new Map(((await api.get('/api/areas/vierwaarden/tasks')).json() as TaskResponse[]).map((task) => [task.id, task]));
    for (const move of moves) {
      const realisation = tasks.get(move.taskId)!.phases.find((phase) => phase.kind === 'realisatie')!;
      await page.locator(`[data-item="${move.taskId}:realisatie"][data-start="${shifted(realisation.start, move.shiftMonths)}"]`).waitFor();
    }
    expect(await page.locator('.plan-explanation .plan-move.needs-consent').count()).toBe(foreign.length);
    await page.locator('.evaluation, .evaluation-clean').first().waitFor();
    await screenshot(page, 'plan-scenario-1500');
    for (const width of [1280, 1600]) {
      await page.setViewportSize({ width, height: 1000 });
      await screenshot(page, `plan-scenario-${width}`);
    }
    await page.setViewportSize({ width: 1500, height: 1000 });

    // Voorleggen: the moves that need consent go to their owners as proposals, one bundle.
    await page.locator('#propose-scenario-reason').fill('Gelijktijdig met de rivierverruiming');
    await page.locator('.propose-scenario-send').click();
    await page.locator('.announce', { hasText: `${foreign.length} voorstel(len) voorgelegd` }).waitFor();
    const proposals: { taskId: string; status: string; bundleId: string | null }[] = (await api.get('/api/proposals?areaId=vierwaarden&status=open')).json();
    const proposed = proposals.filter((proposal) => foreign.some((move) => move.taskId === proposal.taskId));
    expect(proposed).toHaveLength(foreign.length);
    expect(new Set(proposed.map((proposal) => proposal.bundleId)).size).toBe(1);
  });

  it('stops a long solve on the server when the planner presses Stoppen', async () => {
    await addSlowPlanWorkload(app);
    await openPlanDialog();
    await page.locator('#plan-step').selectOption('1');
    await page.locator('#plan-time-limit').selectOption('120');
    const started = await startPlan();
    await page.locator('#plan-progress').waitFor();
    expect(await page.locator('.plan-elapsed').textContent()).toMatch(/van hooguit 120 seconden$/);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}plan-dialog-progress.png` });
    await page.locator('.cancel-plan').click();
    await page.locator('.plan-ended.plan-cancelled').waitFor();
    expect(await page.locator('.plan-ended').textContent()).toContain('Het rekenen is gestopt; er is geen scenario gemaakt.');
    const stopped: PlanResponse = (await api.get(`/api/plans/${started.id}`)).json();
    expect(stopped).toMatchObject({ status: 'cancelled', scenarioId: null, messageCode: 'plan_cancelled' });
    // Back to the choices as they were, to try again with others.
    await page.locator('.plan-again').click();
    await page.locator('.plan-form').waitFor();
    expect(await page.locator('#plan-step').inputValue()).toBe('1');
    expect(await page.locator('#plan-time-limit').inputValue()).toBe('120');
    await page.keyboard.press('Escape');
    await page.locator('dialog.plan-dialog').waitFor({ state: 'detached' });
  });

  it('stops the solve too when the planner closes the dialog while it runs', async () => {
    await openPlanDialog();
    await page.locator('#plan-step').selectOption('1');
    await page.locator('#plan-time-limit').selectOption('120');
    const started = await startPlan();
    await page.locator('#plan-progress').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dialog.plan-dialog').waitFor({ state: 'detached' });
    await expect.poll(async () => (await api.get(`/api/plans/${started.id}`)).json().status, { timeout: 10_000 }).toBe('cancelled');
  });
});
