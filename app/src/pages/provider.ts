/** Provider: which service this app talks to and for which account; the user key to register there. */
import * as db from '../db.js';
import { userJwk, userKey } from '../keys.js';
import type { LogRecord } from '../../../src/meter/log.js';
import { billStatus, client, connect, keyFingerprint, showReceipt } from '../service.js';
import { saveBills, state } from '../state.js';
import { clear, download, h, notice } from '../ui.js';

/**
 * The demo only: the meter is simulated in this browser, so it does what a real meter does and pushes
 * its signed records (commitments, times, hashes, signatures: public; never a reading or an opening)
 * to the provider, from the first one the provider does not hold yet.
 */
async function pushDemoRecords(): Promise<number> {
  const log = (await db.get('log')) as { meter: string; records: LogRecord[] };
  const c = client();
  const head = await c.recordsHead(log.meter);
  let sent = 0;
  for (let i = head.next; i < log.records.length; i += 1024) {
    const batch = log.records.slice(i, i + 1024);
    await c.pushRecords(log.meter, batch);
    sent += batch.length;
  }
  return sent;
}

export async function providerPage(root: HTMLElement): Promise<void> {
  const url = h('input', { id: 'svc-url', type: 'url', value: state.service?.url ?? '', placeholder: 'same place as this page', autocomplete: 'off' });
  const account = h('input', { id: 'svc-account', value: state.service?.account ?? 'demo-account', autocomplete: 'off' });
  const status = h('div', { 'data-testid': 'connect-status' });
  const key = await userKey();
  const jwk = userJwk(key);
  const bills = h('div', {});
  const trustNew = h('input', { id: 'svc-trust-new', type: 'checkbox' });
  const expectedKey = h('textarea', { id: 'svc-provider-key', rows: '3', spellcheck: 'false', placeholder: '{"kty":"OKP","crv":"Ed25519","x":"…",…} (optional: the provider.pub.json your provider gave you)' });
  const pinnedNote = h('p', { class: 'muted', 'data-testid': 'pinned-key' });
  const showPinned = () => clear(pinnedNote, state.service?.providerKey === undefined ? 'No provider key pinned yet: the key the service gives when you connect is kept, and every signature is checked against it from then on.' : `Provider key pinned on this device: ${keyFingerprint(state.service.providerKey)}\u2026 (compare it with the one your provider publishes). Tariffs, registrations and receipts are checked against it, never against whatever the service says later.`);
  showPinned();
  const connectBtn = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'connect',
    onclick: async () => {
      clear(status, notice('info', 'Connecting\u2026'));
      try {
        const given = (expectedKey as HTMLTextAreaElement).value.trim();
        let expected: unknown;
        if (given !== '') {
          try {
            expected = JSON.parse(given);
          } catch {
            throw new Error('the provider key you pasted is not JSON (paste the whole provider.pub.json)');
          }
        }
        const r = await connect(url.value.trim(), account.value.trim(), (trustNew as HTMLInputElement).checked, expected);
        state.service = { url: url.value.trim(), account: account.value.trim(), providerKey: r.key };
        await db.put('service', state.service);
        (trustNew as HTMLInputElement).checked = false;
        showPinned();
        const registered = r.account.users.some((u) => u.userKey.x === jwk.x);
        const pushed = state.source?.kind === 'demo' && state.log && r.account.meters.some((m) => m.meter === state.log!.meter) ? await pushDemoRecords() : undefined;
        const meters = r.account.meters.map((m) => m.meter).join(', ') || 'none';
        clear(status, notice(registered ? 'ok' : 'info', `Connected to account ${state.service.account} (meters: ${meters}). `, registered ? 'Your user key is registered.' : 'Your user key is not registered yet: give it to your provider (below) so that you can answer requests.', pushed !== undefined ? ` The demo meter (simulated in this browser) sent the provider ${pushed} signed records: commitments and signatures, no readings.` : ''));
      } catch (e) {
        clear(status, notice('error', `Could not connect: ${e instanceof Error ? e.message : String(e)}`));
      }
    },
  }, 'Connect');
  const renderBills = () =>
    clear(bills, state.bills.filter((b) => b.id).length === 0 ? h('p', { class: 'muted' }, 'No bills submitted from this device yet.') : h('table', { class: 'items' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Period'), h('th', { scope: 'col' }, 'Tariff'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Receipt'))),
      h('tbody', {}, state.bills.filter((b) => b.id).map((b) => {
        const cell = h('td', {});
        const show = h('button', { type: 'button', onclick: async () => {
          const s = await billStatus(b.id!);
          b.state = s.state;
          b.receipt = s.receipt;
          await saveBills();
          await showReceipt(cell, s);
        } }, 'Show');
        cell.append(show);
        return h('tr', {}, h('td', {}, b.period), h('td', {}, b.tariffId), h('td', {}, b.state ?? ''), cell);
      }))));
  renderBills();
  clear(
    root,
    h('h1', {}, 'Provider'),
    h('p', { class: 'muted' }, 'The provider service receives your bills and asks for disclosures. This app sends it no readings and needs no password: a bill proves itself.'),
    h('div', { class: 'form-row' },
      h('div', { class: 'field' }, h('label', { for: 'svc-url' }, 'Service URL'), url),
      h('div', { class: 'field' }, h('label', { for: 'svc-account' }, 'Account'), account),
    ),
    h('div', { class: 'field' }, h('label', { for: 'svc-provider-key' }, "Your provider's public key, if it gave you one (pinned instead of trusting the service's word)"), expectedKey),
    h('div', { class: 'actions' }, connectBtn, h('label', { for: 'svc-trust-new', class: 'inline' }, trustNew, ' Trust the new key (only after checking it with your provider)')),
    status,
    pinnedNote,
    h('section', { class: 'card', 'aria-labelledby': 'h-ukey' },
      h('h2', { id: 'h-ukey' }, 'Your user key'),
      h('p', {}, `Made in this browser (${key.kind === 'webcrypto' ? 'WebCrypto Ed25519: the private key cannot be read out' : 'noble Ed25519'}). Its public half, which your provider registers to your account:`),
      h('pre', { 'data-testid': 'user-jwk' }, JSON.stringify(jwk, null, 2)),
      h('button', { type: 'button', onclick: () => download('user.pub.json', jwk) }, 'Download user.pub.json'),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'h-sub' }, h('h2', { id: 'h-sub' }, 'Bills submitted'), bills),
  );
}
