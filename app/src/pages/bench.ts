/**
 * How fast this device proves (not linked from the menu; #/bench): a month of half-hourly readings on a
 * two-period TOU tariff, and a month of hourly readings with a demand charge, on synthetic data made here.
 */
import { clear, h, progressBar } from '../ui.js';
import { work } from '../work.js';

interface BenchResult {
  kind: string;
  records: number;
  proveMs: number;
  verifyMs: number;
  ok: boolean;
  backend: string;
  bytes: number;
  threads: number;
  generatorsCached: number;
}

export function benchPage(root: HTMLElement): void {
  const rows = h('tbody', {});
  const bar = progressBar('Proving');
  const run = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'run-bench',
    onclick: async () => {
      run.disabled = true;
      clear(rows);
      const results: BenchResult[] = [];
      // The first demand proof derives the generators (unless IndexedDB has them); the next two reuse them.
      const runs = [{ kind: 'tou-halfhour', threads: false, id: 'tou-halfhour' }, { kind: 'demand', threads: true, id: 'demand-first' }, { kind: 'demand', threads: false, id: 'demand-1' }, { kind: 'demand', threads: true, id: 'demand' }] as const;
      for (const { kind, threads, id } of runs) {
        let updates = 0;
        const r = await work<BenchResult>('bench', { kind, threads }, (x) => {
          updates++;
          bar.update(x.done, x.total, `${kind}: ${x.stage}`);
        });
        results.push(r);
        rows.append(h('tr', { 'data-testid': `bench-${id}` }, h('td', {}, kind === 'demand' ? 'hourly month, TOU + demand charge' : 'half-hourly month, TOU'), h('td', { class: 'num' }, r.threads), h('td', { class: 'num' }, r.generatorsCached), h('td', { class: 'num' }, r.records), h('td', { class: 'num' }, `${r.proveMs.toFixed(0)} ms`), h('td', { class: 'num' }, `${r.verifyMs.toFixed(0)} ms`), h('td', { class: 'num' }, `${(r.bytes / 1024).toFixed(0)} KiB`), h('td', {}, r.ok ? 'accepted' : 'REJECTED'), h('td', { class: 'num' }, updates)));
      }
      root.dataset.bench = JSON.stringify(results);
      run.disabled = false;
    },
  }, 'Run');
  clear(
    root,
    h('h1', {}, 'Proving speed on this device'),
    h('p', { class: 'muted' }, 'Synthetic readings made here; nothing is sent.'),
    h('div', { class: 'actions' }, run),
    bar.el,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'results' }, h('table', { class: 'items' }, h('thead', {}, h('tr', {}, ['Bill', 'Workers', 'Generators cached', 'Records', 'Prove', 'Verify', 'Size', 'Verdict', 'Progress updates'].map((t) => h('th', { scope: 'col' }, t)))), rows)),
  );
}
