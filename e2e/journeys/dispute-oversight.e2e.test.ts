import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser } from '../src/browser.ts';
import { screenshotDir, screenshotsFor } from '../src/screenshots.ts';
import { startE2eServer, type E2eServer } from '../src/server.ts';

// 矛调督导 in the browser (issue 4, items 6–8): a grid worker files last month's 零报告 from the phone
// and the community sees, past the due date, the grids that did not; the district prepares a joint
// meeting, records a decision, downloads its 督办单 as PDF (rendered to PNG beside the screenshots), the
// street answers it and the next meeting's agenda shows the answer; a warning rule is lowered and a new
// dispute it now catches is flagged high and sent to the police liaison. The tests run in order.
const password = 'shizhi-demo';
const users = { district: 'u150602', street: 'u150602001', community: 'u150602001001', gridWorker: 'g150602001001001' };
const community = { code: '150602001001' };
const grid = { code: '150602001001001' };
const desktop = { width: 1440, height: 900 };
const phone = { width: 375, height: 812 };

let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const signedIn = new Map<string, Page>();
const screenshot = screenshotsFor('oversight');
const pageErrors = new WeakMap<Page, string[]>();
const order = { number: '' };

/** Beijing dates: the API counts days and months in China time. */
function chinaDay(offsetDays = 0): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function lastMonth(): string {
  const [y, m] = chinaDay().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function shot(page: Page, step: string, options: { viewport?: boolean } = {}): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, step, options);
}

async function newPage(viewport: { width: number; height: number }, isMobile = false): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return page;
}

function expectNoPageErrors(page: Page): void {
  const errors = pageErrors.get(page) ?? [];
  expect(errors, errors.join('\n')).toEqual([]);
}

async function pageOf(username: string, viewport = desktop): Promise<Page> {
  const existing = signedIn.get(username);
  if (existing) return existing;
  const page = await newPage(viewport, viewport === phone);
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  signedIn.set(username, page);
  return page;
}

function failWithScreenshot(page: () => Page | undefined): void {
  onTestFailed(async () => {
    const p = page();
    if (p) await shot(p, 'failed').catch(() => undefined);
  });
}

async function choose(page: Page, testId: string, text: string, scope: Page | ReturnType<Page['locator']> = page): Promise<void> {
  await scope.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

const monthLabel = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5))}月`;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('矛调督导', () => {
  it('takes a grid worker’s 零报告 from the phone and shows the community the grids that did not file', async () => {
    const period = lastMonth();
    const worker = await pageOf(users.gridWorker, phone);
    failWithScreenshot(() => worker);
    await worker.goto('/m');
    await worker.getByTestId('m-to-screening').click();
    await worker.getByTestId('m-screening-page').waitFor();
    await worker.getByTestId('m-screening-period').getByText(monthLabel(period)).click();
    // The demo district has a history: the month may already be filed, and filing again amends it.
    await worker.getByTestId('m-screening-status').locator('[data-testid=m-screening-filed], [data-testid=m-screening-not-filed]').first().waitFor();
    const before = Number((await worker.getByTestId('m-screening-filed').getAttribute('data-revision').catch(() => null)) ?? 0);
    await shot(worker, 'phone-screening');
    await worker.getByTestId('m-screening-nil').click();
    await worker.getByTestId('m-screening-nil-confirm').click();
    await worker.locator(`[data-testid=m-screening-filed][data-nil=true][data-revision="${before + 1}"]`).waitFor();
    await shot(worker, 'phone-nil-filed');
    expect(await worker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    expectNoPageErrors(worker);

    const page = await pageOf(users.community);
    failWithScreenshot(() => page);
    await page.getByTestId('menu-oversight').click();
    await page.getByTestId('menu-screening').click();
    await page.locator('[data-testid=screening-page][data-ready=true]').waitFor();
    await choose(page, 'ov-period', monthLabel(period));
    // Last month is past its due date: the page lists exactly the units the API says have not filed, never the grid that just did.
    await page.getByTestId(`screening-report-${grid.code}`).waitFor();
    const expected = await page.evaluate(
      async ({ orgCode, period }) => ((await (await fetch(`/api/dispute-oversight/screening/missing?orgCode=${orgCode}&period=${period}`)).json()) as { missing: { code: string }[] }).missing.map((m) => m.code),
      { orgCode: community.code, period },
    );
    expect(expected).not.toContain(grid.code);
    if (expected.length > 0) {
      await page.getByTestId('screening-missing').waitFor();
      const shown = await page.locator('[data-testid^=screening-missing-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('screening-missing-', '')));
      expect(shown.sort()).toEqual([...expected].sort());
    } else {
      await page.getByTestId('screening-none-missing').waitFor();
    }
    expect(Number(await page.getByTestId('screening-total-missing').textContent())).toBe(expected.length);
    await shot(page, 'community-missing');
    expectNoPageErrors(page);
  }, 120_000);

  it('prepares a joint meeting, issues a 督办单 as PDF, has the street answer it and shows the answer at the next meeting', async () => {
    const page = await pageOf(users.district);
    failWithScreenshot(() => page);
    await page.goto('/oversight/meetings');
    await page.getByTestId('meetings-page').waitFor();
    await page.getByTestId('meeting-prepare').click();
    await page.getByTestId('meeting-held-on').fill(chinaDay());
    await page.getByTestId('meeting-prepare-submit').click();
    await page.locator('[data-testid=meeting-detail][data-state=prepared]').waitFor();
    await page.getByTestId('meeting-agenda').waitFor();
    await shot(page, 'meeting-agenda');

    await page.getByTestId('attendee-0-name').fill('王建国');
    await page.getByTestId('attendee-0-unit').fill('东胜区委政法委');
    await page.getByTestId('attendee-add').click();
    await page.getByTestId('attendee-1-name').fill('李红梅');
    await page.getByTestId('attendee-1-unit').fill('交通街道综治中心');
    await page.getByTestId('meeting-minutes').fill('通报本月矛盾纠纷排查化解情况，研究交通街道物业纠纷集中问题。');
    await page.getByTestId('decision-add').click();
    await page.getByTestId('decision-0-matter').fill('交通街道物业服务纠纷集中化解');
    await page.getByTestId('decision-0-requirements').fill('逐户摸排物业服务纠纷，建立台账\n会同住建部门约谈物业企业，限期整改');
    await page.getByTestId('decision-0-recipient').click();
    await page.keyboard.type('交通街道');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '交通街道' }).first().click();
    await page.getByTestId('decision-0-due').fill(chinaDay(7));
    await page.getByTestId('meeting-contact-name').fill('张伟');
    await page.getByTestId('meeting-contact-phone').fill('0477-8581234');
    await page.getByTestId('meeting-signatory').fill('刘志强');
    await shot(page, 'meeting-record');
    await page.getByTestId('meeting-record-submit').click();
    await page.locator('[data-testid=meeting-detail][data-state=held]').waitFor();
    order.number = (await page.getByTestId('decision-number').first().textContent()) ?? '';
    expect(order.number).toMatch(/^.+综治督〔\d{4}〕\d+号$/);
    await shot(page, 'meeting-held');

    const download = page.waitForEvent('download');
    await page.getByTestId(`order-pdf-${order.number}`).click();
    const pdf = path.join(screenshotDir, 'oversight-supervision-order.pdf');
    await (await download).saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The first page as a PNG, for a person to look at what the street receives.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', '1', pdf, path.join(screenshotDir, 'oversight-pdf-supervision-order')]);
    fs.rmSync(pdf);
    expect(fs.existsSync(path.join(screenshotDir, 'oversight-pdf-supervision-order.png'))).toBe(true);

    const street = await pageOf(users.street);
    failWithScreenshot(() => street);
    await street.goto('/oversight/meetings');
    await street.getByTestId('tab-orders').click();
    const row = street.locator(`[data-testid="order-${order.number}"]`);
    await row.locator('[data-outcome=pending]').waitFor();
    await row.getByTestId('order-answer').click();
    await street.getByTestId('order-answer-content').fill('已逐户摸排物业服务纠纷23件并建立台账；11月20日会同区住建局约谈鑫源物业，电梯已恢复运行，其余问题限期本月底整改。');
    await street.getByTestId('order-answer-handler').fill('李红梅');
    await street.getByTestId('order-answer-head').fill('赵志军');
    await shot(street, 'order-answer', { viewport: true });
    await street.getByTestId('order-answer-submit').click();
    await street.locator(`[data-testid="order-${order.number}"][data-state=answered]`).waitFor();
    await shot(street, 'order-answered');
    expectNoPageErrors(street);

    await page.goto('/oversight/meetings');
    await page.getByTestId('meeting-prepare').click();
    await page.getByTestId('meeting-held-on').fill(chinaDay(28));
    await page.getByTestId('meeting-prepare-submit').click();
    await page.locator('[data-testid=meeting-detail][data-state=prepared]').waitFor();
    const previous = page.locator(`[data-testid="agenda-previous-${order.number}"]`);
    await previous.locator('[data-outcome=answered]').waitFor();
    expect(await previous.getByTestId('agenda-previous-reply').textContent()).toContain('电梯已恢复运行');
    expect(await page.getByTestId('meeting-agenda').textContent()).toContain('按期回复1项');
    await shot(page, 'next-meeting-agenda');
    expectNoPageErrors(page);
  }, 180_000);

  it('lowers a warning rule and sends the high-risk dispute it now flags to the police liaison', async () => {
    const page = await pageOf(users.district);
    failWithScreenshot(() => page);
    await page.goto('/oversight/warnings');
    await page.getByTestId('tab-rules').click();
    const rule = page.locator('[data-testid=rule-many_people]');
    await rule.waitFor();
    const version = Number(await rule.getAttribute('data-version'));
    await rule.getByTestId('rule-edit').click();
    await page.getByTestId('rule-threshold-input').fill('5');
    await shot(page, 'rule-edit', { viewport: true });
    await page.getByTestId('rule-save').click();
    await page.locator(`[data-testid=rule-many_people][data-version="${version + 1}"]`).waitFor();
    expect(await page.locator('[data-testid=rule-many_people]').getByTestId('rule-threshold').textContent()).toContain('5');
    await shot(page, 'rules');

    // Six people and a threat: 40 points for the words alone (medium); with the lowered rule 65 (high).
    const community = await pageOf(users.community);
    const filed = await community.evaluate(async (placeCode) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/disputes', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          title: '装修工程款结算纠纷',
          typeCode: 'labour',
          occurredOn: new Date().toISOString().slice(0, 10),
          placeCode,
          summary: '6名装修工人与包工头因工程款结算发生争执，一名工人称拿不到钱就持刀去讨说法。',
          peopleInvolved: 6,
          parties: [
            { role: 'applicant', kind: 'person', name: '韩立强', phone: '13504774444' },
            { role: 'respondent', kind: 'person', name: '邓有福', phone: '13504775555' },
          ],
        }),
      });
      return { status: response.status, body: (await response.json()) as { id: string; number: string } };
    }, '150602001001');
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await server.platform.app.escalationSettled!();

    await page.getByTestId('tab-flags').click();
    await page.reload();
    await page.getByTestId('tab-flags').waitFor();
    const flag = page.locator(`[data-testid="flag-${filed.body.number}"]`);
    await flag.waitFor();
    expect(await flag.getAttribute('data-grade')).toBe('high');
    expect(await flag.textContent()).toContain('涉及6人，达到5人的预警阈值');
    await shot(page, 'flags');
    await flag.getByTestId('flag-route_to_police').click();
    await page.getByTestId('flag-police-unit').fill('东胜区公安分局交通街派出所');
    await page.getByTestId('flag-note').fill('当事人有持刀言语，请派出所提前介入稳控。');
    await page.getByTestId('flag-submit').click();
    await page.getByTestId('flag-modal').waitFor({ state: 'detached' });
    await page.getByTestId('flags-state-routed').click();
    await page.locator(`[data-testid="flag-${filed.body.number}"][data-state=routed]`).waitFor();
    await shot(page, 'flag-routed');
    expectNoPageErrors(page);
  }, 120_000);

  it('shows the pages on a phone without sideways scrolling', async () => {
    const small = await newPage(phone, true);
    failWithScreenshot(() => small);
    await small.goto('/login');
    await small.getByTestId('login-username').fill(users.district);
    await small.getByTestId('login-password').fill(password);
    await small.getByTestId('login-submit').click();
    await small.waitForURL((url) => url.pathname !== '/login');
    for (const [path, testId, step] of [
      ['/oversight/screening', 'screening-page', 'screening-phone'],
      ['/oversight/hard-cases', 'hard-cases-page', 'hard-cases-phone'],
      ['/oversight/warnings', 'flags-tab', 'warnings-phone'],
    ] as const) {
      await small.goto(path);
      await small.getByTestId(testId).waitFor();
      await small.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await shot(small, step);
      expect(await small.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(phone.width);
    }
    expectNoPageErrors(small);
  }, 90_000);
});
