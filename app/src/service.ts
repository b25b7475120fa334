/**
 * The app's side of the provider service API (docs/service.md): JSON over fetch, no credential (the user
 * app needs none: a bill authenticates itself by its proof; a disclosure by the user's signature).
 * What goes out: a bill (fee, commitments, proofs), a disclosure or refusal the user approved, and GETs.
 * Never a reading, an opening or the seed (test/app/no-data-leaves.e2e.ts records every request).
 */
import * as db from './db.js';
import { saveBills, state } from './state.js';
import { clear, h, money, notice } from './ui.js';
import { work } from './work.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function serviceReady(): boolean {
  return state.service !== undefined && state.service.account !== '';
}

function base(): string {
  const url = state.service?.url ?? '';
  return url === '' ? new URL('..', location.href).origin : url.replace(/\/+$/, '');
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown, baseUrl = base()): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'response.json', `the service answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) {
    const e = (json ?? {}) as { error?: string; message?: string; detail?: string };
    throw new ApiError(res.status, e.error ?? `http.${res.status}`, `${e.error ?? res.status}: ${e.message ?? res.statusText}${e.detail ? ` (${e.detail})` : ''}`);
  }
  return json as T;
}

const enc = encodeURIComponent;

export async function providerKey(): Promise<unknown> {
  return (await api<{ key: unknown }>('GET', '/v1/provider/key')).key;
}

/** Connects: the provider's key and the account (its meters and user keys), checked to exist. */
export async function connect(url: string, account: string): Promise<{ key: unknown; account: { meters: { meter: string; meterKey: unknown }[]; users: { userKey: { x: string } }[] } }> {
  const key = (await api<{ key: unknown }>('GET', '/v1/provider/key', undefined, url === '' ? new URL('..', location.href).origin : url.replace(/\/+$/, ''))).key;
  const acct = await api<{ meters: { meter: string; meterKey: unknown }[]; users: { userKey: { x: string } }[] }>('GET', `/v1/accounts/${enc(account)}`, undefined, url === '' ? new URL('..', location.href).origin : url.replace(/\/+$/, ''));
  return { key, account: acct };
}

/** The tariff in force for the account and period, its signature checked here against the provider's key. */
export async function fetchTariffInForce(period: string): Promise<db.StoredTariff> {
  const key = await providerKey();
  const r = await api<{ signedTariff: db.StoredTariff['signed'] }>('GET', `/v1/accounts/${enc(state.service!.account)}/tariff?period=${enc(period)}`);
  const check = await work<{ ok: boolean; reason?: string; detail?: string }>('checkTariff', { signed: r.signedTariff, providerKey: key });
  if (!check.ok) throw new Error(`the tariff from the service does not check: ${check.reason} (${check.detail})`);
  const t: db.StoredTariff = { signed: r.signedTariff, providerKey: key, from: 'service' };
  state.tariffs = [t, ...state.tariffs.filter((x) => (x.signed as { digest?: string }).digest !== (r.signedTariff as { digest?: string }).digest)];
  await db.put('tariffs', state.tariffs);
  return t;
}

interface BillStatus {
  id: string;
  state: 'queued' | 'accepted' | 'rejected';
  fee: string;
  currency: string;
  reason?: string;
  detail?: string;
  receipt?: Record<string, unknown> & { verdict: string; time: string; bill: string; fee?: string; amountDue?: string; currency?: string; reason?: string; signature: string; kid: string };
}

export async function billStatus(id: string): Promise<BillStatus> {
  return api<BillStatus>('GET', `/v1/bills/${enc(id)}`);
}

/** Submits the bill (the full form: fee, commitments, proofs), then polls for the verdict and shows the receipt. */
export async function submitBill(b: db.StoredBill, area: HTMLElement): Promise<void> {
  clear(area, notice('info', 'Sending the bill (the fee, the commitments and the proofs; no readings)\u2026'));
  try {
    const r = await api<{ id: string; state: string }>('POST', '/v1/bills', { bill: b.bill });
    b.id = r.id;
    b.state = r.state;
    b.submitted = new Date().toISOString();
    await saveBills();
    clear(area, notice('info', `Received by the provider (bill ${r.id.slice(0, 12)}\u2026), waiting for the verdict\u2026`));
    let s = await billStatus(r.id);
    for (let i = 0; s.state === 'queued' && i < 600; i++) {
      await new Promise((res) => setTimeout(res, i < 20 ? 250 : 1000));
      s = await billStatus(r.id);
    }
    b.state = s.state;
    b.reason = s.reason;
    b.receipt = s.receipt;
    await saveBills();
    await showReceipt(area, s);
  } catch (e) {
    clear(area, notice('error', `The provider did not take the bill: ${e instanceof Error ? e.message : String(e)}`));
  }
}

export async function showReceipt(area: HTMLElement, s: BillStatus): Promise<void> {
  if (s.state === 'queued') return clear(area, notice('info', 'Still being verified. Come back to this page later: the receipt will be here.'));
  const rc = s.receipt;
  const signed = rc ? (await work<{ ok: boolean }>('checkSigned', { doc: rc, context: 'meterproof/v1/receipt', providerKey: await providerKey() })).ok : false;
  const ok = s.state === 'accepted';
  clear(
    area,
    h('section', { class: `verdict ${ok ? 'accepted' : 'rejected'}`, 'data-testid': 'receipt', 'aria-labelledby': 'h-receipt' },
      h('h2', { id: 'h-receipt' }, ok ? '\u2713 Accepted by the provider' : '\u2717 Rejected by the provider'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Verdict'), h('dd', { 'data-testid': 'receipt-verdict' }, s.state),
        ok ? [h('dt', {}, 'Fee'), h('dd', {}, money(s.fee, s.currency, 4))] : [h('dt', {}, 'Reason'), h('dd', {}, `${s.reason ?? ''} ${s.detail ?? ''}`)],
        rc?.amountDue ? [h('dt', {}, 'Amount due'), h('dd', {}, `${rc.amountDue} ${rc.currency ?? s.currency}`)] : null,
        h('dt', {}, 'Bill'), h('dd', {}, h('code', {}, s.id)),
        rc ? [h('dt', {}, 'Receipt time'), h('dd', {}, rc.time), h('dt', {}, 'Receipt signature'), h('dd', { 'data-testid': 'receipt-signature' }, signed ? "valid: signed by the provider's key" : 'does NOT verify')] : null,
      ),
      rc ? h('details', {}, h('summary', {}, 'The signed receipt'), h('pre', {}, JSON.stringify(rc, null, 2))) : null,
    ),
  );
}

export interface DisclosureRequest {
  id: string;
  account: string;
  meter: string;
  query: unknown;
  queryDigest: string;
  purpose: string;
  recipient: string;
  state: 'pending' | 'disclosed' | 'refused';
  filed: string;
  answered?: string;
  answers?: { label: string; value: string | boolean }[];
}

export async function listRequests(): Promise<DisclosureRequest[]> {
  return (await api<{ requests: DisclosureRequest[] }>('GET', `/v1/accounts/${enc(state.service!.account)}/disclosure-requests`)).requests;
}

export async function answerRequest(id: string, answer: { disclosure: unknown } | { refusal: unknown }): Promise<DisclosureRequest> {
  return (await api<{ request: DisclosureRequest }>('POST', `/v1/disclosure-requests/${enc(id)}/response`, answer)).request;
}
