/**
 * The usage charts, drawn by uPlot (canvas, made for long time series: a year of half-hours is 17,520
 * points). Each chart fills its container's width and follows it (ResizeObserver), so the same chart
 * reads on a phone and a desktop. Times are shown in the tariff's time zone, not the browser's.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './ui.js';
import { periodOf, type PlainReading, type TouSchedule, type Usage } from './usage.js';

/** Period colours: light enough to read the line over them; the legend names them. */
export const PERIOD_COLOURS = ['rgba(120, 170, 230, 0.22)', 'rgba(240, 120, 60, 0.28)', 'rgba(110, 200, 140, 0.25)', 'rgba(230, 70, 90, 0.28)', 'rgba(180, 140, 230, 0.25)', 'rgba(230, 200, 60, 0.3)'];
const LINE = '#1f5fa8';

function sized(container: HTMLElement, make: (width: number, height: number) => uPlot): uPlot {
  const height = () => (container.clientWidth < 500 ? 220 : 300);
  const chart = make(Math.max(260, container.clientWidth), height());
  const ro = new ResizeObserver(() => chart.setSize({ width: Math.max(260, container.clientWidth), height: height() }));
  ro.observe(container);
  return chart;
}

function frame(title: string, summary: string, testid: string): { box: HTMLElement; plot: HTMLElement } {
  const plot = h('div', { class: 'plot', role: 'img', 'aria-label': `${title}. ${summary}` });
  const box = h('figure', { class: 'chart', 'data-testid': testid }, h('figcaption', {}, h('strong', {}, title), h('span', { class: 'muted' }, ` ${summary}`)), plot);
  return { box, plot };
}

const kwhAxis = (label: string): uPlot.Axis => ({ label, size: 60, values: (_u, vals) => vals.map((v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1))) });

export function dailyChart(u: Usage): HTMLElement {
  const max = u.days.reduce((m, d) => (d.wh > m.wh ? d : m), u.days[0]!);
  const { box, plot } = frame('Daily use over the period', `${u.days.length} days; the highest was ${max.key} with ${(max.wh / 1000).toFixed(1)} kWh.`, 'chart-daily');
  requestAnimationFrame(() =>
    sized(plot, (width, height) =>
      new uPlot(
        {
          width,
          height,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), u.tz),
          legend: { show: false },
          scales: { x: { time: true } },
          series: [{}, { label: 'kWh per day', stroke: LINE, fill: 'rgba(31, 95, 168, 0.15)', width: 1.5, paths: uPlot.paths.bars!({ size: [0.9, 6] }) }],
          axes: [{}, kwhAxis('kWh per day')],
        },
        [u.days.map((d) => d.start), u.days.map((d) => d.wh / 1000)],
        plot,
      ),
    ),
  );
  return box;
}

export function hourlyChart(u: Usage): HTMLElement {
  const peak = u.byHour.reduce((m, s) => (s.wh > m.wh ? s : m), u.byHour[0]!);
  const { box, plot } = frame('An average day', `Average use in each ${u.step === 1800 ? 'half hour' : 'hour'} of the day; most at ${peak.label}.`, 'chart-hourly');
  const slotsPerHour = Math.max(1, Math.round(3600 / u.step));
  requestAnimationFrame(() =>
    sized(plot, (width, height) =>
      new uPlot(
        {
          width,
          height,
          legend: { show: false },
          scales: { x: { time: false, range: [-0.5, u.byHour.length - 0.5] } },
          series: [{}, { label: 'kWh', stroke: LINE, fill: 'rgba(31, 95, 168, 0.35)', paths: uPlot.paths.bars!({ size: [0.8, 40] }) }],
          axes: [{ label: 'hour of the day', values: (_u, vals) => vals.map((v) => (Number.isInteger(v) && v % slotsPerHour === 0 ? String(v / slotsPerHour) : '')) }, kwhAxis(`kWh per ${u.step === 1800 ? 'half hour' : 'hour'}`)],
        },
        [u.byHour.map((s) => s.slot), u.byHour.map((s) => s.wh / 1000)],
        plot,
      ),
    ),
  );
  return box;
}

/** A month's intervals, with each time-of-use period shaded behind the line. */
export function monthChart(readings: readonly PlainReading[], tz: string, month: string, tou: TouSchedule | undefined): HTMLElement {
  const step = readings[0]?.duration ?? 3600;
  const what = step === 1800 ? 'half-hours' : step === 3600 ? 'hours' : 'intervals';
  const { box, plot } = frame(`${month}, ${what}`, tou ? `Shaded by time-of-use period: ${tou.labels.join(', ')}.` : 'No time-of-use tariff chosen.', 'chart-month');
  const periods = tou ? readings.map((r) => periodOf(tou, r.start, tz)) : [];
  const xs = readings.map((r) => r.start);
  const shade = (u: uPlot) => {
    if (!tou) return;
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    // Runs of one period become one rectangle from the first interval's start to the last one's end.
    for (let i = 0; i < periods.length; ) {
      let j = i;
      while (j + 1 < periods.length && periods[j + 1] === periods[i]) j++;
      const x0 = u.valToPos(xs[i]!, 'x', true);
      const x1 = u.valToPos(xs[j]! + step, 'x', true);
      ctx.fillStyle = PERIOD_COLOURS[periods[i]! % PERIOD_COLOURS.length]!;
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
      i = j + 1;
    }
    ctx.restore();
  };
  requestAnimationFrame(() =>
    sized(plot, (width, height) =>
      new uPlot(
        {
          width,
          height,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), tz),
          legend: { show: false },
          hooks: { drawClear: [shade] },
          series: [{}, { label: 'kWh', stroke: LINE, width: 1.25 }],
          axes: [{}, kwhAxis(`kWh per ${what.replace(/s$/, '')}`)],
        },
        [xs, readings.map((r) => (r.values[0] ?? 0) / 1000)],
        plot,
      ),
    ),
  );
  if (tou) {
    const used = new Set(periods);
    box.append(h('ul', { class: 'legend', 'aria-label': 'time-of-use periods' }, tou.labels.map((l, i) => (used.has(i) ? h('li', {}, h('span', { class: 'swatch', style: `background:${PERIOD_COLOURS[i % PERIOD_COLOURS.length]}` }), l) : null))));
  }
  return box;
}
