/** The user's app: a few pages behind hash routes, all data in IndexedDB, heavy work in a Web Worker. */
import './style.css';
import { benchPage } from './pages/bench.js';
import { billPage } from './pages/bill.js';
import { checkPage } from './pages/check.js';
import { dataPage } from './pages/data.js';
import { providerPage } from './pages/provider.js';
import { requestsPage } from './pages/requests.js';
import { usagePage } from './pages/usage.js';
import { loadState } from './state.js';
import { h } from './ui.js';

const PAGES: { route: string; title: string; render: (root: HTMLElement, go: (r: string) => void) => void | Promise<void> }[] = [
  { route: '#/data', title: 'Load my data', render: dataPage },
  { route: '#/usage', title: 'My usage', render: usagePage },
  { route: '#/bill', title: 'My bill', render: billPage },
  { route: '#/requests', title: 'Requests', render: requestsPage },
  { route: '#/check', title: 'Check a bill', render: checkPage },
  { route: '#/provider', title: 'Provider', render: providerPage },
];

const HIDDEN = [{ route: '#/bench', title: 'Proving speed', render: benchPage }];

const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;

function go(route: string): void {
  if (location.hash !== route) location.hash = route;
  else void show();
}

async function show(): Promise<void> {
  const page = [...PAGES, ...HIDDEN].find((p) => p.route === location.hash) ?? PAGES[0]!;
  for (const a of nav.querySelectorAll('a')) {
    if (a.getAttribute('href') === page.route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${page.title} \u2014 meterproof`;
  main.dataset.page = page.route.slice(2);
  await page.render(main, go);
  main.focus({ preventScroll: true });
}

nav.append(h('ul', {}, PAGES.map((p) => h('li', {}, h('a', { href: p.route }, p.title)))));
window.addEventListener('hashchange', () => void show());
await loadState();
await show();
document.body.dataset.ready = 'true';
