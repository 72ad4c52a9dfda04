import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser } from '../src/browser.ts';
import { screenshotsFor } from '../src/screenshots.ts';
import { startE2eServer, type E2eServer } from '../src/server.ts';

// The event loop in the browser (issue 3): a grid worker reports from the phone with a photo; the street passes a
// safety matter up and the district dispatches it to a member department, which handles it; a
// citizen's report with a photo is handled by the community and the grid (who feeds back with a photo
// of the result) and rated with the tracking code; a case
// runs red and is supervised, live; a duplicate call is merged; the scorecards show it all and export
// it; an administrator edits a category, deactivates one and activates it again. The journeys run in
// order and hand their cases on.
const password = 'shizhi-demo';
const users = {
  gridWorker: 'g150602001001001',
  community: 'u150602001001',
  street: 'u150602001',
  district: 'u150602',
  department: 'u150602D04',
  admin: 'admin',
};
const grid = { code: '150602001001001', name: '吉劳庆社区第一网格' };
const community = { code: '150602001001', name: '吉劳庆社区' };
const street = { code: '150602001', name: '交通街道' };
const department = { name: '东胜区应急管理局' };
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const poll = { timeout: 15_000 };

let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const signedIn = new Map<string, Page>();
const screenshot = screenshotsFor('events');

/** A screenshot from the top of the page, so the sticky header sits where a person sees it. */
async function shot(page: Page, step: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, step);
}
const pageErrors = new WeakMap<Page, string[]>();

/** What the journeys pass on to each other. */
const cases = {
  safety: { id: '', number: '' },
  citizen: { number: '', trackingCode: '' },
  red: { id: '', number: '' },
};

async function newPage(viewport: { width: number; height: number }, options: { isMobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(options.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  // As in the foundation journey: a render crash or a 5xx fails the journey; expected 4xx do not.
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return page;
}

function expectNoPageErrors(page: Page): void {
  const errors = pageErrors.get(page) ?? [];
  expect(errors, errors.join('\n')).toEqual([]);
}

/** One signed-in page per account, kept for the whole file: each journey picks up where it was. */
async function pageOf(username: string, options: { phone?: boolean } = {}): Promise<Page> {
  const existing = signedIn.get(username);
  if (existing) return existing;
  const page = await newPage(options.phone ? phone : desktop, { isMobile: options.phone ?? false });
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  signedIn.set(username, page);
  return page;
}

function failWithScreenshot(page: Page): void {
  onTestFailed(async () => {
    await shot(page, 'failed').catch(() => undefined);
  });
}

async function openEvent(page: Page, id: string): Promise<void> {
  await page.goto(`/events/${id}`);
  await page.getByTestId('event-detail').waitFor();
}

async function expectState(page: Page, state: string, testId = 'event-detail'): Promise<void> {
  await page.locator(`[data-testid=${testId}][data-state=${state}]`).waitFor();
}

/** One step of the loop through its button and modal (or the phone's bottom sheet). */
async function act(page: Page, action: string, options: { text?: string; confirm?: boolean } = {}): Promise<void> {
  await page.getByTestId(`event-action-${action}`).click();
  const modal = page.locator(`[data-testid=event-action-modal][data-action=${action}]`);
  await modal.waitFor();
  if (options.text) await modal.getByTestId('event-action-text').fill(options.text);
  await page.getByTestId('event-action-submit').click();
  if (options.confirm) await page.getByTestId('event-action-confirm').click();
  await modal.waitFor({ state: 'detached' });
}

/** 派遣: the lead unit picked in the dispatch modal's tree (departments come first when the category names one). */
async function dispatchTo(page: Page, unitName: string, step: string): Promise<void> {
  await page.getByTestId('event-action-dispatch').click();
  const modal = page.locator('[data-testid=event-action-modal][data-action=dispatch]');
  await modal.waitFor();
  const lead = modal.getByTestId('dispatch-lead');
  // The tree loads its nodes as the list opens; a click that lands while it redraws is tried again.
  for (let attempt = 0; attempt < 5 && !(await lead.textContent())?.includes(unitName); attempt += 1) {
    const option = page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: unitName }).first();
    if (!(await option.isVisible())) await lead.click();
    await option.click({ timeout: 5_000 }).catch(() => undefined);
  }
  await expect.poll(() => lead.textContent(), poll).toContain(unitName);
  await shot(page, step);
  await page.getByTestId('event-action-submit').click();
  await modal.waitFor({ state: 'detached' });
}

/**
 * A phone photo made in the page itself (a canvas drawn and encoded by the browser): a site with gas
 * cylinders, `width` × `height`, as JPEG or PNG. Larger than the 1600 px the phone keeps, so the page
 * has to make it smaller.
 */
async function makePhoto(page: Page, options: { width: number; height: number; type: 'image/jpeg' | 'image/png'; label: string }): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height, type, label }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, '#8fb7e6');
    sky.addColorStop(0.55, '#dfe8f2');
    sky.addColorStop(0.56, '#8d8a84');
    sky.addColorStop(1, '#5f5c57');
    g.fillStyle = sky;
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#b9b2a6';
    g.fillRect(0, height * 0.18, width * 0.62, height * 0.4);
    const unit = width / 24;
    for (let i = 0; i < 7; i += 1) {
      const x = width * 0.12 + i * unit * 2.2;
      const y = height * 0.48;
      g.fillStyle = i % 2 ? '#c0392b' : '#d35400';
      g.beginPath();
      g.roundRect(x, y, unit * 1.6, unit * 3.6, unit * 0.7);
      g.fill();
      g.fillStyle = '#2c3e50';
      g.fillRect(x + unit * 0.55, y - unit * 0.45, unit * 0.5, unit * 0.5);
    }
    g.fillStyle = 'rgba(0,0,0,0.55)';
    g.fillRect(0, height - unit * 1.6, width, unit * 1.6);
    g.fillStyle = '#fff';
    g.font = `${Math.round(unit * 0.8)}px sans-serif`;
    g.fillText(label, unit * 0.6, height - unit * 0.55);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), type, 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, options);
  return Buffer.from(base64, 'base64');
}

function idFromHref(href: string | null): string {
  const id = href?.split('/').at(-1) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

/** 热线登记 of a blocked fire lane (消防通道堵塞, a community matter), placed on the map; returns the new case. */
async function fileFireLaneCall(page: Page, description: string, step: string): Promise<{ id: string; number: string }> {
  await page.goto('/events/new');
  await page.getByTestId('report-form').waitFor();
  // The category cascader opens on hover; searching it is steadier for a robot.
  await page.getByTestId('report-category').click();
  await page.keyboard.type('消防通道');
  await page.locator('.ant-cascader-menu-item', { hasText: '消防通道堵塞' }).click();
  await page.getByTestId('report-description').fill(description);
  await page.getByTestId('report-caller-name').fill('王建国');
  await page.getByTestId('report-caller-phone').fill('13800001111');
  await page.locator('[data-testid=report-map] path.leaflet-interactive').first().waitFor();
  // A point well inside one of the community's grids (they are laid out two by two).
  const map = page.getByTestId('report-map');
  const box = await map.boundingBox();
  await map.click({ position: { x: (box?.width ?? 400) * 0.3, y: (box?.height ?? 380) * 0.7 } });
  await expect.poll(() => page.getByTestId('report-point').textContent(), poll).toContain('已选位置');
  await shot(page, step);
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-result').waitFor();
  const number = (await page.getByTestId('report-number').textContent())?.trim() ?? '';
  const id = idFromHref(await page.getByTestId('report-open').locator('xpath=ancestor::a').getAttribute('href'));
  return { id, number };
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The deadline sweeper runs as in a deployment, so a red card reaches the browsers live.
  server = await startE2eServer({ jobs: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('events: report → dispatch → handle → verify → rate, deadlines and scorecards', () => {
  it('(a) a grid worker reports from the phone with a photo, queued offline, and sees it filed', async () => {
    const page = await pageOf(users.gridWorker, { phone: true });
    failWithScreenshot(page);
    await page.getByTestId('mobile-page').waitFor();
    // The device stands in the middle of the worker's own grid.
    const bbox = await page.evaluate(async (code) => {
      const response = await fetch(`/api/org-units/${code}/grids`);
      return ((await response.json()) as { bbox: [number, number, number, number] }).bbox;
    }, grid.code);
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ longitude: (bbox[0] + bbox[2]) / 2, latitude: (bbox[1] + bbox[3]) / 2, accuracy: 12 });

    // A report queued by the page before photos (in localStorage) moves to the new queue (IndexedDB)
    // and is sent with its key; this one names no real category, so the API refuses it.
    const legacyKey = await page.evaluate(async () => {
      const me = (await (await fetch('/api/me')).json()) as { user: { id: string } };
      const storageKey = `shizhi.outbox.${me.user.id}`;
      const item = {
        key: 'legacy-0b6c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4',
        createdAt: new Date().toISOString(),
        body: { categoryCode: '0998', description: '旧版页面保存的上报', location: { orgCode: '150602001001001' } },
        summary: '旧版页面保存的上报',
        status: 'pending',
        attempts: 1,
        lastAttemptAt: null,
        error: null,
        eventId: null,
        number: null,
        trackingCode: null,
      };
      window.localStorage.setItem(storageKey, JSON.stringify([item]));
      return storageKey;
    });
    await page.reload();
    await page.getByTestId('mobile-page').waitFor();
    await page.getByTestId('m-to-report').click();
    await page.getByTestId('m-report-page').waitFor();
    const legacy = page.locator('[data-testid=m-outbox-item][data-key="legacy-0b6c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4"]');
    await legacy.and(page.locator('[data-status=failed]')).waitFor();
    expect(await page.evaluate((key) => window.localStorage.getItem(key), legacyKey)).toBeNull();
    await legacy.getByRole('button', { name: '删除' }).click();
    await legacy.waitFor({ state: 'detached' });

    const location = page.getByTestId('m-location');
    await expect.poll(() => location.getAttribute('data-mode'), poll).toBe('gps');
    await expect.poll(() => location.textContent(), poll).toContain(grid.name);
    await page.getByTestId('category-03').click();
    await page.getByTestId('category-0301').click();
    await page.getByTestId('m-report-description').fill('某商贸公司仓库消防通道旁堆放液化气瓶十余个，存在安全隐患');
    await page.getByTestId('m-report-address').fill('吉劳庆社区北侧商贸仓库');

    // Two photos from the camera (a 12-megapixel-like JPEG and a PNG); the second is taken back.
    const photos = page.getByTestId('m-photos');
    expect(await page.getByTestId('m-photo-input').isVisible()).toBe(false);
    await page.getByTestId('m-photo-input').setInputFiles([
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(page, { width: 4000, height: 3000, type: 'image/jpeg', label: 'IMG_0001  2026-03-02 09:12  N39.8256 E110.0335' }) },
      { name: 'IMG_0002.png', mimeType: 'image/png', buffer: await makePhoto(page, { width: 800, height: 600, type: 'image/png', label: 'IMG_0002' }) },
    ]);
    await page.locator('[data-testid=m-photos][data-count="2"][data-preparing="0"]').waitFor();
    await page.getByTestId('m-photo-remove').nth(1).click();
    await page.locator('[data-testid=m-photos][data-count="1"]').waitFor();
    // Drawn again at 1600 px on its longest side before it was kept.
    const thumbnail = photos.locator('img').first();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll).toBe(1600);
    await shot(page, 'phone-report');

    // No network: the report and its photo wait on the phone. (The browser's own network emulation,
    // which also slows the upload below.)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.getByTestId('m-offline').waitFor();
    await page.getByTestId('m-report-submit').click();
    const queued = page.locator('[data-testid=m-outbox-item][data-status=pending]').first();
    await queued.waitFor();
    expect(await queued.getByTestId('m-outbox-photos').textContent()).toContain('1 张照片');
    expect(await photos.getAttribute('data-count')).toBe('0');
    await shot(page, 'phone-report-queued-offline');

    // Back on a slow network: the photo goes up first (its progress shows), then the report.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const uploading = page.locator('[data-testid=m-outbox-progress][data-stage=photos]');
    await uploading.waitFor();
    expect(await uploading.textContent()).toContain('正在上传照片 1/1');
    await shot(page, 'phone-report-uploading');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();

    const sent = page.locator('[data-testid=m-outbox-item][data-status=sent]').first();
    await sent.waitFor();
    cases.safety.number = (await sent.getByTestId('m-outbox-number').textContent()) ?? '';
    expect(cases.safety.number).toMatch(/^SJ\d+$/);
    await shot(page, 'phone-report-filed');

    await sent.getByText('查看办理情况').click();
    await page.waitForURL('**/m/tasks/*');
    cases.safety.id = idFromHref(page.url());
    await expectState(page, 'reported', 'm-event-detail');
    expect(await page.getByTestId('m-event-detail').textContent()).toContain(street.name);
    // The photo came with the report, as the API stored it (1600 px on its longest side).
    const photo = page.getByTestId('m-event-photos').locator('img').first();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll).toBe(1600);
    await shot(page, 'phone-report-detail');
    expectNoPageErrors(page);
  });

  it('(b) the street passes a safety matter up; the district dispatches it to a department, which signs, handles and feeds back', async () => {
    const streetPage = await pageOf(users.street);
    failWithScreenshot(streetPage);
    await openEvent(streetPage, cases.safety.id);
    await expectState(streetPage, 'reported');
    // The grid worker's photo is on the case, for the centre to see before it decides.
    const photo = streetPage.getByTestId('event-photos').locator('img').first();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll).toBe(1600);
    expect(await streetPage.getByTestId('event-photos').getAttribute('data-count')).toBe('1');
    await shot(streetPage, 'street-sees-photo');
    await photo.click();
    await streetPage.locator('.ant-image-preview img').waitFor();
    await shot(streetPage, 'street-photo-preview');
    await streetPage.keyboard.press('Escape');
    await streetPage.locator('.ant-image-preview').waitFor({ state: 'hidden' });
    await act(streetPage, 'escalate', { text: '涉及企业危化品存放，需区应急管理部门执法检查', confirm: true });
    await expect.poll(() => streetPage.getByTestId('event-detail').textContent(), poll).toContain('东胜区');
    await shot(streetPage, 'street-escalated');

    const districtPage = await pageOf(users.district);
    failWithScreenshot(districtPage);
    await openEvent(districtPage, cases.safety.id);
    await expectState(districtPage, 'reported');
    await act(districtPage, 'accept');
    await expectState(districtPage, 'accepted');
    await dispatchTo(districtPage, department.name, 'district-dispatch-department');
    await expectState(districtPage, 'dispatched');
    await expect.poll(() => districtPage.getByTestId('event-tasks').textContent(), poll).toContain(department.name);

    const departmentPage = await pageOf(users.department);
    failWithScreenshot(departmentPage);
    await departmentPage.getByTestId('menu-events').click();
    await departmentPage.getByTestId(`event-row-${cases.safety.number}`).waitFor();
    await shot(departmentPage, 'department-todo');
    await departmentPage.getByTestId(`event-row-${cases.safety.number}`).click();
    await departmentPage.getByTestId('event-detail').waitFor();
    await act(departmentPage, 'sign');
    await expectState(departmentPage, 'in_progress');
    await act(departmentPage, 'progress', { text: '已派执法人员到场，责令企业当日清理气瓶' });
    await act(departmentPage, 'feedback', { text: '液化气瓶已全部清运至合规气瓶站，企业已签订整改承诺书' });
    await expectState(departmentPage, 'feedback');
    await shot(departmentPage, 'department-feedback');
    for (const page of [streetPage, districtPage, departmentPage]) expectNoPageErrors(page);
  });

  it('(c) the district verifies the result and closes the case', async () => {
    const page = await pageOf(users.district);
    failWithScreenshot(page);
    await openEvent(page, cases.safety.id);
    await expectState(page, 'feedback');
    await act(page, 'verify_pass');
    await expectState(page, 'closed');
    const actions = await page.getByTestId('event-timeline-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-action')));
    expect(actions).toEqual(['report', 'escalate', 'accept', 'dispatch', 'sign', 'progress', 'feedback', 'verify_pass']);
    await shot(page, 'district-closed');
    expectNoPageErrors(page);
  });

  it('(d) a citizen reports with a photo and no account, the community and the grid handle it, the citizen rates it with the tracking code', async () => {
    const citizen = await newPage(phone, { isMobile: true });
    failWithScreenshot(citizen);
    await citizen.goto('/c/report');
    await citizen.getByTestId('c-report-form').waitFor();
    await citizen.getByTestId('category-06').click();
    await citizen.getByTestId('category-0603').click();
    await citizen.getByTestId('c-description').fill('小区北门垃圾堆放三天无人清运，气味很大');
    // No position on this phone: the citizen names the street and the community instead.
    await citizen.getByTestId('c-location-mode').getByText('选择所在社区').click();
    await citizen.getByTestId('c-place').click();
    await citizen.locator('.ant-cascader-menu-item', { hasText: street.name }).click();
    await citizen.locator('.ant-cascader-menu-item', { hasText: community.name }).click();
    await citizen.getByTestId('c-address').fill('吉劳庆社区北门');
    await citizen.getByTestId('c-name').fill('李桂兰');
    await citizen.getByTestId('c-phone').fill('13912345678');
    // A photo from the phone's camera, made smaller on the phone before it goes up.
    await citizen.getByTestId('m-photo-input').setInputFiles([
      { name: 'IMG_2031.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(citizen, { width: 3000, height: 2000, type: 'image/jpeg', label: '北门垃圾 IMG_2031' }) },
    ]);
    await citizen.locator('[data-testid=c-photos][data-count="1"][data-preparing="0"]').waitFor();
    await shot(citizen, 'citizen-report');
    await citizen.getByTestId('c-report-submit').click();
    await citizen.getByTestId('c-report-done').waitFor();
    cases.citizen.trackingCode = (await citizen.getByTestId('c-tracking-code').textContent())?.trim() ?? '';
    expect(cases.citizen.trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    expect(await citizen.getByTestId('c-photos-sent').textContent()).toContain('1 张照片');
    await shot(citizen, 'citizen-tracking-code');

    // The community centre owns an everyday matter: it accepts and sends it to the grid.
    const communityPage = await pageOf(users.community);
    failWithScreenshot(communityPage);
    await communityPage.getByTestId('menu-events').click();
    const row = communityPage.locator('[data-testid^=event-row-]', { hasText: '小区北门垃圾堆放' }).first();
    await row.waitFor();
    cases.citizen.number = ((await row.getAttribute('data-testid')) ?? '').replace('event-row-', '');
    await row.click();
    await communityPage.getByTestId('event-detail').waitFor();
    const citizenCaseId = idFromHref(communityPage.url());
    // The citizen's photo came with the report, for the centres to see (the street sits above the community).
    const streetPage = await pageOf(users.street);
    failWithScreenshot(streetPage);
    await openEvent(streetPage, citizenCaseId);
    const citizenPhoto = streetPage.getByTestId('event-photos').locator('img').first();
    await expect.poll(() => citizenPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll).toBe(1600);
    expect(await streetPage.getByTestId('event-photos').getAttribute('data-count')).toBe('1');
    await shot(streetPage, 'street-sees-citizen-photo');
    await act(communityPage, 'accept');
    await dispatchTo(communityPage, grid.name, 'community-dispatch-grid');
    await expectState(communityPage, 'dispatched');

    const workerPage = await pageOf(users.gridWorker, { phone: true });
    failWithScreenshot(workerPage);
    await workerPage.goto('/m/tasks');
    await workerPage.getByTestId(`m-task-${cases.citizen.number}`).click();
    await expectState(workerPage, 'dispatched', 'm-event-detail');
    await act(workerPage, 'sign');
    await expectState(workerPage, 'in_progress', 'm-event-detail');
    // 反馈 with a photo of the cleared gate: the photo goes up first (its progress shows), then the step.
    await workerPage.getByTestId('event-action-feedback').click();
    const sheet = workerPage.locator('[data-testid=event-action-modal][data-action=feedback]');
    await sheet.waitFor();
    await sheet.getByTestId('event-action-text').fill('已联系物业清运垃圾，并在北门增设两个垃圾桶');
    await sheet.getByTestId('m-photo-input').setInputFiles([
      { name: 'IMG_0107.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(workerPage, { width: 2400, height: 1800, type: 'image/jpeg', label: '清运后 IMG_0107' }) },
    ]);
    await sheet.locator('[data-testid=m-photos][data-count="1"][data-preparing="0"]').waitFor();
    await screenshot(workerPage, 'grid-worker-feedback-photo', { viewport: true });
    const cdp = await workerPage.context().newCDPSession(workerPage);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: -1, uploadThroughput: 32 * 1024 });
    await workerPage.getByTestId('event-action-submit').click();
    const uploadBar = workerPage.getByTestId('event-action-upload');
    await uploadBar.waitFor();
    expect(await uploadBar.textContent()).toContain('正在上传照片 1/1');
    await screenshot(workerPage, 'grid-worker-feedback-uploading', { viewport: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    await sheet.waitFor({ state: 'detached' });
    await expectState(workerPage, 'feedback', 'm-event-detail');
    // The case now has the citizen's photo and the worker's, each under its step.
    const casePhotos = workerPage.getByTestId('m-event-photos');
    await expect.poll(() => casePhotos.getAttribute('data-count'), poll).toBe('2');
    const feedbackPhoto = casePhotos.locator('img[data-step=feedback], [data-step=feedback] img').first();
    await expect.poll(() => feedbackPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll).toBe(1600);
    await shot(workerPage, 'grid-worker-feedback');

    await openEvent(communityPage, citizenCaseId);
    await act(communityPage, 'verify_pass');
    await expectState(communityPage, 'closed');
    await shot(communityPage, 'community-closed');

    await citizen.goto(`/c/track?code=${cases.citizen.trackingCode}`);
    await citizen.locator('[data-testid=c-track-result][data-state=closed]').waitFor();
    expect(await citizen.getByTestId('c-track-answer').textContent()).toContain('增设两个垃圾桶');
    // The citizen sees the photo they sent, and only that one (the worker's stays with the staff).
    const myPhoto = citizen.getByTestId('c-my-photos').locator('img');
    await expect.poll(() => myPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll).toBe(1600);
    expect(await myPhoto.count()).toBe(1);
    // The citizen's milestones, newest first, in words meant for them; no names of units or people.
    const steps = await citizen.getByTestId('c-track-step').evaluateAll((items) => items.map((i) => i.getAttribute('data-action')));
    expect(steps).toEqual(['verify_pass', 'feedback', 'sign', 'dispatch', 'accept', 'report']);
    const timelineText = (await citizen.getByTestId('c-track-timeline').textContent()) ?? '';
    expect(timelineText).toContain('已派遣至处置部门');
    expect(timelineText).not.toContain(grid.name);
    await citizen.getByTestId('c-rate-comment').fill('处理很及时');
    await shot(citizen, 'citizen-track-closed');
    await citizen.getByTestId('c-rate-satisfied').click();
    await citizen.locator('[data-testid=c-track-result][data-state=evaluated]').waitFor();
    expect(await citizen.getByTestId('c-rated').textContent()).toContain('满意');
    await shot(citizen, 'citizen-rated');
    for (const page of [citizen, communityPage, streetPage, workerPage]) expectNoPageErrors(page);
  });

  it('(e) a case runs red: the live warning, the red card and the 督办 from the street, answered by the community', async () => {
    const communityPage = await pageOf(users.community);
    failWithScreenshot(communityPage);
    // Filed through the hotline page: a blocked fire lane, which the community must take up within an hour.
    Object.assign(cases.red, await fileFireLaneCall(communityPage, '3号楼东侧消防通道被私家车长期占用，来电人多次反映', 'hotline-report'));

    // The staff member is back on the workbench when the deadline passes.
    await communityPage.getByTestId('menu-workbench').click();
    await communityPage.getByTestId('workbench').waitFor();
    // The platform runs on the real clock, so the case's deadlines are moved into the past instead;
    // the running sweeper finds them within a second and fires the red card (and its 督办) live.
    await server.platform.handle.query(
      "update event_clock set due_at = now() - interval '1 minute', yellow_at = now() - interval '2 minutes' where event_id = $1 and stopped_at is null",
      [cases.red.id],
    );
    const notice = communityPage.getByTestId('live-warning').filter({ hasText: cases.red.number });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('红牌预警');
    await communityPage.getByTestId('menu-events-badge').waitFor();
    await shot(communityPage, 'live-red-warning');

    await notice.getByTestId('live-warning-open').click();
    await communityPage.waitForURL(`**/events/${cases.red.id}`);
    await communityPage.locator('[data-testid=event-warning][data-warning=red]').waitFor();
    const order = communityPage.locator('[data-testid=supervision-item][data-state=open]');
    await order.waitFor();
    // The order comes from the centre above the community, named (though it is out of the community's scope).
    expect(await order.textContent()).toContain(street.name);
    expect(await order.textContent()).toContain(community.name);
    expect(await order.textContent()).not.toContain(street.code);
    const actions = await communityPage.getByTestId('event-timeline-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['warning_red', 'supervise']));
    expect(await communityPage.getByTestId('event-timeline').textContent()).toContain('红牌预警');
    await shot(communityPage, 'red-card-supervised');

    await order.getByTestId('supervision-answer-open').click();
    await communityPage.getByTestId('supervision-answer-text').fill('已联系物业和车主，今日下班前清理通道并加装隔离桩');
    await communityPage.getByTestId('supervision-answer-submit').click();
    await communityPage.locator('[data-testid=supervision-item][data-state=answered]').waitFor();
    await shot(communityPage, 'supervision-answered');

    // The street centre, above the owner, presses again by hand.
    const streetPage = await pageOf(users.street);
    failWithScreenshot(streetPage);
    await openEvent(streetPage, cases.red.id);
    await streetPage.getByTestId('supervision-answer').waitFor();
    await streetPage.getByTestId('event-supervise').click();
    await streetPage.getByTestId('supervise-reason').fill('请于两个工作日内完成隔离桩安装并上传照片');
    await streetPage.getByTestId('supervise-days').fill('2');
    await streetPage.getByTestId('supervise-submit').click();
    await streetPage.locator('[data-testid=supervision-item][data-state=open]').waitFor();
    expect(await streetPage.getByTestId('supervision-item').count()).toBe(2);
    await shot(streetPage, 'street-supervises');
    for (const page of [communityPage, streetPage]) expectNoPageErrors(page);
  });

  it('(f) a second call about the same fire lane is flagged as a duplicate and merged into the case handling it', async () => {
    const page = await pageOf(users.community);
    failWithScreenshot(page);
    const duplicate = await fileFireLaneCall(page, '3号楼东侧消防通道又被车辆堵住，邻居也打来电话', 'hotline-second-call');
    await openEvent(page, duplicate.id);
    const banner = page.getByTestId('event-duplicate');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(cases.red.number);
    await shot(page, 'duplicate-flagged');
    await banner.getByTestId('event-merge').click();
    await page.getByTestId('event-merge-confirm').click();
    await page.getByTestId('event-merged-into').waitFor();
    expect(await page.getByTestId('event-timeline').textContent()).toContain('合并');
    await shot(page, 'duplicate-merged');

    await openEvent(page, cases.red.id);
    expect(await page.getByTestId('event-merged-list').textContent()).toContain(duplicate.number);
    expectNoPageErrors(page);
  });

  it('(g) the scorecard shows the figures, opens the cases behind them and exports Excel', async () => {
    const page = await pageOf(users.district);
    failWithScreenshot(page);
    await page.getByTestId('menu-scorecards').click();
    const scorecards = page.getByTestId('scorecards-page');
    await scorecards.waitFor();
    await expect.poll(() => scorecards.getAttribute('data-org'), poll).toBe('150602');
    await page.getByTestId('scorecard-period-month').click();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    await expect.poll(() => scorecards.getAttribute('data-from'), poll).toBe(`${month}-01`);
    await page.locator('[data-testid=scorecards-page][data-ready=true]').waitFor();
    const reported = Number((await page.getByTestId('drill-150602-reported').textContent())?.replace(/\D/g, ''));
    expect(reported).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('kpi-resolutionRate-value').textContent()).toMatch(/%$/);
    expect(await page.getByTestId('kpi-satisfactionRate-value').textContent()).toMatch(/%$/);
    await page.getByTestId(`scorecard-row-${street.code}`).waitFor();
    await shot(page, 'scorecards');

    await page.getByTestId('drill-150602-closed').click();
    const drawer = page.getByTestId('scorecard-cases');
    await drawer.waitFor();
    await drawer.getByTestId(`scorecard-case-${cases.safety.number}`).waitFor();
    await shot(page, 'scorecard-closed-cases');
    await drawer.getByTestId(`scorecard-case-${cases.safety.number}`).click();
    await page.waitForURL(`**/events/${cases.safety.id}`);
    await page.locator(`[data-testid=event-detail][data-number="${cases.safety.number}"]`).waitFor();
    await page.goBack();
    await scorecards.waitFor();

    await page.getByTestId(`scorecard-open-${street.code}`).click();
    await expect.poll(() => scorecards.getAttribute('data-org'), poll).toBe(street.code);
    await page.locator('[data-testid=scorecards-page][data-ready=true]').waitFor();
    await page.getByTestId(`scorecard-row-${community.code}`).waitFor();
    expect(await page.getByTestId('scorecard-breadcrumb').textContent()).toContain(street.name);
    await shot(page, 'scorecards-street');
    await page.getByTestId('scorecard-crumb-150602').click();
    await expect.poll(() => scorecards.getAttribute('data-org'), poll).toBe('150602');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scorecard-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^scorecard-150602-.*\.xlsx$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const file = Buffer.concat(chunks);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expectNoPageErrors(page);
  });

  it('(h) a system administrator edits a category: a new version, shown in the catalogue', async () => {
    const page = await pageOf(users.admin);
    failWithScreenshot(page);
    // The administrator's scope is the city; its one district is where the scorecards open.
    await page.getByTestId('menu-scorecards').click();
    await expect.poll(() => page.getByTestId('scorecards-page').getAttribute('data-org'), poll).toBe('150602');
    await page.getByTestId('menu-system').click();
    await page.getByTestId('menu-categories').click();
    await page.getByTestId('categories-page').waitFor();
    const row = page.locator('tr', { has: page.getByTestId('category-row-9999') });
    await row.waitFor();
    expect(await row.getByTestId('category-version').textContent()).toBe('v1');
    await page.getByTestId('category-edit-9999').click();
    await page.locator('[data-testid=category-modal][data-code="9999"]').waitFor();
    await page.getByTestId('category-yellow').fill('80');
    await page.getByTestId('category-limit-handle').fill('3');
    await shot(page, 'category-edit');
    await page.getByTestId('category-save').click();
    await page.getByTestId('category-modal').waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('category-version').textContent(), poll).toBe('v2');
    expect(await row.textContent()).toContain('80%');
    await shot(page, 'categories');
    expectNoPageErrors(page);
  });
  it('(i) an administrator deactivates a category: reporters no longer see it; it stays in the catalogue, greyed, and is activated again', async () => {
    const page = await pageOf(users.admin);
    failWithScreenshot(page);
    await page.goto('/settings/categories');
    await page.getByTestId('categories-page').waitFor();
    const row = page.locator('tr', { has: page.getByTestId('category-row-0699') });
    await row.waitFor();
    await page.getByTestId('category-edit-0699').click();
    await page.locator('[data-testid=category-modal][data-code="0699"]').waitFor();
    await page.getByTestId('category-active').click();
    await page.getByTestId('category-save').click();
    await page.getByTestId('category-modal').waitFor({ state: 'detached' });
    await page.locator('[data-testid=category-row-0699][data-active=false]').waitFor();
    expect(await row.getByTestId('category-inactive').textContent()).toBe('已停用');
    expect(await row.getAttribute('class')).toContain('category-inactive-row');

    // The grid worker's picker (opened afresh) no longer offers it.
    const worker = await pageOf(users.gridWorker, { phone: true });
    await worker.goto('/m/report');
    await worker.getByTestId('category-06').click();
    await worker.getByTestId('category-0603').waitFor();
    expect(await worker.getByTestId('category-0699').count()).toBe(0);

    await shot(page, 'category-deactivated');
    await page.getByTestId('category-activate-0699').click();
    await page.getByTestId('category-activate-confirm').click();
    await page.locator('[data-testid=category-row-0699][data-active=true]').waitFor();
    expect(await row.getByTestId('category-version').textContent()).toBe('v3');
    expect(await page.getByTestId('category-activate-0699').count()).toBe(0);

    await worker.goto('/m/report');
    await worker.getByTestId('category-06').click();
    await worker.getByTestId('category-0699').waitFor();
    for (const p of [page, worker]) expectNoPageErrors(p);
  });
});
