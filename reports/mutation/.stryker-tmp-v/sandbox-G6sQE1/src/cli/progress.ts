/** Progress on a terminal (stderr), silence otherwise: pipes, CI logs and --json stay clean. */
// @ts-nocheck

export interface Progress {
  update(done: number, total: number): void;
  done(message?: string): void;
}

export function progress(label: string, enabled = Boolean(process.stderr.isTTY)): Progress {
  if (!enabled) return { update() {}, done() {} };
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      const pct = total ? Math.floor((100 * done) / total) : 100;
      const width = 24;
      const fill = Math.round((width * pct) / 100);
      process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% (${done}/${total})`);
    },
    done(message) {
      process.stderr.write(`\r\x1b[2K${message ? message + '\n' : ''}`);
    },
  };
}
