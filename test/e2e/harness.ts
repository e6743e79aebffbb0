// The browser test harness: a server on a fresh SQLite database and a random port, Debian's
// chromium driven by playwright-core, axe-core run on every page, screenshots per viewport.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/app.js';
import type { Role } from '../../src/modules/auth/roles.js';
import { createTestContext, type TestContext } from '../helpers/test-db.js';
import { makeWebUser, WEB_PASSWORD } from '../helpers/web.js';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Where the screenshots go (git-ignored); look at them after a run. */
export const SCREENSHOT_DIR = path.resolve('test-output', 'e2e');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface E2eServer extends TestContext {
  baseUrl: string;
  close(): Promise<void>;
  /** A user who can log in with WEB_PASSWORD. */
  user(role: Role, username?: string): ReturnType<typeof makeWebUser>;
}

/** createApp on a fresh SQLite database, listening on a random port of 127.0.0.1. */
export async function startE2eServer(now = '2024-03-05T10:00:00+01:00'): Promise<E2eServer> {
  const ctx = await createTestContext(now);
  const app = createApp(ctx.services, { bodyLimit: '100kb', trustProxy: false });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    user: (role, username) => makeWebUser(ctx.services, role, username),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.destroy();
    },
  };
}

export interface E2eBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP refusals seen so far: a page should cause none. */
  problems: string[];
  close(): Promise<void>;
}

/** Debian's chromium with a fresh profile, Dutch locale, at a viewport. */
export async function openBrowser(viewport: ViewportName): Promise<E2eBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bboor-e2e-'));
  // launchPersistentContext passes the fresh profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // --lang: the date fields show dd-mm-jjjj as on a Dutch phone (the locale option alone sets only the headers).
    args: [...CHROMIUM_ARGS, '--lang=nl-NL'],
    env: { ...process.env, LANG: 'nl_NL.UTF-8', LANGUAGE: 'nl' },
    viewport: VIEWPORTS[viewport],
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    ...(viewport === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  // A page answered 400 or 404 on purpose is no problem; a style or script that failed to load is,
  // and so is anything the Content-Security-Policy refused or a script threw.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/**
 * Runs axe-core in the page and fails on any serious or critical violation. The script is
 * evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as served.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)')) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${label}`).to.deep.equal([]);
}

/** A full-page screenshot under test-output/e2e/<viewport>-<name>.png. */
export async function screenshot(page: Page, viewport: ViewportName, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport}-${name}.png`), fullPage: true });
}

/** Every page visited: checked with axe and photographed. */
export async function checkPage(page: Page, viewport: ViewportName, name: string): Promise<void> {
  await expectAccessible(page, `${name} (${viewport})`);
  await screenshot(page, viewport, name);
}

/** Presses Tab (keyboard only) until the element matching `selector` has the focus. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with Tab in ${maxPresses} presses`);
}

/** Logs in on the login page with a filled-in form (the keyboard-only login is tested per role). */
export async function logIn(page: Page, baseUrl: string, username: string, password = WEB_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill('#gebruikersnaam', username);
  await page.fill('#wachtwoord', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}/app`);
}
