import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { makeIdNumber } from '@shizhi/domain';
import { samplePopulationRows } from '../../apps/api/src/modules/registers/import/index.ts';
import { launchBrowser } from '../src/browser.ts';
import { screenshotsFor } from '../src/screenshots.ts';
import { startE2eServer, type E2eServer } from '../src/server.ts';

// 一标三实 in the browser (issue 5): the community's centre staff downloads the 实有人口 template, fills
// an .xlsx with good and bad rows, imports the good rows through the page (upload bar, then the server's
// progress, then the counts), downloads the error report and reads its rows, and finds the people it
// brought in; finds a person by name and by ID number, opens their page (house, household, disputes)
// and reveals the ID number with a purpose; a grid worker sees only their grid's people, on the
// workbench and on the phone. The journeys run in order: the later ones use the imported people.
const password = 'shizhi-demo';
const users = { community: 'u150602001001', gridWorker: 'g150602001001001' };
const community = { code: '150602001001', name: '吉劳庆社区' };
const grids = { mine: '150602001001001', other: '150602001001002', large: '150602001001004' };
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

// ID numbers under an address code the demo district does not use, so they cannot match a demo person.
const idOf = (birthDate: string, sequence: number) => makeIdNumber('152801', birthDate, sequence);
const people = {
  head: { name: '乌云其其格', gender: '女', birthDate: '1986-04-12', id: idOf('1986-04-12', 902), phone: '13947710021' },
  spouse: { name: '巴特尔', gender: '男', birthDate: '1984-09-03', id: idOf('1984-09-03', 901), phone: '13947710022' },
  child: { name: '乌日娜', gender: '女', birthDate: '2012-06-18', id: idOf('2012-06-18', 904), phone: '' },
  otherGrid: { name: '其木格', gender: '女', birthDate: '1979-11-30', id: idOf('1979-11-30', 906), phone: '13947710024' },
};
const householdNumber = '150602001001901';
const badChecksum = (() => {
  const id = idOf('1990-05-05', 908);
  return id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
})();

let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const signedIn = new Map<string, Page>();
const screenshot = screenshotsFor('registers');
const pageErrors = new WeakMap<Page, string[]>();
const found = { houseCode: '', headId: '' };

async function shot(page: Page, step: string, options: { viewport?: boolean } = {}): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, step, options);
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

async function signIn(username: string, viewport = desktop, key = username): Promise<Page> {
  const existing = signedIn.get(key);
  if (existing) return existing;
  const page = await newPage(viewport, viewport === phone);
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  signedIn.set(key, page);
  return page;
}

function failWithScreenshot(page: () => Page | undefined): void {
  onTestFailed(async () => {
    const p = page();
    if (p) await shot(p, 'failed').catch(() => undefined);
  });
}

/** The API as the page's user (its cookies, and the CSRF token a change needs). */
async function api<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'shizhi_csrf')?.value ?? '';
  const response = await page.request.fetch(url, { method, headers: { 'x-csrf-token': csrf }, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}

/** The 实有人口 file the staff fills: 4 good rows (a household of three and a neighbour grid's resident), 4 bad. */
async function populationWorkbook(headers: string[], houseCode: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('实有人口');
  const columns = ['人口类型', '姓名', '性别', '出生日期', '民族', '公民身份号码', '联系电话', '户籍地', '所属网格', '房屋编号', '现住门（楼）详址', '户号', '与户主关系'];
  // The template's own headers, * marks and all, as a person filling it in keeps them.
  const header = columns.map((c) => headers.find((h) => h.replace(/^\*/, '') === c) ?? c);
  sheet.addRow(header);
  sheet.getColumn(6).numFmt = '@';
  const row = (p: { name: string; gender: string; birthDate: string; id: string; phone: string }, extra: { grid?: string; house?: string; relation?: string; household?: string; ethnicity?: string } = {}) => [
    '户籍人口',
    p.name,
    p.gender,
    p.birthDate,
    extra.ethnicity ?? '蒙古族',
    p.id,
    p.phone,
    '150602',
    extra.grid ?? grids.mine,
    extra.house ?? '',
    '吉劳庆社区团结小区5号楼1单元302室',
    extra.household ?? '',
    extra.relation ?? '',
  ];
  sheet.addRow(row(people.head, { house: houseCode, household: householdNumber, relation: '户主' })); // row 2
  sheet.addRow(row(people.spouse, { house: houseCode, household: householdNumber, relation: '配偶' })); // row 3
  sheet.addRow(row(people.child, { house: houseCode, household: householdNumber, relation: '女' })); // row 4
  sheet.addRow(row(people.otherGrid, { grid: grids.other })); // row 5
  sheet.addRow(row({ name: '张校验', gender: '女', birthDate: '1990-05-05', id: badChecksum, phone: '' })); // row 6: check character
  sheet.addRow(row({ name: '李日期', gender: '男', birthDate: '1990-02-30', id: idOf('1990-02-28', 911), phone: '' })); // row 7: no 30 February
  sheet.addRow(row({ name: '王民族', gender: '男', birthDate: '1991-03-03', id: idOf('1991-03-03', 913), phone: '' }, { ethnicity: '火星族' })); // row 8
  sheet.addRow(row({ name: '', gender: '男', birthDate: '1992-07-07', id: idOf('1992-07-07', 915), phone: '' })); // row 9: no name
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function listTotal(page: Page): Promise<number> {
  const text = (await page.locator('.ant-pagination-total-text').first().textContent()) ?? '';
  return Number(/共\s*([\d,]+)\s*条/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

async function searchPeople(page: Page, q: string): Promise<void> {
  const box = page.getByTestId('register-filter-q').locator('input');
  await box.fill(q);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === q);
  await page.locator('[data-testid=register-table] .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('一标三实', () => {
  it('imports an .xlsx of 实有人口 with bad rows through the page and reads the error report', async () => {
    const page = await signIn(users.community);
    failWithScreenshot(() => page);
    await page.getByTestId('menu-registers').click();
    await page.getByTestId('menu-register-imports').click();
    await page.getByTestId('register-import-page').waitFor();
    await page.getByTestId('import-help').waitFor();
    await shot(page, 'import-page');

    // The template: the columns in Chinese, required ones starred.
    const templateDownload = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    const template = await templateDownload;
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    const templateSheet = await readWorkbook(fs.readFileSync(await template.path()));
    const headers = (templateSheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    expect(headers).toContain('*姓名');
    expect(headers).toContain('*公民身份号码');

    // A house of the grid for the household to live in.
    const houses = await api<{ items: { code: string }[] }>(page, 'GET', `/api/registers/houses?unit=${grids.mine}&pageSize=1`);
    found.houseCode = houses.items[0]?.code ?? '';
    expect(found.houseCode).not.toBe('');
    const file = await populationWorkbook(headers, found.houseCode);

    await page.locator('[data-testid=import-form] input[type=file]').setInputFiles({
      name: '吉劳庆社区实有人口.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await expect.poll(() => page.getByTestId('import-chosen-file').textContent()).toContain('吉劳庆社区实有人口.xlsx');
    await page.getByTestId('import-mode-good_rows').click();
    await page.getByTestId('import-idcheck-strict').click();
    await shot(page, 'import-ready');

    // A slow line, so the upload's own bar can be seen moving.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: Math.ceil(file.length / 4) });
    // Every stage the run card goes through, as the page shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { importStages: seen });
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid=import-run]')?.getAttribute('data-stage');
        if (stage && seen.at(-1) !== stage) seen.push(stage);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
    });
    // The moment the upload starts, leaving the tab would lose it: the browser asks first.
    const leaveWarned = await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-testid=import-start]')!.click();
      return !window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    });
    expect(leaveWarned).toBe(true);
    // Chromium hands the whole body over at once (the throttling happens below the page), so the
    // upload bar fills at once and the server's side waits for the bytes still on the line.
    await page.locator('[data-testid=import-run][data-stage=processing]').waitFor();
    expect(await page.getByTestId('import-upload-progress').getAttribute('data-percent')).toBe('100');
    await shot(page, 'import-uploaded');

    // Moving about the app does not stop it: the run is still there on coming back.
    await page.getByTestId('menu-people').click();
    await page.getByTestId('registers-people-page').waitFor();
    await page.getByTestId('to-register-import').click();
    await page.getByTestId('import-run').waitFor();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('import-result-created').textContent()).toContain('4');
    expect(await page.getByTestId('import-result-bad').textContent()).toContain('4');
    expect(await page.getByTestId('import-result-updated').textContent()).toContain('0');
    expect(await page.getByTestId('import-result-total').textContent()).toBe('8');
    expect(await page.getByTestId('import-result-encoding').textContent()).toContain('xlsx');
    // The server's progress ends with every row counted.
    expect(await page.getByTestId('import-stat-rows').textContent()).toContain('8');
    expect(await page.getByTestId('import-stat-good').textContent()).toContain('4');
    expect(await page.getByTestId('import-stat-bad').textContent()).toContain('4');
    expect(await page.getByTestId('import-process-progress').getAttribute('data-percent')).toBe('100');
    expect(await page.evaluate(() => window.dispatchEvent(new Event('beforeunload', { cancelable: true })))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { importStages: string[] }).importStages)).toEqual(['uploading', 'processing', 'finished']);
    const importId = (await result.getAttribute('data-import-id')) ?? '';
    const historyRow = page.getByTestId(`import-row-${importId}`);
    await historyRow.waitFor();
    expect(await historyRow.textContent()).toContain('吉劳庆社区实有人口.xlsx');
    await shot(page, 'import-result');

    // The error report: each bad row by its number as Excel shows it, the column and the reason.
    const reportDownload = page.waitForEvent('download');
    await page.getByTestId('import-error-report').click();
    const report = await reportDownload;
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    const reportSheet = await readWorkbook(fs.readFileSync(await report.path()));
    expect([1, 2, 3].map((c) => cellText(reportSheet.getRow(1).getCell(c).value))).toEqual(['行号', '列', '原因']);
    const problems = new Map<number, { column: string; reason: string }>();
    for (let r = 2; r <= reportSheet.rowCount; r++) {
      const line = reportSheet.getRow(r);
      const number = Number(cellText(line.getCell(1).value));
      if (number) problems.set(number, { column: cellText(line.getCell(2).value), reason: cellText(line.getCell(3).value) });
    }
    expect([...problems.keys()].sort()).toEqual([6, 7, 8, 9]);
    expect(problems.get(6)!.column).toContain('公民身份号码');
    expect(problems.get(6)!.reason).toContain('校验');
    expect(problems.get(7)!.column).toContain('出生日期');
    expect(problems.get(8)!.column).toContain('民族');
    expect(problems.get(8)!.reason).toContain('火星族');
    expect(problems.get(9)!.column).toContain('姓名');

    // The imported people are in the register.
    await page.getByTestId('menu-people').click();
    await page.getByTestId('registers-people-page').waitFor();
    await searchPeople(page, people.head.name);
    const link = page.getByTestId('person-link').filter({ hasText: people.head.name }).first();
    await link.waitFor();
    await shot(page, 'imported-person-found');
    expectNoPageErrors(page);
  });

  it('streams a large CSV: the server’s progress moves live, rows per second, the CSV error report', async () => {
    const page = await signIn(users.community);
    failWithScreenshot(() => page);
    await page.getByTestId('menu-register-imports').click();
    // The last run stays on the page until the next file.
    await page.locator('[data-testid=import-run][data-stage=finished]').waitFor();
    await page.getByTestId('import-again').click();
    await page.getByTestId('import-help').waitFor();
    // 40,000 people for the community's fourth grid, 2 % of them garbled, as a district's CSV export.
    const lines: string[] = [];
    for (const row of samplePopulationRows({ rows: 40_000, grids: [grids.large], seed: 'e2e-large', garbageShare: 0.02 })) {
      lines.push(row.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
    }
    await page.locator('[data-testid=import-form] input[type=file]').setInputFiles({ name: '第四网格实有人口.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) });
    await page.getByTestId('import-mode-good_rows').click();
    // What the second bar shows as the lines stream in, recorded in the page: this process also runs
    // the server, whose import keeps it too busy to look at the page while it works.
    await page.evaluate(() => {
      const seen: { phase: string; percent: number; rows: number; speed: string }[] = [];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=import-process-progress]');
        if (!bar) return;
        const rows = Number(document.querySelector('[data-testid=import-stat-rows] .ri-stat-value')?.textContent?.replace(/\D/g, '') ?? 0);
        const last = seen.at(-1);
        if (last && last.rows === rows && last.phase === bar.getAttribute('data-phase')) return;
        seen.push({ phase: bar.getAttribute('data-phase') ?? '', percent: Number(bar.getAttribute('data-percent')), rows, speed: document.querySelector('[data-testid=import-stat-speed]')?.textContent ?? '' });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('import-result-total').textContent()).toBe('40,000');
    expect(await page.getByTestId('import-result-encoding').textContent()).toContain('UTF-8');
    expect(Number((await page.getByTestId('import-result-bad').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(400);
    await page.getByTestId('import-error-report-csv').waitFor();
    // The bar moved while the server read the file: several counts on the way, each with its speed.
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { phase: string; percent: number; rows: number; speed: string }[] }).progressSeen);
    const reading = seen.filter((p) => p.phase === 'reading' && p.rows > 0 && p.percent < 100);
    expect(reading.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(2);
    expect(reading.map((p) => p.rows)).toEqual([...reading.map((p) => p.rows)].sort((a, b) => a - b));
    expect(reading.at(-1)!.speed).toMatch(/[\d,]+ 行\/秒/);
    await shot(page, 'import-large-result');
    expectNoPageErrors(page);
  });

  it('finds a person by name and by ID number, opens their page and reveals the ID with a purpose', async () => {
    const page = await signIn(users.community);
    failWithScreenshot(() => page);
    // The household head is an applicant in a dispute registered at the window.
    await api(page, 'POST', '/api/disputes', {
      title: '乌云其其格与邻居车位纠纷',
      typeCode: 'neighbour',
      occurredOn: '2026-02-10',
      placeCode: community.code,
      summary: '团结小区5号楼前车位被邻居长期占用，双方多次争执。',
      peopleInvolved: 2,
      parties: [
        { role: 'applicant', name: people.head.name, idNumber: people.head.id, phone: people.head.phone },
        { role: 'respondent', name: '赵占位' },
      ],
    });

    await page.goto('/registers/people');
    await page.getByTestId('registers-people-page').waitFor();
    await searchPeople(page, people.head.name.slice(0, 3));
    await page.getByTestId('person-link').filter({ hasText: people.head.name }).first().waitFor();
    await shot(page, 'find-by-name');
    await searchPeople(page, people.head.id);
    await expect.poll(() => listTotal(page)).toBe(1);
    await shot(page, 'find-by-id');
    await page.getByTestId('person-link').filter({ hasText: people.head.name }).click();

    const personPage = page.getByTestId('person-page');
    await personPage.waitFor();
    found.headId = (await personPage.getAttribute('data-person-id')) ?? '';
    expect(await page.getByTestId('record-name').textContent()).toContain(people.head.name);
    expect(await page.getByTestId('person-house-link').textContent()).toBe(found.houseCode);
    const members = page.getByTestId('person-members');
    for (const member of [people.head, people.spouse, people.child]) await members.getByText(member.name).first().waitFor();
    await page.getByTestId('person-events').waitFor();
    await page.getByTestId('person-disputes').getByText('乌云其其格与邻居车位纠纷').waitFor();
    // Masked until asked for, with a purpose.
    const idNumber = page.getByTestId('person-id-number');
    expect(await idNumber.textContent()).toBe(`${people.head.id.slice(0, 6)}********${people.head.id.slice(-4)}`);
    await shot(page, 'person-page');
    await page.getByTestId('person-id-number-reveal').click();
    await page.locator('[data-testid=reveal-modal] textarea').fill('入户核实户籍信息');
    await shot(page, 'reveal-purpose', { viewport: true });
    await page.getByTestId('reveal-modal-ok').click();
    await page.locator('[data-testid=person-id-number][data-whole=true]').waitFor();
    expect(await page.getByTestId('person-id-number').textContent()).toContain(people.head.id);
    await shot(page, 'person-id-revealed');
    expectNoPageErrors(page);
  });

  it('shows 采集质量 per grid with the lists to fix', async () => {
    const page = await signIn(users.community);
    failWithScreenshot(() => page);
    await page.getByTestId('menu-register-quality').click();
    await page.locator('[data-testid=register-quality-page][data-ready=true]').waitFor();
    const row = page.getByTestId(`quality-row-${grids.mine}`);
    await row.waitFor();
    await page.getByTestId('quality-totals').waitFor();
    expect(await page.getByTestId('quality-rate-total').getAttribute('data-rate')).not.toBeNull();
    await shot(page, 'quality');
    const missing = page.getByTestId('quality-missing-total');
    if (Number(await missing.getAttribute('data-count')) > 0) {
      await missing.click();
      const drawer = page.locator('[data-testid=quality-problems][data-problem=missing]');
      await drawer.waitFor();
      await drawer.getByTestId('quality-person-link').first().waitFor();
      expect(await drawer.locator('.rq-problem').first().textContent()).toMatch(/未采集/);
      await shot(page, 'quality-missing', { viewport: true });
      await drawer.getByTestId('quality-person-link').first().click();
      await page.getByTestId('person-page').waitFor();
    }
    expectNoPageErrors(page);
  });

  it('a grid worker sees only their grid’s people, on the workbench and on the phone', async () => {
    const staff = await signIn(users.community);
    const expected = (await api<{ total: number }>(staff, 'GET', `/api/registers/people?unit=${grids.mine}&pageSize=1`)).total;
    expect(expected).toBeGreaterThan(0);

    const page = await signIn(users.gridWorker);
    failWithScreenshot(() => page);
    await page.goto('/registers/people');
    await page.getByTestId('registers-people-page').waitFor();
    await expect.poll(() => listTotal(page)).toBe(expected);
    await shot(page, 'grid-worker-list');
    // Someone of the neighbouring grid, asked for by exact ID number: not there.
    await searchPeople(page, people.otherGrid.id);
    await page.getByTestId('register-table').getByText('没有符合条件的记录').waitFor();
    await shot(page, 'grid-worker-other-grid-not-found');
    await searchPeople(page, people.spouse.id);
    await page.getByTestId('person-link').filter({ hasText: people.spouse.name }).waitFor();

    // On the phone: 居民查询 holds the same people.
    const mobile = await signIn(users.gridWorker, phone, 'grid-worker-phone');
    failWithScreenshot(() => mobile);
    await mobile.goto('/m/people');
    await mobile.getByTestId('m-people-page').waitFor();
    await mobile.getByTestId('m-person-card').first().waitFor();
    await expect.poll(async () => (await mobile.getByTestId('m-people-page').textContent()) ?? '').toContain(`共 ${expected} 条`);
    await shot(mobile, 'phone-people');
    const search = mobile.getByTestId('m-people-search').locator('input');
    await search.fill(people.otherGrid.id);
    await search.press('Enter');
    await mobile.getByText('没有找到').or(mobile.locator('.ant-empty')).first().waitFor();
    expect(await mobile.getByTestId('m-person-card').count()).toBe(0);
    await shot(mobile, 'phone-other-grid-not-found');
    await search.fill(people.head.name);
    await search.press('Enter');
    await mobile.getByTestId('m-person-card').filter({ hasText: people.head.name }).click();
    await mobile.getByTestId('m-person-page').waitFor();
    expect(await mobile.getByTestId('m-person-name').textContent()).toContain(people.head.name);
    await shot(mobile, 'phone-person');
    expectNoPageErrors(page);
    expectNoPageErrors(mobile);
  });

  it('lays out 数据导入 and 采集质量 on a phone', async () => {
    const page = await signIn(users.community, phone, 'community-phone');
    failWithScreenshot(() => page);
    await page.goto('/registers/imports');
    await page.getByTestId('import-history').waitFor();
    await page.getByTestId('import-history').locator('.ant-list-item').first().waitFor();
    await shot(page, 'phone-import');
    await page.goto('/registers/quality');
    await page.locator('[data-testid=register-quality-page][data-ready=true]').waitFor();
    await shot(page, 'phone-quality');
    // And in English.
    await page.evaluate(() => window.localStorage.setItem('shizhi.locale', 'en'));
    await page.reload();
    await page.locator('[data-testid=register-quality-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('quality-kpis').textContent()).toContain('Collection rate');
    await shot(page, 'phone-quality-en');
    await page.goto('/registers/imports');
    await page.getByTestId('import-history').locator('.ant-list-item').first().waitFor();
    expect(await page.getByTestId('import-form').textContent()).toContain('Import the good rows only');
    await shot(page, 'phone-import-en');
    await page.evaluate(() => window.localStorage.setItem('shizhi.locale', 'zh-CN'));
    expectNoPageErrors(page);
  });
});
