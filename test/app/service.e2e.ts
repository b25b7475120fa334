/**
 * The whole app against the embedded provider service, which serves app/dist at /app/: load the demo
 * data, connect, fetch the tariff in force (signature checked in the browser), compute and submit a bill
 * and see it accepted with a signed receipt; the provider's dashboard shows the bill; answer one
 * disclosure request and refuse another. Every request the page makes is recorded, and none carries a
 * reading, an opening or the seed (the no-data-leaves test).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { opening } from '../../src/meter/openings.js';
import { scalarToBytes } from '../../src/core/scalar.js';
import { axeSerious, DIST, launch, loadDemo, openApp, ROOT, shot, type Launched } from './harness.js';
import { startDemoService, TEST_TOKEN as TOKEN, type DemoService } from '../../app/demo-service.js';
import { generateKey } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';

let svc: DemoService;
let b: Launched;
let page: Page;
let appUrl: string;
const sent: { method: string; url: string; body: string; provider: boolean }[] = [];
const errors: string[] = [];

function record(r: Request) {
  // `provider`: the dashboard's calls with the provider's token (the provider's side, not the user's app).
  sent.push({ method: r.method(), url: r.url(), body: r.postData() ?? '', provider: r.headers().authorization !== undefined });
}

beforeAll(async () => {
  svc = await startDemoService({ root: ROOT, dist: DIST });
  appUrl = `${svc.url}/app/`;
  b = await launch();
  b.context.on('request', record);
  page = await b.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, appUrl);
});

afterAll(async () => {
  await b?.close();
  await svc?.close();
});

it('loads the demo data and connects to the provider; the simulated meter pushes its records', async () => {
  await loadDemo(page);
  await page.goto(`${appUrl}#/provider`);
  await page.getByTestId('connect').click();
  await page.getByTestId('connect-status').getByText(/Connected|Could not/).waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('connect-status').textContent()).resolves.toMatch(/Connected to account demo-account.*not registered yet.*8760 signed records/s);
  // The provider registers the user's key (the dashboard's operation, with the provider's token).
  const jwk = await page.getByTestId('user-jwk').textContent();
  const dash = await b.context.newPage();
  await dash.goto(`${appUrl}dashboard.html`);
  await dash.waitForSelector('body[data-ready="true"]');
  await dash.locator('#d-token').fill(TOKEN);
  await dash.getByTestId('dash-apply').click();
  await dash.locator('#op-uk-jwk').fill(jwk!);
  await dash.getByTestId('op-register-user').click();
  await dash.getByText(/Registered user key/).waitFor();
  await dash.close();
  await page.getByTestId('connect').click();
  await page.getByTestId('connect-status').getByText(/Your user key is registered/).waitFor();
  await shot(page, 'provider');
  expect(await axeSerious(page)).toEqual([]);
});

it('fetches the tariff in force, proves and submits a bill, and shows the accepted, signed receipt', async () => {
  await page.goto(`${appUrl}#/bill`);
  await page.getByTestId('fetch-tariff').click();
  await page.getByText(/Its signature was checked in this browser/).waitFor();
  await expect(page.locator('#bill-tariff option:checked').textContent()).resolves.toMatch(/from the provider, signature checked/);
  await page.getByTestId('compute-bill').click();
  await page.getByTestId('bill-items').waitFor({ timeout: 120_000 });
  await page.getByTestId('submit-bill').click();
  await page.getByTestId('receipt').waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('receipt-verdict').textContent()).resolves.toBe('accepted');
  await expect(page.getByTestId('receipt-signature').textContent()).resolves.toMatch(/valid/);
  await shot(page, 'bill-receipt');
  expect(await axeSerious(page)).toEqual([]);
});

it("pins the provider's key: a service that starts serving another key is refused, until the user trusts it", async () => {
  await page.goto(`${appUrl}#/provider`);
  await expect(page.getByTestId('pinned-key').textContent()).resolves.toMatch(/Provider key pinned on this device: \S{8} \S{8}/);
  const other = generateKey('provider', seededRng('e2e/impostor')).public;
  const impostor = (route: import('playwright-core').Route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ key: other }) });
  await page.route('**/v1/provider/key', impostor);
  await page.goto(`${appUrl}#/bill`);
  await page.getByTestId('fetch-tariff').click();
  await page.getByText(/provider's key changed since you connected/).waitFor();
  await page.goto(`${appUrl}#/provider`);
  await page.getByTestId('connect').click();
  await page.getByTestId('connect-status').getByText(/key changed since you last connected/).waitFor();
  await page.unroute('**/v1/provider/key', impostor);
  // The real key again: everything checks as before.
  await page.goto(`${appUrl}#/bill`);
  await page.getByTestId('fetch-tariff').click();
  await page.getByText(/Its signature was checked in this browser/).waitFor();
  // A key the user got from the provider by another channel: the service must serve exactly it.
  const real = ((await (await fetch(`${svc.url}/v1/provider/key`)).json()) as { key: unknown }).key;
  await page.goto(`${appUrl}#/provider`);
  await page.locator('#svc-provider-key').fill(JSON.stringify(other));
  await page.getByTestId('connect').click();
  await page.getByTestId('connect-status').getByText(/is not the provider key you gave/).waitFor();
  await page.locator('#svc-provider-key').fill(JSON.stringify(real));
  await page.getByTestId('connect').click();
  await page.getByTestId('connect-status').getByText(/Connected to account/).waitFor();
});

it("checks the provider's evidence bundle in Check a bill: verified; with a commitment changed, rejected by the chain", async () => {
  const [bill] = await svc.provider.accountBills('demo-account');
  const evidence = await svc.provider.billEvidence(bill!.id);
  await page.goto(`${appUrl}#/check`);
  await page.getByTestId('check-files').setInputFiles([{ name: 'evidence.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(evidence)) }]);
  await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Verified.*346\.8166 USD/s);
  const items = evidence.bill.records.items.map((it) => [...it]);
  const [a, b2] = [items[5]![3], items[6]![3]];
  items[5]![3] = b2!;
  items[6]![3] = a!;
  const forged = { ...evidence, bill: { ...evidence.bill, records: { ...evidence.bill.records, items } } };
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByTestId('check-files').setInputFiles([{ name: 'evidence-swapped.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(forged)) }]);
  await expect(page.getByTestId('reason').textContent()).resolves.toBe('chain.hash');
});

it('answers disclosure requests: approves one (consent signed with WebCrypto, disclosed locally), refuses another', async () => {
  // The grid operator's request filed by the provider on the dashboard (the daily totals of July) ...
  const dash = await b.context.newPage();
  await dash.goto(`${appUrl}dashboard.html`);
  await dash.waitForSelector('body[data-ready="true"]');
  await dash.locator('#d-token').fill(TOKEN);
  await dash.getByTestId('dash-apply').click();
  await dash.getByTestId('op-file-request').click();
  await dash.getByText(/Asked demo-account for the daily totals of 2011-07 \(America\/Los_Angeles\)/).waitFor();
  await dash.close();
  // ... and another through the API: a week's daily totals and a yes/no threshold, for marketing.
  await svc.provider.fileDisclosureRequest({
    account: 'demo-account',
    meter: 'demo-home-1',
    purpose: 'marketing',
    recipient: 'ad-partner',
    query: { v: 1, type: 'meterproof/query', meter: 'demo-home-1', registers: ['import'], items: [{ kind: 'daily', from: '2011-07-01', to: '2011-07-07', timezone: 'America/Los_Angeles' }, { kind: 'threshold', from: '2011-07-04T00:00:00-07:00', to: '2011-07-05T00:00:00-07:00', threshold: '30000' }] },
  });
  await page.goto(`${appUrl}#/requests`);
  await page.getByTestId('request').nth(1).waitFor();
  const grid = page.getByTestId('request').filter({ hasText: 'grid-operator' });
  await expect(grid.textContent()).resolves.toMatch(/network planning.*your total use for each day from 2011-07-01 to 2011-07-31 \(America\/Los_Angeles\): one number per day/s);
  await expect(page.getByTestId('request').filter({ hasText: 'ad-partner' }).textContent()).resolves.toMatch(/2011-07-07.*yes or no only, not the amount/s);
  await shot(page, 'requests');
  expect(await axeSerious(page)).toEqual([]);
  await grid.getByTestId('approve').click();
  await grid.getByText(/Disclosed to|Not disclosed/).waitFor({ timeout: 120_000 });
  await expect(grid.textContent()).resolves.toMatch(/Disclosed to grid-operator \(consent signed with WebCrypto\)/);
  const ads = page.getByTestId('request').filter({ hasText: 'ad-partner' });
  await ads.getByTestId('refuse').click();
  await ads.getByText(/Refused/).waitFor();
  await shot(page, 'requests-answered');
  const states = (await svc.provider.disclosureRequests('demo-account')).map((r) => [r.recipient, r.state]).sort();
  expect(states).toEqual([['ad-partner', 'refused'], ['grid-operator', 'disclosed']]);
});

it('shows the bill on the provider dashboard, with the meter and its last record and the requests answered, and no reading', async () => {
  const dash = await b.context.newPage();
  await dash.goto(`${appUrl}dashboard.html`);
  await dash.waitForSelector('body[data-ready="true"]');
  await dash.locator('#d-token').fill(TOKEN);
  await dash.getByTestId('dash-apply').click();
  await dash.getByTestId('dash-bills').getByText('accepted').waitFor();
  await expect(dash.getByTestId('dash-bills').textContent()).resolves.toMatch(/demo-account.*demo-home-1.*2011-07.*USD.*accepted/s);
  await expect(dash.getByTestId('kpi-accepted').textContent()).resolves.toMatch(/1$/);
  await expect(dash.getByTestId('dash-meters').textContent()).resolves.toMatch(/demo-home-1.*8760.*seq 8759/s);
  await expect(dash.getByTestId('dash-requests').textContent()).resolves.toMatch(/grid-operator.*disclosed.*31 proven answers.*import total on 2011-07-01|ad-partner.*refused.*grid-operator.*disclosed.*31 proven answers.*import total on 2011-07-01/s);
  await shot(dash, 'dashboard');
  expect(await axeSerious(dash)).toEqual([]);
  await dash.getByTestId('dash-requests').getByText('31 proven answers').click();
  await dash.getByTestId('dash-requests').getByText(/import total on 2011-07-31 \(America\/Los_Angeles\): \d+/).waitFor();
  await dash.setViewportSize({ width: 390, height: 844 });
  await dash.waitForTimeout(300);
  expect(await dash.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeSerious(dash)).toEqual([]);
  await shot(dash, 'phone-dashboard');
  await dash.close();
});

it("fetches the meter's log from the provider (checked in the browser: a tampered record is refused) and bills from it", async () => {
  await page.goto(`${appUrl}#/data`);
  // The service (or the network) alters one record's signature: the browser's check refuses the log.
  await page.route('**/v1/meters/demo-home-1/records?*', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { records: { signature: string }[] };
    if (body.records.length > 4) body.records[3]!.signature = body.records[4]!.signature;
    await route.fulfill({ response: res, json: body });
  });
  await page.getByTestId('fetch-log').click();
  await page.getByText(/Could not load: .*meter\.signature/).waitFor({ timeout: 120_000 });
  await page.unroute('**/v1/meters/demo-home-1/records?*');
  // Untouched: the log from the provider, with the demo's private file, is loaded and a bill made from it.
  await page.getByTestId('fetch-log').click();
  await page.getByText(/^Loaded\./).waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('data-summary').textContent()).resolves.toMatch(/meter demo-home-1's log from the provider \(8760 records, signatures checked here\).*8,760/s);
  await shot(page, 'data-fetched-log');
  expect(await axeSerious(page)).toEqual([]);
  await page.goto(`${appUrl}#/bill`);
  await page.getByTestId('compute-bill').click();
  await page.getByTestId('bill-items').waitFor({ timeout: 120_000 });
  await expect(page.locator('#main').textContent()).resolves.toMatch(/346\.8166/);
  const gets = sent.filter((r) => r.method === 'GET' && /\/v1\/meters\/demo-home-1\/records\?/.test(r.url));
  expect(gets.length).toBeGreaterThanOrEqual(6); // two fetches, 8760 records in pages of 4096
});

it('no reading, opening or seed left the page in any request', async () => {
  const priv = (await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('meterproof');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    return new Promise((res) => {
      const q = db.transaction('kv').objectStore('kv').get('private');
      q.onsuccess = () => res(q.result);
    });
  })) as { meter: string; seed: string; readings: { seq: number; values: number[] }[] };
  expect(priv.readings.length).toBe(8760);
  const seed = fromHex(priv.seed);
  const openings = priv.readings.slice(0, 200).map((r) => toHex(scalarToBytes(opening(seed, priv.meter, r.seq, 0))));
  const api = sent.filter((r) => new URL(r.url).pathname.startsWith('/v1/') && !r.provider);
  // What went out: GETs, the meter's record batches (demo), one bill, one disclosure and one refusal.
  expect(api.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname.replace(/[0-9a-f-]{36}/, ':id'))).toEqual([
    ...Array.from({ length: 9 }, () => '/v1/meters/demo-home-1/records'), '/v1/bills', '/v1/disclosure-requests/:id/response', '/v1/disclosure-requests/:id/response',
  ]);
  // Runs of six consecutive readings, every 97th.
  const runs: string[][] = [];
  for (let i = 0; i + 6 <= priv.readings.length; i += 97) runs.push(priv.readings.slice(i, i + 6).map((r) => String(r.values[0])));
  const leak = (text: string): string | undefined => {
    if (text.includes(priv.seed)) return 'the seed';
    if (openings.some((o) => text.includes(o))) return 'an opening';
    if (/"(readings|values|seed|wh|openings?)"\s*:|<(espi:)?value>|IntervalReading/.test(text)) return 'a readings field';
    // Six readings in order among the numbers of the text, one every k numbers (k ≤ 4: a value column
    // beside seq, start and duration columns).
    const nums = text.match(/\d+/g) ?? [];
    for (const r of runs)
      for (let i = 0; i < nums.length; i++) {
        if (nums[i] !== r[0]) continue;
        for (let k = 1; k <= 4; k++) if (r.every((v, j) => nums[i + j * k] === v)) return `readings ${r.join(',')}`;
      }
    return undefined;
  };
  // The detector finds the secrets in the forms they are kept in (so this test can fail) ...
  expect(leak(JSON.stringify(priv))).toBeDefined();
  expect(leak(priv.readings.map((r) => `${r.seq},${r.values[0]}`).join('\n'))).toBeDefined();
  expect(leak(`{"s":"${priv.seed}"}`)).toBe('the seed');
  expect(leak(`{"r":"${openings[123]}"}`)).toBe('an opening');
  // ... and in nothing the page sent.
  for (const r of sent) expect(leak(`${r.url}\n${r.body}`), `${r.method} ${r.url}`).toBeUndefined();
  // The bill's records are the log's public (seq, start, duration, commitments), nothing else.
  const bill = JSON.parse(api.find((r) => r.url.endsWith('/v1/bills'))!.body) as { bill: { records: { items: unknown[][] } } };
  for (const item of bill.bill.records.items) {
    const [seq, start, duration, ...cs] = item as [number, number, number, ...string[]];
    const reading = priv.readings.find((x) => x.seq === seq)!;
    expect([typeof start, typeof duration, cs.every((c) => /^[0-9a-f]{64}$/.test(c))]).toEqual(['number', 'number', true]);
    expect(reading).toBeDefined();
  }
  expect(errors).toEqual([]);
});
