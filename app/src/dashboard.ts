/**
 * The provider's dashboard: bills received, accepted and rejected (with reasons), queue depth and
 * verification latency (/metrics), meters and their last record, disclosure requests and their answers;
 * and two provider operations the demo needs (register a user key, file a disclosure request). It shows
 * no reading anywhere: the service has none. Provider operations carry the API token, kept in this
 * tab's sessionStorage only.
 */
import './style.css';
import { parseMetrics, quantile, sum } from './metrics.js';
import { clear, h, notice } from './ui.js';

const main = document.getElementById('main')!;
const enc = encodeURIComponent;

const params = new URLSearchParams(location.search);
let base = params.get('service') ?? sessionStorage.getItem('mp.service') ?? new URL('..', location.href).origin;
let token = sessionStorage.getItem('mp.token') ?? '';
let accounts = (params.get('accounts') ?? sessionStorage.getItem('mp.accounts') ?? 'demo-account').split(',').map((a) => a.trim()).filter(Boolean);

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, provider = false): Promise<T> {
  const headers: Record<string, string> = { accept: path === '/metrics' ? 'text/plain' : 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (provider && token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base.replace(/\/+$/, '')}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (!res.ok) {
    let e: { error?: string; message?: string } = {};
    try {
      e = JSON.parse(text) as typeof e;
    } catch {
      /* not JSON */
    }
    throw new Error(`${e.error ?? res.status}: ${e.message ?? res.statusText}`);
  }
  return (path === '/metrics' ? text : JSON.parse(text)) as T;
}

interface BillRow { id: string; state: string; account: string; meter: string; period: string; fee: string; currency: string; submitted: string; reason?: string; detail?: string }
interface Account { account: string; meters: { meter: string; meterKey: { kid: string }; issued: string; layout: { unit: string; registers: string[] } }[]; users: { userKey: { kid: string }; issued: string }[] }
interface Request { id: string; account: string; meter: string; purpose: string; recipient: string; state: string; filed: string; answered?: string; answers?: { label: string; value: string | boolean }[]; refusal?: { reason?: string } }

const kpis = h('div', { class: 'kpis', 'data-testid': 'kpis' });
const reasons = h('div', {});
// Scrollable on a phone: focusable regions, so a keyboard can scroll them too.
const billsBox = h('div', { class: 'table-wrap', 'data-testid': 'dash-bills', tabindex: 0, role: 'region', 'aria-label': 'bills' });
const metersBox = h('div', { class: 'table-wrap', 'data-testid': 'dash-meters', tabindex: 0, role: 'region', 'aria-label': 'meters' });
const requestsBox = h('div', { class: 'table-wrap', 'data-testid': 'dash-requests', tabindex: 0, role: 'region', 'aria-label': 'disclosure requests' });
const status = h('div', {});

const kpi = (label: string, value: string, testid: string) => h('div', { 'data-testid': testid }, h('div', { class: 'muted' }, label), h('div', { class: 'v' }, value));
const table = (head: string[], rows: (string | Node)[][]) =>
  h('table', { class: 'items' }, h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
const short = (hex: string) => h('code', { title: hex }, `${hex.slice(0, 10)}\u2026`);

async function refresh(): Promise<void> {
  try {
    const m = parseMetrics(await call<string>('GET', '/metrics'));
    const accepted = sum(m, 'meterproof_bills', { state: 'accepted' });
    const rejected = sum(m, 'meterproof_bills', { state: 'rejected' });
    const queued = sum(m, 'meterproof_bills', { state: 'queued' });
    const count = sum(m, 'meterproof_verification_seconds_count');
    const mean = count > 0 ? sum(m, 'meterproof_verification_seconds_sum') / count : undefined;
    const p99 = quantile(m, 'meterproof_verification_seconds', 0.99);
    const ms = (s: number | undefined) => (s === undefined ? '\u2013' : `${(s * 1000).toFixed(0)} ms`);
    clear(kpis,
      kpi('Bills received', String(accepted + rejected + queued), 'kpi-received'),
      kpi('Accepted', String(accepted), 'kpi-accepted'),
      kpi('Rejected', String(rejected), 'kpi-rejected'),
      kpi('Queue depth', String(sum(m, 'meterproof_queue_depth')), 'kpi-queue'),
      kpi('Verification, mean', ms(mean), 'kpi-latency'),
      kpi('Verification, p99', ms(p99), 'kpi-p99'),
      kpi('Records ingested', String(sum(m, 'meterproof_records_ingested_total')), 'kpi-records'),
    );
    const byReason = m.filter((s) => s.name === 'meterproof_bills' && s.labels.state === 'rejected' && s.value > 0);
    clear(reasons, byReason.length ? table(['Rejected because', 'Bills'], byReason.map((s) => [h('code', {}, s.labels.reason ?? ''), String(s.value)])) : h('p', { class: 'muted' }, 'No bill rejected.'));
  } catch (e) {
    clear(kpis, notice('error', `Metrics: ${e instanceof Error ? e.message : String(e)}`));
  }
  const bills: BillRow[] = [];
  const meters: (Account['meters'][number] & { account: string; next?: number; lastHash?: string })[] = [];
  const requests: Request[] = [];
  const errors: string[] = [];
  for (const a of accounts) {
    try {
      const acct = await call<Account>('GET', `/v1/accounts/${enc(a)}`);
      for (const mt of acct.meters) {
        const head = await call<{ next: number; lastHash: string }>('GET', `/v1/meters/${enc(mt.meter)}/records/head`).catch(() => undefined);
        meters.push({ ...mt, account: a, ...(head ? { next: head.next, lastHash: head.lastHash } : {}) });
      }
      requests.push(...(await call<{ requests: Request[] }>('GET', `/v1/accounts/${enc(a)}/disclosure-requests`)).requests);
      if (token) bills.push(...(await call<{ bills: BillRow[] }>('GET', `/v1/accounts/${enc(a)}/bills`, undefined, true)).bills);
    } catch (e) {
      errors.push(`${a}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  clear(status, errors.length ? notice('error', errors.join('; ')) : null);
  clear(billsBox, !token ? h('p', { class: 'muted' }, 'Enter the provider token to list bills.') : bills.length === 0 ? h('p', { class: 'muted' }, 'No bills yet.') : table(['Submitted', 'Account', 'Meter', 'Period', 'Fee', 'State', 'Reason', 'Bill'], bills.map((b) => [b.submitted, b.account, b.meter, b.period, `${b.fee} ${b.currency}`, h('span', { class: `state ${b.state}` }, b.state), b.reason ? h('span', { title: b.detail ?? '' }, b.reason) : '', short(b.id)])));
  clear(metersBox, meters.length === 0 ? h('p', { class: 'muted' }, 'No meters registered to these accounts.') : table(['Meter', 'Account', 'Key', 'Layout', 'Records held', 'Last record'], meters.map((mt) => [mt.meter, mt.account, h('code', {}, mt.meterKey.kid.slice(0, 12)), `${mt.layout.unit}: ${mt.layout.registers.join(', ')}`, String(mt.next ?? '\u2013'), mt.next ? h('span', {}, `seq ${mt.next - 1}, hash `, short(mt.lastHash!)) : '\u2013'])));
  clear(requestsBox, requests.length === 0 ? h('p', { class: 'muted' }, 'No disclosure requests.') : table(['Filed', 'Account', 'Recipient', 'Purpose', 'State', 'Answer'], requests.map((r) => [r.filed, r.account, r.recipient, r.purpose, r.state, r.answers ? h('details', {}, h('summary', {}, `${r.answers.length} proven answer${r.answers.length === 1 ? '' : 's'}`), h('ul', {}, r.answers.map((x) => h('li', {}, `${x.label}: ${String(x.value)}`)))) : r.refusal ? `refused${r.refusal.reason ? `: ${r.refusal.reason}` : ''}` : ''])));
  document.body.dataset.refreshed = String(Date.now());
}

function settings(): HTMLElement {
  const svc = h('input', { id: 'd-service', type: 'url', value: base });
  const tok = h('input', { id: 'd-token', type: 'password', value: token, autocomplete: 'off' });
  const acc = h('input', { id: 'd-accounts', value: accounts.join(', ') });
  const apply = h('button', { type: 'button', class: 'primary', 'data-testid': 'dash-apply', onclick: () => {
    base = svc.value.trim();
    token = tok.value.trim();
    accounts = acc.value.split(',').map((a) => a.trim()).filter(Boolean);
    sessionStorage.setItem('mp.service', base);
    sessionStorage.setItem('mp.token', token);
    sessionStorage.setItem('mp.accounts', accounts.join(','));
    void refresh();
  } }, 'Show');
  return h('div', { class: 'form-row' },
    h('div', { class: 'field' }, h('label', { for: 'd-service' }, 'Service'), svc),
    h('div', { class: 'field' }, h('label', { for: 'd-token' }, 'Provider token'), tok),
    h('div', { class: 'field' }, h('label', { for: 'd-accounts' }, 'Accounts'), acc),
    h('div', { class: 'field' }, h('span', { 'aria-hidden': 'true' }, '\u00a0'), apply),
  );
}

/** Provider operations for the demo: register a user's key; ask for a disclosure (the daily totals of a month). */
function operations(): HTMLElement {
  const out = h('div', {});
  const ukAcc = h('input', { id: 'op-uk-account', value: accounts[0] ?? '' });
  const ukJwk = h('textarea', { id: 'op-uk-jwk', rows: 4, style: 'width:100%', placeholder: '{"kty":"OKP",…,"meterproof_role":"user"}' });
  const dAcc = h('input', { id: 'op-d-account', value: accounts[0] ?? '' });
  const dMonth = h('input', { id: 'op-d-month', value: '2011-07', pattern: '\\d{4}-\\d{2}' });
  const dRecipient = h('input', { id: 'op-d-recipient', value: 'grid-operator' });
  const dPurpose = h('input', { id: 'op-d-purpose', value: 'network planning' });
  const run = async (f: () => Promise<string>) => {
    try {
      clear(out, notice('ok', await f()));
      await refresh();
    } catch (e) {
      clear(out, notice('error', e instanceof Error ? e.message : String(e)));
    }
  };
  return h('div', { class: 'cards' },
    h('section', { class: 'card', 'aria-labelledby': 'h-op-uk' }, h('h2', { id: 'h-op-uk' }, 'Register a user key'),
      h('div', { class: 'field' }, h('label', { for: 'op-uk-account' }, 'Account'), ukAcc),
      h('div', { class: 'field' }, h('label', { for: 'op-uk-jwk' }, 'User public key (JWK)'), ukJwk),
      h('button', { type: 'button', 'data-testid': 'op-register-user', onclick: () => run(async () => {
        const r = await call<{ registration: { userKey: { kid: string } } }>('POST', `/v1/accounts/${enc(ukAcc.value.trim())}/user-keys`, { key: JSON.parse(ukJwk.value) }, true);
        return `Registered user key ${r.registration.userKey.kid} to ${ukAcc.value.trim()}.`;
      }) }, 'Register')),
    h('section', { class: 'card', 'aria-labelledby': 'h-op-d' }, h('h2', { id: 'h-op-d' }, 'Ask for a disclosure'),
      h('p', { class: 'muted' }, 'The daily totals of one month, for a named recipient and purpose. The user sees it in plain words and decides.'),
      h('div', { class: 'form-row' },
        h('div', { class: 'field' }, h('label', { for: 'op-d-account' }, 'Account'), dAcc),
        h('div', { class: 'field' }, h('label', { for: 'op-d-month' }, 'Month'), dMonth)),
      h('div', { class: 'form-row' },
        h('div', { class: 'field' }, h('label', { for: 'op-d-recipient' }, 'Recipient'), dRecipient),
        h('div', { class: 'field' }, h('label', { for: 'op-d-purpose' }, 'Purpose'), dPurpose)),
      h('button', { type: 'button', 'data-testid': 'op-file-request', onclick: () => run(async () => {
        const acct = await call<Account>('GET', `/v1/accounts/${enc(dAcc.value.trim())}`);
        const meter = acct.meters[0];
        if (!meter) throw new Error('no meter registered to this account');
        const tz = (await call<{ signedTariff: { tariff: { timezone: string } } }>('GET', `/v1/accounts/${enc(dAcc.value.trim())}/tariff?period=${enc(dMonth.value)}`).catch(() => undefined))?.signedTariff.tariff.timezone ?? 'UTC';
        const [y, mo] = dMonth.value.split('-').map(Number) as [number, number];
        const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
        const query = { v: 1, type: 'meterproof/query', meter: meter.meter, registers: meter.layout.registers, items: [{ kind: 'daily', from: `${dMonth.value}-01`, to: `${dMonth.value}-${String(last).padStart(2, '0')}`, timezone: tz }] };
        await call('POST', '/v1/disclosure-requests', { account: dAcc.value.trim(), meter: meter.meter, query, purpose: dPurpose.value, recipient: dRecipient.value }, true);
        return `Asked ${dAcc.value.trim()} for the daily totals of ${dMonth.value} (${tz}).`;
      }) }, 'File the request')),
    out,
  );
}

clear(main,
  h('h1', {}, 'Provider dashboard'),
  settings(),
  status,
  h('section', { 'aria-labelledby': 'h-kpi' }, h('h2', { id: 'h-kpi' }, 'Bills and verification'), kpis, reasons),
  h('section', { class: 'card', 'aria-labelledby': 'h-bills' }, h('h2', { id: 'h-bills' }, 'Bills'), billsBox),
  h('section', { class: 'card', 'aria-labelledby': 'h-meters' }, h('h2', { id: 'h-meters' }, 'Meters'), metersBox),
  h('section', { class: 'card', 'aria-labelledby': 'h-req' }, h('h2', { id: 'h-req' }, 'Disclosure requests'), requestsBox),
  h('h2', {}, 'Provider operations'),
  operations(),
);
await refresh();
setInterval(() => void refresh(), 5000);
document.body.dataset.ready = 'true';
