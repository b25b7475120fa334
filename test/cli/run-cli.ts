/** Running the built `meterproof` command (dist/, built by the global setup) as a user does. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const ENV = { ...process.env, NO_COLOR: '1', MP_DEBUG: '' };

export interface Run {
  readonly args: string[];
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(args: string[], o: { cwd?: string; timeout?: number; input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: o.cwd ?? repoRoot, encoding: 'utf8', env: ENV, timeout: o.timeout ?? 60_000, input: o.input ?? '' });
  return { args, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failing run: the exit code, and stderr is one plain `meterproof: …` line, no stack. */
export function fails(r: Run, code: 1 | 2): Run {
  const what = `meterproof ${r.args.join(' ')}\nstatus ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).toBe(code);
  expect(r.stderr, what).not.toContain('    at ');
  expect(r.stderr, what).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|ZodError)\b/);
  expect(r.stderr, what).not.toContain('unexpected error');
  return r;
}

/** The one error line (the last line of stderr that starts with `meterproof:`). */
export function message(r: Run): string {
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('meterproof: '));
  expect(lines.length, `stderr of meterproof ${r.args.join(' ')}: ${r.stderr}`).toBeGreaterThan(0);
  return lines[lines.length - 1]!;
}

export function ok(r: Run): Run {
  expect(r.status, `meterproof ${r.args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}
