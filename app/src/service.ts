/**
 * The app's side of the provider service API (docs/service.md): JSON over fetch, no credential (the user
 * app needs none: a bill authenticates itself by its proof; a disclosure by the user's signature).
 * What goes out: a bill (fee, commitments, proofs), a disclosure or refusal the user approved, and GETs.
 * Never a reading, an opening or the seed (test/app/no-data-leaves.e2e.ts records every request).
 */
import { ServiceClient } from '../../src/agent/client.js';
import { fetchRecords } from '../../src/agent/fetch-log.js';
import type { Bill } from '../../src/bill/message.js';
import type { Disclosure } from '../../src/disclosure/message.js';
import * as db from './db.js';
import { saveBills, state } from './state.js';
import { clear, h, money, notice } from './ui.js';
import { work } from './work.js';

export function serviceReady(): boolean {
  return state.service !== undefined && state.service.account !== '';
}

/** The service's base URL: the one configured, or this page's origin (the service serves the app at /app/). */
export function baseUrl(url = state.service?.url ?? ''): string {
  return url === '' ? location.origin : url.replace(/\/+$/, '');
}

/**
 * The agent's typed client (src/agent/client.ts), shared with `meterproof agent`: responses checked
 * against the API's schemas, errors by the API's codes. The page's fetch is wrapped so that it is called
 * with the window as `this` (browsers refuse a detached fetch).
 */
export function client(url?: string): ServiceClient {
  return new ServiceClient({ baseUrl: baseUrl(url), fetch: (u, init) => fetch(u, init), retries: 2 });
}

/** The part of a public JWK that is the key (kid and other members aside). */
function keyId(jwk: unknown): string {
  const k = (jwk ?? {}) as { kty?: unknown; crv?: unknown; x?: unknown };
  return JSON.stringify([k.kty, k.crv, k.x]);
}

/** A short fingerprint of a public key, for people to compare (the first 16 characters of its x). */
export function keyFingerprint(jwk: unknown): string {
  const x = (jwk as { x?: unknown } | undefined)?.x;
  return typeof x === 'string' ? `${x.slice(0, 8)} ${x.slice(8, 16)}` : '?';
}

/**
 * The provider key every signature is checked against: the one pinned when the user first connected.
 * The service's current key is fetched too, and a different one is refused: a service (or whoever sits
 * in front of it) that starts signing with another key cannot make tariffs, registrations or receipts
 * of its own pass here. With no pinned key yet (settings from before pinning), the served key is pinned.
 */
export async function providerKey(): Promise<unknown> {
  const served = await client().providerKey();
  const pinned = state.service?.providerKey;
  if (pinned === undefined) {
    if (state.service) {
      state.service = { ...state.service, providerKey: served };
      await db.put('service', state.service);
    }
    return served;
  }
  if (keyId(served) !== keyId(pinned)) {
    throw new Error(`the provider's key changed since you connected (pinned ${keyFingerprint(pinned)}, the service now says ${keyFingerprint(served)}); nothing it signs is trusted until you check the new key with your provider and connect again with "Trust the new key"`);
  }
  return pinned;
}

/**
 * Connects: the provider's key and the account (its meters and user keys), checked to exist. The key
 * must be the one pinned for this service unless `trustNewKey`; the caller pins what this returns.
 */
export async function connect(url: string, account: string, trustNewKey = false, expected?: unknown) {
  const c = client(url);
  const key = await c.providerKey();
  // A key the user got from the provider by another channel (a letter, the provider's website) wins.
  if (expected !== undefined && keyId(expected) !== keyId(key)) {
    throw new Error(`the service's key (${keyFingerprint(key)}) is not the provider key you gave (${keyFingerprint(expected)}): this is not your provider's service, or its key changed; nothing was pinned`);
  }
  const pinned = state.service && baseUrl(state.service.url) === baseUrl(url) ? state.service.providerKey : undefined;
  if (pinned !== undefined && !trustNewKey && expected === undefined && keyId(pinned) !== keyId(key)) {
    throw new Error(`the provider's key changed since you last connected (pinned ${keyFingerprint(pinned)}, the service now says ${keyFingerprint(key)}). Check the new key with your provider by another channel, then choose "Trust the new key"`);
  }
  return { key, account: await c.account(account) };
}

/** The tariff in force for the account and period, its signature checked here against the provider's key. */
export async function fetchTariffInForce(period: string): Promise<db.StoredTariff> {
  const c = client();
  const key = await providerKey();
  const r = (await c.tariffInForce(state.service!.account, period)) as { signedTariff: db.StoredTariff['signed'] };
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
  return (await client().billStatus(id)) as BillStatus;
}

/** Submits the bill (the full form: fee, commitments, proofs), then polls for the verdict and shows the receipt. */
export async function submitBill(b: db.StoredBill, area: HTMLElement): Promise<void> {
  clear(area, notice('info', 'Sending the bill (the fee, the commitments and the proofs; no readings)\u2026'));
  try {
    const r = await client().submitBill({ bill: b.bill as Bill });
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
  return (await client().disclosureRequests(state.service!.account)) as DisclosureRequest[];
}

export async function answerRequest(id: string, answer: { disclosure: unknown } | { refusal: unknown }): Promise<DisclosureRequest> {
  return (await client().answerDisclosure(id, answer as { disclosure: Disclosure })) as DisclosureRequest;
}

/**
 * The meter's log from the provider, paged (src/agent/fetch-log.ts), with the registration and the
 * provider's key it is to be checked against (in the worker, importFetched). GETs only: nothing of the
 * user's goes out but the meter id.
 */
export async function fetchMeterLog(meter: string): Promise<{ log: unknown; registration: unknown; providerKey: unknown }> {
  const c = client();
  const [registration, key] = await Promise.all([c.meterRegistration(meter), providerKey()]);
  return { log: await fetchRecords(c, registration), registration, providerKey: key };
}
