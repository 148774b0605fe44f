/// <reference lib="dom" />
// The console in a real browser: Debian's Chromium driven by playwright-core (no browser can
// be downloaded here; `npm test` installs the package when /usr/bin/chromium is missing).
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildConsole, TOKEN, type TestConsole } from './support/console';
import { cannedInstances, ORDER_3DS, startFakeDapr, type FakeDapr } from './support/fake-dapr';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SHOTS = join(__dirname, '..', '..', '..', '.run', 'console-screenshots');
const AXE = require.resolve('axe-core/axe.min.js');

const PAGES: ReadonlyArray<readonly [string, string]> = [
  ['overview', '/'],
  ['app-detail', '/apps/order'],
  ['resources', '/resources'],
  ['workflows', '/workflows'],
  ['workflows-stalled', '/workflows?status=STALLED'],
  ['workflow-detail', `/workflows/order/checkout-${ORDER_3DS}`],
  ['workflow-long-history', '/workflows/order/long-history-1'],
  ['orders', '/orders'],
  ['order', `/orders/${ORDER_3DS}`],
  ['logs', '/logs'],
  ['metrics', '/charts'],
  ['audit', '/audit'],
  ['login', '/login'],
];

async function serve(c: TestConsole): Promise<{ url: string; server: Server }> {
  const server = await new Promise<Server>((resolve) => {
    const s = c.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Axe {
  run(
    context: unknown,
    options: unknown,
  ): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }>;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

/** Opens a page, collecting console errors and failed same-origin requests. */
async function open(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res || res.status() >= 500) errors.push(`HTTP ${res?.status()}`);
  return errors;
}

describe('console in Chromium (against a fake Dapr)', () => {
  let fake: FakeDapr;
  let c: TestConsole;
  let readOnly: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  const servers: Server[] = [];
  let url = '';
  let readOnlyUrl = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: npm test installs Debian's chromium package (apt-get install -y chromium)`,
      );
    mkdirSync(SHOTS, { recursive: true });
    fake = await startFakeDapr({ instances: cannedInstances(1000) });
    const logs = {
      order: [
        JSON.stringify({
          level: 'info',
          message: `order placed ${ORDER_3DS}`,
          traceId: 'b'.repeat(32),
          timestamp: new Date().toISOString(),
        }),
      ],
    };
    c = await buildConsole({ targets: [fake.target], logs });
    readOnly = await buildConsole({ targets: [fake.target], actions: false });
    const a = await serve(c);
    const b = await serve(readOnly);
    servers.push(a.server, b.server);
    url = a.url;
    readOnlyUrl = b.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    // axe is injected as an inline script, which the console's CSP rightly refuses.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await new Promise((r) => s.close(r));
    c?.close();
    readOnly?.close();
    await fake?.close();
  });

  test.each(PAGES)(
    'When the %s page is opened, then it has no console error and no serious axe violation',
    async (name, path) => {
      const page = await context.newPage();
      const errors = await open(page, `${url}${path}`);
      if (name === 'metrics') await page.waitForSelector('figure.chart', { timeout: 10_000 });
      if (name === 'logs') await page.waitForTimeout(2500); // one live-tail poll
      expect(errors).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      await page.close();
    },
    30_000,
  );

  test('When an operator uses only the keyboard, then they reach the workflows, sign in and approve a payment', async () => {
    const page = await context.newPage();
    await open(page, `${url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // Through the nav: Overview, Workflows.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Workflows');
    await Promise.all([page.waitForURL(/\/workflows$/), page.keyboard.press('Enter')]);

    await open(page, `${url}/login?next=/workflows/order/checkout-${ORDER_3DS}`);
    await page.focus('input[name=token]');
    await page.keyboard.type(TOKEN);
    await Promise.all([page.waitForURL(/checkout-/), page.keyboard.press('Enter')]);

    const form = page.locator('form[action$="/approve-payment"]');
    await form.locator('input[name=reason]').focus();
    await page.keyboard.type('customer confirmed by phone');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['action'])).toBe(
      'approve-payment',
    );
    await Promise.all([page.waitForURL(/done=/), page.keyboard.press('Enter')]);
    expect(await page.locator('.notice.ok').textContent()).toContain('payment sim_pay_1 approved');
    expect(c.approvals).toHaveLength(1);
    await page.screenshot({ path: join(SHOTS, 'after-approval.png'), fullPage: true });
    await page.close();
  }, 30_000);

  test('When the console is read-only, then the page has no action buttons and a POST from the page is 403', async () => {
    const page = await context.newPage();
    const errors = await open(page, `${readOnlyUrl}/workflows/order/checkout-${ORDER_3DS}`);
    expect(errors).toEqual([]);
    expect(await page.locator('button[data-action]').count()).toBe(0);
    const status = await page.evaluate(async (t) => {
      const res = await fetch(location.pathname.replace('/workflows/', '/actions/workflows/') + '/terminate', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
        body: JSON.stringify({ reason: 'should not happen', confirm: 'yes' }),
      });
      return res.status;
    }, TOKEN);
    expect(status).toBe(403);
    await page.screenshot({ path: join(SHOTS, 'read-only.png'), fullPage: true });
    await page.close();
  }, 30_000);
});
