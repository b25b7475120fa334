/**
 * The README as a newcomer meets it: the worked session runs as written, in a directory of its own
 * whose files git ignores, and the library snippet then runs as written on the files it made (key files
 * as read from disk, imports from `meterproof` and `meterproof/node` by package name).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, repoRoot } from './run-cli.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The first fenced block of `lang` after `heading`. */
function block(after: string, lang: string): string {
  const at = readme.indexOf(after);
  expect(at, `README has "${after}"`).toBeGreaterThan(-1);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  expect(m, `a ${lang} block after "${after}"`).not.toBeNull();
  return m![1]!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

let work: string;
beforeAll(() => {
  // A stand-in for the repository root: demo/ as shipped, and the package installed by name.
  work = mkdtempSync(join(tmpdir(), 'meterproof-readme-'));
  symlinkSync(join(repoRoot, 'demo'), join(work, 'demo'));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(repoRoot, join(work, 'node_modules', 'meterproof'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the README', () => {
  it('the worked session runs as written, in session/, and git ignores every file it makes', () => {
    const session = block('A worked session', 'sh');
    expect(session.split('\n')[0]).toBe('mkdir -p session && cd session');
    const script = `set -e\nmeterproof() { ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"; }\n` + session.replace(/\bnpx meterproof\b/g, 'meterproof');
    const r = spawnSync('bash', ['-c', script], { cwd: work, encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    // The fee the README shows is the one the session proves.
    const shown = /# (\{"ok":true,"fee":"[^"]+","currency":"USD","amountDue":"[^"]+")/.exec(session)![1]!;
    expect(r.stdout).toContain(shown);
    const made = filesUnder(join(work, 'session')).map((p) => relative(work, p));
    expect(made).toEqual(expect.arrayContaining(['session/keys/provider.key.json', 'session/home/private.json', 'session/bill.json']));
    expect(readdirSync(work).sort()).toEqual(['demo', 'node_modules', 'session']); // nothing beside session/
    const git = spawnSync('git', ['-C', repoRoot, 'check-ignore', '--no-index', '--stdin'], { input: made.join('\n') + '\n', encoding: 'utf8' });
    if (git.error === undefined && git.status !== 128) {
      expect(git.stdout.trim().split('\n').sort()).toEqual([...made].sort());
    } else {
      expect(readFileSync(join(repoRoot, '.gitignore'), 'utf8')).toMatch(/^\/session\/$/m);
    }
    // Secrets are ignored wherever they are written, not only in session/.
    const anywhere = spawnSync('git', ['-C', repoRoot, 'check-ignore', '--no-index', 'keys/meter.key.json', 'home/private.json'], { encoding: 'utf8' });
    if (anywhere.error === undefined && anywhere.status !== 128) expect(anywhere.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('the library snippet runs as written on the session\'s files (key files as read from disk)', () => {
    const snippet = block('## Using it as a library', 'js');
    writeFileSync(join(work, 'session', 'snippet.mjs'), snippet);
    const r = spawnSync(process.execPath, ['snippet.mjs'], { cwd: join(work, 'session'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('accepted: 346.816604350 USD');
  });
});
