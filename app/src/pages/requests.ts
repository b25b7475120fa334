/**
 * Requests: the provider's disclosure requests in plain words (who, why, exactly what would be revealed,
 * until when). Approving signs the consent with the user's key and makes the disclosure here, in the
 * worker; only the answers and their proofs are sent. Refusing sends a signed refusal.
 */
import * as db from '../db.js';
import { signDoc, userJwk, userKey } from '../keys.js';
import { answerRequest, listRequests, serviceReady, type DisclosureRequest } from '../service.js';
import { state } from '../state.js';
import { clear, h, notice, progressBar } from '../ui.js';
import { work } from '../work.js';

interface Item {
  kind: string;
  from?: string;
  to?: string;
  at?: string;
  timezone?: string;
  threshold?: string;
  terms?: unknown[];
  register?: string;
}

const when = (t?: string) => (t ? t.replace('T', ' ').replace(/:00([+-]\d\d:\d\d|Z)$/, ' $1') : '?');

/** What one query item reveals, in words. */
export function describe(item: Item, unit: string): string {
  const reg = item.register ? ` (${item.register})` : '';
  switch (item.kind) {
    case 'daily':
      return `your total use${reg} for each day from ${item.from} to ${item.to} (${item.timezone}): one number per day`;
    case 'sum':
      return `your total use${reg} from ${when(item.from)} to ${when(item.to)}: one number`;
    case 'reading':
      return `your reading${reg} for the interval starting ${when(item.at)}: one number`;
    case 'linear':
      return `a weighted sum of ${item.terms?.length ?? 0} of your readings${reg}: one number`;
    case 'threshold':
      return `whether your use${reg} from ${when(item.from)} to ${when(item.to)} reached ${item.threshold} ${unit}: yes or no only, not the amount`;
    case 'max':
      return `your highest single reading${reg} from ${when(item.from)} to ${when(item.to)}: one number`;
    default:
      return `a fact of kind "${item.kind}"`;
  }
}

function utcIn(days: number): string {
  return new Date(Math.floor(Date.now() / 1000 + days * 86400) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function requestsPage(root: HTMLElement): Promise<void> {
  clear(root, h('h1', {}, 'Requests'), h('p', {}, 'Loading\u2026'));
  if (!serviceReady()) {
    clear(root, h('h1', {}, 'Requests'), h('p', {}, 'Connect to your provider first (', h('a', { href: '#/provider' }, 'Provider'), ' page).'));
    return;
  }
  const key = await userKey();
  const list = h('div', { class: 'requests' });
  const status = h('div', {});
  clear(
    root,
    h('h1', {}, 'Requests'),
    h('p', { class: 'muted' }, 'Your provider may ask to learn particular facts about your use. Nothing is revealed unless you approve; an approval is signed with your key (', key.kind === 'webcrypto' ? 'WebCrypto Ed25519, a key this browser will not let anyone read out' : 'Ed25519 (noble)', ') and proven here, from your readings, without sending them.'),
    status,
    list,
  );
  let reqs: DisclosureRequest[];
  try {
    reqs = await listRequests();
  } catch (e) {
    clear(status, notice('error', `Could not list the requests: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  if (reqs.length === 0) clear(list, h('p', {}, 'No requests.'));
  const unit = state.priv?.unit ?? 'Wh';
  clear(
    list,
    reqs.map((r) => {
      const q = r.query as { items: Item[] };
      const area = h('div', {});
      const expiry = h('select', { id: `exp-${r.id}` }, h('option', { value: '7' }, '7 days'), h('option', { value: '30', selected: true }, '30 days'), h('option', { value: '365' }, 'one year'));
      const approve = h('button', {
        type: 'button',
        class: 'primary',
        'data-testid': 'approve',
        onclick: async () => {
          approve.disabled = refuse.disabled = true;
          const bar = progressBar('Proving the answers');
          clear(area, bar.el);
          try {
            const d = await work<{ disclosure: unknown; answers: string[]; signer: string }>('disclose', { query: r.query, terms: { recipient: r.recipient, purpose: r.purpose, expires: utcIn(Number(expiry.value)) }, log: await db.get('log'), priv: await db.get('private'), userKey: key }, (x) => bar.update(x.done, x.total, x.stage));
            const updated = await answerRequest(r.id, { disclosure: d.disclosure });
            clear(area, notice('ok', `Disclosed to ${r.recipient} (consent signed with ${d.signer === 'webcrypto' ? 'WebCrypto' : 'noble'}): `, (updated.answers ?? d.answers.map((v, i) => ({ label: `fact ${i + 1}`, value: v }))).map((a) => `${a.label}: ${String(a.value)}`).join('; ')));
            answered('disclosed');
          } catch (e) {
            clear(area, notice('error', `Not disclosed: ${e instanceof Error ? e.message : String(e)}`));
            approve.disabled = refuse.disabled = false;
          }
        },
      }, 'Approve and disclose');
      const refuse = h('button', {
        type: 'button',
        'data-testid': 'refuse',
        onclick: async () => {
          approve.disabled = refuse.disabled = true;
          try {
            const doc = { v: 1, type: 'meterproof/refusal', request: r.id, account: r.account, user: userJwk(key).kid, issued: utcIn(0) };
            const signature = await signDoc(key, 'meterproof/v1/refusal', doc);
            await answerRequest(r.id, { refusal: { ...doc, signature } });
            clear(area, notice('ok', 'Refused. The provider learns only that you said no.'));
            answered('refused');
          } catch (e) {
            clear(area, notice('error', `Could not send the refusal: ${e instanceof Error ? e.message : String(e)}`));
            approve.disabled = refuse.disabled = false;
          }
        },
      }, 'Refuse');
      const stateCell = h('dd', { 'data-testid': 'request-state' }, r.state);
      const actions = h('div', { class: 'actions' }, h('label', { for: `exp-${r.id}` }, 'My consent lasts until '), expiry, approve, refuse);
      const answered = (st: string) => {
        card.dataset.state = st;
        stateCell.textContent = st;
        actions.remove();
      };
      const card = h('article', { class: 'card request', 'data-testid': 'request', 'data-state': r.state, 'aria-labelledby': `rq-${r.id}` },
        h('h2', { id: `rq-${r.id}` }, `${r.recipient} asks for ${q.items.length === 1 ? 'one fact' : `${q.items.length} facts`}`),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Who'), h('dd', {}, r.recipient),
          h('dt', {}, 'Why'), h('dd', {}, r.purpose),
          h('dt', {}, 'What would be revealed'), h('dd', {}, h('ul', {}, q.items.map((it) => h('li', {}, describe(it, unit))))),
          h('dt', {}, 'Nothing else'), h('dd', {}, 'No other reading, total or the seed; the facts are proven from the meter\u2019s signed records.'),
          h('dt', {}, 'Asked'), h('dd', {}, r.filed),
          h('dt', {}, 'State'), stateCell,
        ),
        r.state === 'pending'
          ? actions
          : r.answers ? h('p', {}, 'Answered: ', r.answers.map((a) => `${a.label}: ${String(a.value)}`).join('; ')) : null,
        area,
      );
      return card;
    }),
  );
}
