/** Load my data: the demo, the user's private file and meter log, or a utility download with the log and seed. */
import nistUrl from '../../../demo/data/nist-inland-single-family-2011-hourly.xml?url';
import urdbUrl from '../../../demo/data/residential-tou.urdb.json?url';
import * as db from '../db.js';
import { loadState, state } from '../state.js';
import { clear, h, kwh, notice, progressBar } from '../ui.js';
import { fetchMeterLog, serviceReady } from '../service.js';
import { work, type WorkProgress } from '../work.js';

interface Loaded {
  log: unknown;
  priv: unknown;
  tariffs?: db.StoredTariff['signed'][];
  meterKey?: unknown;
  providerKey?: unknown;
  demoKeys?: db.Stored['demoKeys'];
}

async function store(r: Loaded, source: db.Stored['source']): Promise<void> {
  await db.put('private', r.priv);
  await db.put('log', r.log);
  await db.put('source', source);
  if (r.tariffs && r.providerKey) await db.put('tariffs', r.tariffs.map((signed) => ({ signed, providerKey: r.providerKey, from: 'demo' as const })));
  if (r.meterKey) await db.put('meterKey', r.meterKey);
  if (r.demoKeys) await db.put('demoKeys', r.demoKeys);
  await db.put('bills', []);
  await loadState();
}

function fileField(id: string, label: string, accept: string): { el: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'file', id, accept });
  return { el: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

export function dataPage(root: HTMLElement, go: (route: string) => void): void {
  const status = h('div', { class: 'status-area' });
  const bar = progressBar('Loading');
  bar.el.hidden = true;
  const busy = async (what: string, f: (p: (x: WorkProgress) => void) => Promise<void>) => {
    clear(status);
    bar.el.hidden = false;
    bar.update(0, 1, what);
    try {
      await f((x) => bar.update(x.done, x.total, x.stage));
      bar.el.hidden = true;
      render();
      clear(status, notice('ok', 'Loaded. Everything is stored in this browser only. ', h('a', { href: '#/usage' }, 'See my usage'), ' or ', h('a', { href: '#/bill' }, 'compute my bill'), '.'));
    } catch (e) {
      bar.el.hidden = true;
      clear(status, notice('error', `Could not load: ${e instanceof Error ? e.message : String(e)}`));
    }
  };

  const demoButton = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'load-demo',
    onclick: () =>
      busy('Fetching the demo files', async (p) => {
        const [xml, urdb] = await Promise.all([fetch(nistUrl).then((r) => r.text()), fetch(urdbUrl).then((r) => r.text())]);
        const r = await work<Loaded>('demo', { xml, urdb }, p);
        await store(r, { kind: 'demo', label: 'NIST sample home, 2011, hourly (meter and provider simulated in this browser)', loaded: new Date().toISOString() });
      }),
  }, 'Load the demo data');

  const priv = fileField('f-private', 'Your private file (private.json)', '.json,application/json');
  const log1 = fileField('f-log', 'The meter log (log.json)', '.json,application/json');
  const pairButton = h('button', {
    type: 'button',
    onclick: () =>
      busy('Reading your files', async (p) => {
        const [pf, lf] = [priv.input.files?.[0], log1.input.files?.[0]];
        if (!pf || !lf) throw new Error('choose both files');
        const r = await work<Loaded>('importFiles', { privText: await pf.text(), logText: await lf.text() }, p);
        await store(r, { kind: 'files', label: `${pf.name} + ${lf.name}`, loaded: new Date().toISOString() });
      }),
  }, 'Load these files');

  // Pair with the provider: the log from the connected service, verified here, opened by the private file
  // chosen (or the one loaded already, e.g. the demo's).
  const priv3 = fileField('f-private3', 'Your private file (private.json), or none to use the one loaded', '.json,application/json');
  const fetchButton = h('button', {
    type: 'button',
    'data-testid': 'fetch-log',
    onclick: () =>
      busy("Fetching your meter's log from the provider", async (p) => {
        if (!serviceReady()) throw new Error('connect to your provider first (the Provider page)');
        const pf = priv3.input.files?.[0];
        const privText = pf ? await pf.text() : state.priv ? JSON.stringify(await db.get('private')) : undefined;
        if (privText === undefined) throw new Error('choose your private file (or load the demo first)');
        const meter = (JSON.parse(privText) as { meter?: unknown }).meter;
        if (typeof meter !== 'string') throw new Error('this is not a private file (it names no meter)');
        const fetched = await fetchMeterLog(meter);
        const r = await work<Loaded>('importFetched', { privText, ...fetched }, p);
        const n = (r.log as { records: unknown[] }).records.length;
        await store(r, { kind: 'service', label: `meter ${meter}'s log from the provider (${n} records, signatures checked here) + ${pf ? pf.name : 'the private file loaded before'}`, loaded: new Date().toISOString() });
      }),
  }, "Fetch my meter's log from the provider");

  const readings = fileField('f-readings', 'Green Button XML, CSV (meterproof, PG&E, London) or Octopus JSON download', '.xml,.csv,.json,text/xml,text/csv');
  // PG&E and London CSV files give local times without an offset: whose, the browser's zone by default.
  const tzInput = h('input', { id: 'f-tz', value: Intl.DateTimeFormat().resolvedOptions().timeZone, autocomplete: 'off', spellcheck: 'false' });
  // A London smart-meter file may hold several households: which one (its LCLid).
  const householdInput = h('input', { id: 'f-household', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. MAC000002' });
  const log2 = fileField('f-log2', 'The meter log (log.json)', '.json,application/json');
  const seedInput = h('input', { type: 'password', id: 'f-seed', autocomplete: 'off', spellcheck: 'false', pattern: '[0-9a-fA-F]{64}', placeholder: '64 hex digits' });
  const readingsButton = h('button', {
    type: 'button',
    onclick: () =>
      busy('Reading your download', async (p) => {
        const [rf, lf] = [readings.input.files?.[0], log2.input.files?.[0]];
        if (!rf || !lf) throw new Error('choose the download and the log');
        if (!/^[0-9a-fA-F]{64}$/.test(seedInput.value.trim())) throw new Error('the opening seed is 64 hex digits (from your meter or your utility)');
        const r = await work<Loaded>('importReadings', { readingsText: await rf.text(), logText: await lf.text(), seed: seedInput.value, timezone: tzInput.value.trim(), household: householdInput.value.trim() }, p);
        await store(r, { kind: 'readings', label: `${rf.name} + ${lf.name}`, loaded: new Date().toISOString() });
      }),
  }, 'Load the download');

  const current = h('section', { class: 'card', 'aria-labelledby': 'h-current' });
  const render = () => {
    const p = state.priv;
    if (!p) {
      clear(current, h('h2', { id: 'h-current' }, 'Your data'), h('p', {}, 'Nothing loaded yet.'));
      return;
    }
    const total = p.readings.reduce((s, r) => s + (r.values[0] ?? 0), 0);
    const first = new Date(p.readings[0]!.start * 1000).toISOString().slice(0, 10);
    const last = new Date((p.readings.at(-1)!.start + p.readings.at(-1)!.duration) * 1000).toISOString().slice(0, 10);
    clear(
      current,
      h('h2', { id: 'h-current' }, 'Your data'),
      h('dl', { class: 'facts', 'data-testid': 'data-summary' },
        h('dt', {}, 'Source'), h('dd', {}, state.source?.label ?? ''),
        h('dt', {}, 'Meter'), h('dd', {}, p.meter),
        h('dt', {}, 'Readings'), h('dd', {}, `${p.readings.length.toLocaleString('en-US')} (${first} to ${last})`),
        h('dt', {}, 'Total'), h('dd', {}, kwh(total, 0)),
        h('dt', {}, 'Tariffs'), h('dd', {}, state.tariffs.map((t) => t.signed.tariff.name).join('; ') || 'none yet'),
      ),
      h('button', {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          await db.clearAll();
          await loadState();
          render();
          go('#/data');
        },
      }, 'Forget my data'),
    );
  };
  render();

  clear(
    root,
    h('h1', {}, 'Load my data'),
    notice('info', h('strong', {}, 'Your readings stay here. '), 'Files you load are read by this page and kept in this browser (IndexedDB) only. Nothing is uploaded: the provider later receives your bill (the fee and a zero-knowledge proof) and, only if you approve one, a disclosure.'),
    current,
    status,
    bar.el,
    h('div', { class: 'cards' },
      h('section', { class: 'card', 'aria-labelledby': 'h-demo' }, h('h2', { id: 'h-demo' }, 'Try it with demo data'), h('p', {}, 'A year (2011) of hourly readings of a NIST sample home, signed by a meter simulated in this browser, and an illustrative time-of-use tariff signed by a demo provider.'), demoButton),
      h('section', { class: 'card', 'aria-labelledby': 'h-files' }, h('h2', { id: 'h-files' }, 'My private file and meter log'), h('p', {}, 'The two files your meter gave you (meterproof meter import writes them).'), priv.el, log1.el, pairButton),
      h('section', { class: 'card', 'aria-labelledby': 'h-fetch' }, h('h2', { id: 'h-fetch' }, "My meter's log from the provider"), h('p', {}, "Without the log file: this page fetches the meter's signed records from the provider you connected to (commitments and signatures, public), checks every signature against the registered meter key here, and checks that your private file opens them. Your private file is not sent."), priv3.el, fetchButton),
      h('section', { class: 'card', 'aria-labelledby': 'h-dl' }, h('h2', { id: 'h-dl' }, 'A utility download'), h('p', {}, "Your utility's Green Button or CSV file, the meter's log for the same dates and the opening seed your meter gave you."), readings.el, h('div', { class: 'field' }, h('label', { for: 'f-tz' }, 'Time zone of a PG&E or London CSV (IANA name)'), tzInput), h('div', { class: 'field' }, h('label', { for: 'f-household' }, 'Household of a London CSV with several (LCLid; optional)'), householdInput), log2.el, h('div', { class: 'field' }, h('label', { for: 'f-seed' }, 'Opening seed'), seedInput), readingsButton),
    ),
  );
}
