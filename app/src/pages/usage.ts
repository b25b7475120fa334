/** See my usage: a year of daily totals, an average day, and one month's intervals with TOU periods shaded. */
import { dailyChart, hourlyChart, monthChart } from '../charts.js';
import { chartZone, state } from '../state.js';
import { clear, h, kwh } from '../ui.js';
import { monthReadings, usage, type TouSchedule } from '../usage.js';

/** The first time-of-use energy component of the chosen tariff, for shading. */
export function touOf(tariffIndex: number): TouSchedule | undefined {
  const t = state.tariffs[tariffIndex]?.signed.tariff as { components?: { kind: string; periods?: { label: string }[]; weekday?: number[][]; weekend?: number[][] }[] } | undefined;
  const c = t?.components?.find((x) => x.kind === 'tou-energy' && x.weekday);
  return c ? { labels: c.periods!.map((p) => p.label), weekday: c.weekday!, weekend: c.weekend! } : undefined;
}

export function usagePage(root: HTMLElement): void {
  const p = state.priv;
  if (!p) {
    clear(root, h('h1', {}, 'My usage'), h('p', {}, 'No data yet. ', h('a', { href: '#/data' }, 'Load your data'), ' first.'));
    return;
  }
  const tz = chartZone();
  const u = usage(p.readings, tz);
  const months = u.months.filter((m) => m.complete);
  const monthSel = h('select', { id: 'usage-month' }, (months.length ? months : u.months).map((m) => h('option', { value: m.key }, m.key)));
  const def = months.find((m) => m.key.endsWith('-07')) ?? months[0];
  if (def) monthSel.value = def.key;
  const monthBox = h('div', {});
  const showMonth = () => clear(monthBox, monthChart(monthReadings(p.readings, tz, monthSel.value), tz, monthSel.value, touOf(0)));
  monthSel.addEventListener('change', showMonth);
  const busiest = u.months.reduce((m, x) => (x.wh > m.wh ? x : m), u.months[0]!);
  clear(
    root,
    h('h1', {}, 'My usage'),
    h('p', { class: 'muted' }, `Drawn in this browser from your own readings, in ${tz} time. Only you see this.`),
    h('dl', { class: 'facts tiles', 'data-testid': 'usage-tiles' },
      h('div', {}, h('dt', {}, 'Total'), h('dd', {}, kwh(u.total, 0))),
      h('div', {}, h('dt', {}, 'Per day, on average'), h('dd', {}, kwh(u.total / Math.max(1, u.days.length)))),
      h('div', {}, h('dt', {}, 'Busiest month'), h('dd', {}, `${busiest.key}: ${kwh(busiest.wh, 0)}`)),
    ),
    h('div', { class: 'charts' }, dailyChart(u), hourlyChart(u)),
    h('div', { class: 'field inline' }, h('label', { for: 'usage-month' }, 'Month'), monthSel),
    monthBox,
  );
  showMonth();
}
