/**
 * Check a bill: the arbiter's view. Drop a bill, its signed tariff and the provider's and meter's public
 * keys; the bill is verified in this browser and accepted, or rejected with the verifier's reason. No
 * account, no service: nothing is sent.
 */
import * as db from '../db.js';
import { state } from '../state.js';
import { clear, h, money, notice } from '../ui.js';
import { work } from '../work.js';
import { lastProven } from './bill.js';

/** Plain words for the reasons a person is most likely to meet (the full table is in the README). */
const REASONS: Record<string, string> = {
  'proof.linear': 'the fee is not the tariff applied to these readings: the amount was changed, or the proof does not belong to it',
  'chain.hash': "a record, a commitment, the unit or a register name was changed: the chain does not reach the meter's signed last hash",
  'meter.signature': "the records are not signed by this meter's key",
  'meter.key': 'the meter key given is not a meter key',
  'tariff.signature': "the tariff is not signed by this provider's key",
  'tariff.digest': 'the tariff was edited after it was signed',
  'tariff.mismatch': 'the bill is for another tariff',
  'amount.rounding': 'the amount due is not the fee rounded as the tariff says',
  'lineitems.sum': 'the line items do not add up to the fee',
  'lineitems.mismatch': 'the line items are not the tariff\u2019s',
  'malformed.json': 'this is not JSON',
  'malformed.schema': 'this is not a well-formed bill',
  'malformed.fee': 'an amount is not written as the tariff\u2019s scale requires',
  'period.coverage': 'the records do not cover the billing period exactly',
  'records.gap': 'records are missing',
  'proof.range': 'a range proof fails: a hidden amount is out of its range',
  'proof.count': 'a proof is missing or one is extra',
  'key.invalid': 'a key file is not the right kind of key',
};

type Kind = 'bill' | 'tariff' | 'provider' | 'meter';

function kindOf(x: unknown): Kind | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  if (o.type === 'meterproof/bill') return 'bill';
  if (o.type === 'meterproof/signed-tariff') return 'tariff';
  if (o.meterproof_role === 'provider') return 'provider';
  if (o.meterproof_role === 'meter') return 'meter';
  return undefined;
}

export function checkPage(root: HTMLElement): void {
  const have: Partial<Record<Kind, { name: string; value: unknown; text: string }>> = {};
  const list = h('ul', { class: 'dropped', 'data-testid': 'dropped' });
  const result = h('div', { 'data-testid': 'check-result', 'aria-live': 'polite' });
  const names: Record<Kind, string> = { bill: 'Bill', tariff: 'Signed tariff', provider: "Provider's public key", meter: "Meter's public key" };
  const render = () =>
    clear(list, (Object.keys(names) as Kind[]).map((k) => h('li', { class: have[k] ? 'have' : 'missing' }, h('span', { 'aria-hidden': 'true' }, have[k] ? '\u2713 ' : '\u2022 '), `${names[k]}: `, have[k] ? h('code', {}, have[k]!.name) : h('span', { class: 'muted' }, 'not yet'))));
  render();

  const take = async (files: FileList | File[]) => {
    const unknown: string[] = [];
    for (const f of Array.from(files)) {
      const text = await f.text();
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch {
        v = undefined;
      }
      const ev = v as { type?: string; bill?: unknown; signedTariff?: unknown; providerKey?: unknown; registration?: { meterKey?: unknown } } | undefined;
      if (ev?.type === 'meterproof/evidence') {
        // An evidence bundle (GET /v1/bills/{id}/evidence) holds all four; the meter key from the provider-signed registration.
        have.bill = { name: `${f.name} (bill)`, value: ev.bill, text: JSON.stringify(ev.bill) };
        have.tariff = { name: `${f.name} (tariff)`, value: ev.signedTariff, text: '' };
        have.provider = { name: `${f.name} (provider key)`, value: ev.providerKey, text: '' };
        have.meter = { name: `${f.name} (registered meter key)`, value: ev.registration?.meterKey, text: '' };
        continue;
      }
      const k = kindOf(v) ?? (f.name.includes('bill') ? 'bill' : undefined);
      if (k) have[k] = { name: f.name, value: v, text };
      else unknown.push(f.name);
    }
    render();
    clear(result, unknown.length ? notice('error', `Not recognised: ${unknown.join(', ')} (a bill, a signed tariff, or a provider or meter public key is expected)`) : null);
    if (have.bill && have.tariff && have.provider && have.meter) await check();
  };

  const check = async () => {
    clear(result, notice('info', 'Verifying\u2026'));
    // The bill goes as text, so a file that is not JSON is rejected by the verifier (malformed.json), not here.
    const r = await work<{ ok: boolean; reason?: string; detail?: string; fee?: string; currency?: string; amountDue?: string; account?: string; meter?: string; period?: { label: string }; records?: number; lineItems?: { component: string; fee: string }[]; ms: number }>('verify', {
      bill: have.bill!.text,
      signed: have.tariff!.value,
      providerKey: have.provider!.value,
      meterKey: have.meter!.value,
    });
    if (r.ok) {
      clear(result, h('div', { class: 'verdict accepted', 'data-testid': 'verdict' },
        h('h2', {}, '\u2713 Verified'),
        h('p', {}, 'This bill is the signed tariff applied to the meter\u2019s signed readings.'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Fee'), h('dd', {}, money(r.fee!, r.currency!, 4)),
          r.amountDue ? [h('dt', {}, 'Amount due'), h('dd', {}, `${r.amountDue} ${r.currency}`)] : null,
          r.lineItems ? [h('dt', {}, 'Line items'), h('dd', {}, r.lineItems.map((l) => `${l.component} ${l.fee}`).join('; '))] : null,
          h('dt', {}, 'Account, meter'), h('dd', {}, `${r.account}, ${r.meter}`),
          h('dt', {}, 'Period'), h('dd', {}, `${r.period!.label} (${r.records} records)`),
        ),
        h('p', { class: 'muted' }, `Checked in ${r.ms.toFixed(0)} ms in this browser.`)));
    } else {
      clear(result, h('div', { class: 'verdict rejected', role: 'alert', 'data-testid': 'verdict' },
        h('h2', {}, '\u2717 Rejected'),
        h('p', {}, h('strong', {}, 'Reason: '), h('code', { 'data-testid': 'reason' }, r.reason ?? ''), REASONS[r.reason ?? ''] ? ` \u2014 ${REASONS[r.reason!]}` : ''),
        h('p', { class: 'muted' }, r.detail ?? '')));
    }
  };

  const input = h('input', { type: 'file', id: 'check-files', multiple: true, accept: '.json,application/json', 'data-testid': 'check-files', onchange: () => input.files && take(input.files) });
  const zone = h('div', { class: 'dropzone', 'data-testid': 'dropzone' },
    h('p', {}, 'Drop the files here, or '), h('label', { for: 'check-files', class: 'button-like' }, 'choose files'), input);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer?.files) void take(e.dataTransfer.files);
  });
  const fromHere = h('button', {
    type: 'button',
    onclick: async () => {
      const b = lastProven ?? (state.bills.at(-1) ? { bill: state.bills.at(-1)!.bill, tariff: state.tariffs.find((t) => t.signed.tariff.id === state.bills.at(-1)!.tariffId) } : undefined);
      if (!b?.tariff) return clear(result, notice('error', 'No bill made on this device yet.'));
      const text = JSON.stringify(b.bill);
      have.bill = { name: 'your last bill', value: b.bill, text };
      have.tariff = { name: b.tariff.signed.tariff.id, value: b.tariff.signed, text: '' };
      have.provider = { name: 'the provider key', value: b.tariff.providerKey, text: '' };
      have.meter = { name: 'the meter key', value: await db.get('meterKey'), text: '' };
      render();
      await check();
    },
  }, 'Use my last bill from this device');

  clear(
    root,
    h('h1', {}, 'Check a bill'),
    h('p', { class: 'muted' }, 'Anyone can check a bill, for example an arbiter in a dispute: it needs the bill, the signed tariff and the provider\u2019s and the meter\u2019s public keys (or the provider\u2019s evidence bundle, which holds all four), and no account. It is checked here, in this browser; nothing is sent.'),
    zone,
    list,
    h('div', { class: 'actions' }, fromHere),
    result,
  );
}
