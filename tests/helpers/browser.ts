import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTestApp } from './app.js';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

/** The two widths every browser check looks at: side by side from 1280 px, roomy at 1600. */
export const VIEWPORTS: readonly { width: number; height: number }[] = [
  { width: 1600, height: 1000 },
  { width: 1280, height: 800 },
];

/** The real server with the demo seed and the built client, listening on a free port. */
export async function startServer(): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = await buildTestApp({ seedDemo: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** Signs in through the login form, as a user would. */
export async function signIn(page: Page, baseUrl: string, email: string, password = 'demo'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('form.login-form button[type=submit]').click();
  await page.locator('.area-cards').waitFor();
}
