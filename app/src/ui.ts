/** A few DOM helpers: the app has no UI framework, only these. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((ev: Event) => void) | undefined>;

/** h('p', {class: 'x'}, 'text', h('b', {}, 'bold')). Strings become text nodes, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
}

/** A labelled progress bar; update(done, total, stage). */
export function progressBar(label: string): { el: HTMLElement; update: (done: number, total: number, stage?: string) => void } {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': label });
  const text = h('span', { class: 'progress-text', 'aria-live': 'polite' }, label);
  const el = h('div', { class: 'progress', 'data-testid': 'progress' }, bar, text);
  return {
    el,
    update: (done, total, stage) => {
      bar.max = Math.max(total, 1);
      bar.value = Math.min(done, total);
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
      text.textContent = `${stage ?? label}: ${pct}%`;
    },
  };
}

export function download(name: string, data: unknown): void {
  const blob = new Blob([typeof data === 'string' ? data : `${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function readFile(f: File): Promise<string> {
  return f.text();
}

export function notice(kind: 'ok' | 'error' | 'info', ...children: (Child | Child[])[]): HTMLElement {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

export function kwh(wh: number, digits = 1): string {
  return `${(wh / 1000).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} kWh`;
}

/** An exact decimal amount with its currency, cut to `decimals` places for display only (the exact one stays in the title). */
export function money(amount: string, currency: string, decimals = 2): HTMLElement {
  const [i, f = ''] = amount.split('.');
  const shown = decimals > 0 ? `${i}.${(f + '0'.repeat(decimals)).slice(0, decimals)}` : i!;
  const exact = f.replace(/0+$/, '');
  return h('span', { class: 'money', title: `${amount} ${currency} exactly` }, `${shown} ${currency}`, exact.length > decimals ? h('span', { class: 'exact' }, ` (${amount})`) : null);
}
