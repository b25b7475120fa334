/**
 * My bill: choose a tariff and a month, compute the bill and its proof in the worker, and show it
 * beside the plain calculation, what the provider will see beside what stays here; then submit it.
 */
import * as db from '../db.js';
import { saveBills, state } from '../state.js';
import { clear, download, h, kwh, money, notice, progressBar } from '../ui.js';
import { localTime, monthKey, usage } from '../usage.js';
import { work } from '../work.js';
import { fetchTariffInForce, serviceReady, submitBill } from '../service.js';

interface Bill {
  fee: string;
  amountDue?: string;
  currency: string;
  lineItems?: { component: string; fee: string }[];
  subtotal?: string;
  account: string;
  meter: string;
  period: { label: string };
  records: { count: number; items: unknown[] };
  proof: { linear: string[]; range?: string[]; or?: string[] };
}

interface Proven {
  bill: Bill;
  ms: number;
  backend: string;
  size: number;
  plain: { total: string; items: { component: string; amount: string }[] };
}

export let lastProven: { bill: unknown; tariff: db.StoredTariff } | undefined;

export function billPage(root: HTMLElement): void {
  const p = state.priv;
  if (!p) {
    clear(root, h('h1', {}, 'My bill'), h('p', {}, 'No data yet. ', h('a', { href: '#/data' }, 'Load your data'), ' first.'));
    return;
  }
  const tariffSel = h('select', { id: 'bill-tariff' });
  const fillTariffs = () => clear(tariffSel, state.tariffs.map((t, i) => h('option', { value: String(i) }, `${t.signed.tariff.name} (${t.from === 'service' ? 'from the provider, signature checked' : t.from === 'demo' ? 'demo provider' : 'file'})`)));
  fillTariffs();
  const tz = () => state.tariffs[Number(tariffSel.value)]?.signed.tariff.timezone ?? 'UTC';
  const monthSel = h('select', { id: 'bill-month' });
  const fillMonths = () => {
    const ms = usage(p.readings, tz()).months.filter((m) => m.complete);
    clear(monthSel, ms.map((m) => h('option', { value: m.key }, m.key)));
    const jul = ms.find((m) => m.key.endsWith('-07'));
    if (jul) monthSel.value = jul.key;
  };
  fillMonths();
  tariffSel.addEventListener('change', fillMonths);
  const account = h('input', { id: 'bill-account', value: state.service?.account ?? 'demo-account', autocomplete: 'off' });
  const bar = progressBar('Proving');
  bar.el.hidden = true;
  const out = h('div', { 'data-testid': 'bill-result' });
  const status = h('div', {});
  const fetchBtn = serviceReady()
    ? h('button', {
        type: 'button',
        'data-testid': 'fetch-tariff',
        onclick: async () => {
          clear(status, notice('info', 'Asking the provider for the tariff in force…'));
          try {
            const t = await fetchTariffInForce(monthSel.value || '2011-07');
            fillTariffs();
            tariffSel.value = String(state.tariffs.indexOf(t));
            fillMonths();
            clear(status, notice('ok', `Tariff in force: ${t.signed.tariff.name}. Its signature was checked in this browser against the provider's key.`));
          } catch (e) {
            clear(status, notice('error', `Could not fetch the tariff: ${e instanceof Error ? e.message : String(e)}`));
          }
        },
      }, 'Fetch the tariff in force')
    : null;

  const compute = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'compute-bill',
    onclick: async () => {
      const t = state.tariffs[Number(tariffSel.value)];
      if (!t) return;
      compute.disabled = true;
      clear(out);
      clear(status);
      bar.el.hidden = false;
      bar.update(0, 1, 'Computing the bill');
      try {
        const r = await work<Proven>('prove', { signed: t.signed, log: await db.get('log'), priv: await db.get('private'), account: account.value.trim(), period: monthSel.value }, (x) => bar.update(x.done, x.total, x.stage === 'proving' ? 'Proving' : x.stage));
        bar.update(1, 1, 'Proven');
        lastProven = { bill: r.bill, tariff: t };
        showBill(out, r, t, p.readings.filter((x) => monthKey(localTime(x.start, t.signed.tariff.timezone)) === monthSel.value));
      } catch (e) {
        clear(status, notice('error', `Could not compute the bill: ${e instanceof Error ? e.message : String(e)}`));
      } finally {
        compute.disabled = false;
        setTimeout(() => (bar.el.hidden = true), 600);
      }
    },
  }, 'Compute my bill');

  clear(
    root,
    h('h1', {}, 'My bill'),
    h('p', { class: 'muted' }, 'The bill and its proof are computed in this browser (in a Web Worker). Your readings are not sent: the provider receives the fee and a proof that it is the tariff applied to your meter\u2019s signed readings.'),
    h('div', { class: 'form-row' },
      h('div', { class: 'field' }, h('label', { for: 'bill-tariff' }, 'Tariff'), tariffSel),
      h('div', { class: 'field' }, h('label', { for: 'bill-month' }, 'Month'), monthSel),
      h('div', { class: 'field' }, h('label', { for: 'bill-account' }, 'Account'), account),
    ),
    h('div', { class: 'actions' }, fetchBtn, compute),
    status,
    bar.el,
    out,
  );
}

function showBill(out: HTMLElement, r: Proven, t: db.StoredTariff, readings: { values: readonly number[]; duration: number }[]): void {
  const b = r.bill;
  const cur = b.currency;
  const items = b.lineItems ?? [{ component: 'total', fee: b.fee }];
  const match = r.plain.total === b.fee;
  const total = readings.reduce((s, x) => s + (x.values[0] ?? 0), 0);
  const peak = readings.reduce((m, x) => Math.max(m, ((x.values[0] ?? 0) * 3600) / x.duration), 0);
  const proofs = b.proof.linear.length + (b.proof.range?.length ?? 0) + (b.proof.or?.length ?? 0);
  const submitArea = h('div', { 'data-testid': 'submit-area' });
  const stored: db.StoredBill = { period: b.period.label, tariffId: t.signed.tariff.id, bill: b };
  clear(
    out,
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'h-proven' },
        h('h2', { id: 'h-proven' }, 'Your bill, proven'),
        h('table', { class: 'items', 'data-testid': 'bill-items' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Amount'))),
          h('tbody', {}, items.map((li) => h('tr', {}, h('td', {}, li.component), h('td', { class: 'num' }, money(li.fee, cur))))),
          h('tfoot', {},
            h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', { class: 'num' }, money(b.fee, cur, 4))),
            b.amountDue ? h('tr', {}, h('th', { scope: 'row' }, 'Amount due'), h('td', { class: 'num', 'data-testid': 'amount-due' }, `${b.amountDue} ${cur}`)) : null,
          ),
        ),
        h('p', { class: 'muted' }, `Proven in ${(r.ms / 1000).toFixed(2)} s on the ${r.backend} backend; ${proofs} proof${proofs === 1 ? '' : 's'}, ${(r.size / 1024).toFixed(0)} KiB.`),
      ),
      h('section', { class: 'card', 'aria-labelledby': 'h-plain' },
        h('h2', { id: 'h-plain' }, 'The plain calculation'),
        h('table', { class: 'items', 'data-testid': 'plain-items' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Amount'))),
          h('tbody', {}, r.plain.items.map((li) => h('tr', {}, h('td', {}, li.component), h('td', { class: 'num' }, money(li.amount, cur))))),
          h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', { class: 'num' }, money(r.plain.total, cur, 4)))),
        ),
        notice(match ? 'ok' : 'error', match ? 'The proven fee equals the plain calculation from your readings, to the last digit.' : 'The proven fee differs from the plain calculation.'),
      ),
    ),
    h('div', { class: 'columns' },
      h('section', { class: 'card sees', 'aria-labelledby': 'h-sees' },
        h('h2', { id: 'h-sees' }, 'What the provider will see'),
        h('ul', {},
          h('li', {}, 'The fee: ', h('strong', {}, `${b.fee} ${cur}`), b.amountDue ? ` (amount due ${b.amountDue})` : ''),
          b.lineItems ? h('li', {}, `One subtotal per line item (the tariff asks for an itemised bill): ${b.lineItems.map((l) => l.component).join(', ')}`) : null,
          h('li', {}, `Account ${b.account}, meter ${b.meter}, period ${b.period.label}`),
          h('li', {}, `${b.records.count} commitments (random-looking points) with their times, and the meter's signature`),
          h('li', {}, `${proofs} zero-knowledge proof${proofs === 1 ? '' : 's'}`),
        ),
      ),
      h('section', { class: 'card private', 'aria-labelledby': 'h-private' },
        h('h2', { id: 'h-private' }, 'What stays on this device'),
        h('ul', {},
          h('li', {}, `Your ${readings.length} readings: this month you used ${kwh(total, 0)}`),
          h('li', {}, `Your daily and hourly totals, and your peak (${(peak / 1000).toFixed(2)} kW this month)`),
          h('li', {}, 'The openings of the commitments and the seed they come from'),
        ),
        b.lineItems?.some((l) => l.component === 'demand charge') ? h('p', { class: 'muted' }, 'Note: a flat demand charge\u2019s line item, divided by its public rate, is your peak. The tariff asks for it.') : null,
      ),
    ),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => download(`bill-${b.period.label}.json`, b) }, 'Download the bill'),
      h('button', { type: 'button', onclick: async () => {
        download(`tariff-${t.signed.tariff.id}.signed.json`, t.signed);
        download('provider.pub.json', t.providerKey);
        download('meter.pub.json', await db.get('meterKey'));
      } }, 'Download the tariff and keys (to check it anywhere)'),
      serviceReady()
        ? h('button', {
            type: 'button',
            class: 'primary',
            'data-testid': 'submit-bill',
            onclick: async (ev) => {
              (ev.currentTarget as HTMLButtonElement).disabled = true;
              state.bills = state.bills.filter((x) => !(x.period === stored.period && x.tariffId === stored.tariffId && !x.id));
              state.bills.push(stored);
              await saveBills();
              await submitBill(stored, submitArea);
            },
          }, 'Submit to the provider')
        : h('span', { class: 'muted' }, 'Connect to your provider (the Provider page) to submit it.'),
    ),
    submitArea,
  );
}
