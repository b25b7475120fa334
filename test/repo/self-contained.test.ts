/**
 * The repository stands on its own: no source or test names a path outside it (a clone with nothing
 * beside it must pass `npm test`), and it carries its licence.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|mts|mjs|js|json)$/.test(name) ? [p] : [];
  });
}

// Built from pieces so this file does not match itself.
const DOTDOT = '..' + '/';
const OUTSIDE: { what: string; re: RegExp }[] = [
  { what: 'a sibling directory of the repository', re: new RegExp(`${DOTDOT.replace(/\./g, '\\.')}shared`) },
  { what: 'the machine\'s work directory', re: new RegExp('/' + 'work/') },
  // An absolute path literal into a home or data directory (a quote, then /home/, /Users/, /mnt/, …).
  { what: 'an absolute path', re: new RegExp(`['"\`](/(home|Users|mnt|srv|opt|root|data|shared|var/lib)/|[A-Z]:\\\\\\\\)`) },
];

/** A relative path literal ('../…') that, resolved from the file that holds it, lands outside the repository. */
function climbsOut(file: string, line: string): string | undefined {
  for (const m of line.matchAll(/['"`]((?:\.\.\/)+)[^'"`]*['"`]/g)) {
    const target = resolve(dirname(file), m[1]!);
    if (relative(root, target).startsWith('..')) return m[0];
  }
  return undefined;
}

describe('the repository is self-contained', () => {
  const scanned = [...files(join(root, 'src')), ...files(join(root, 'test'))].filter((p) => !p.startsWith(join(root, 'test/fixtures')));

  it('scans the sources and tests', () => {
    expect(scanned.length).toBeGreaterThan(50);
  });

  it('no source or test names a path outside the repository', () => {
    const found: string[] = [];
    for (const p of scanned) {
      const lines = readFileSync(p, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const o of OUTSIDE) if (o.re.test(line)) found.push(`${relative(root, p)}:${i + 1}: ${o.what}: ${line.trim().slice(0, 120)}`);
        const up = climbsOut(p, line);
        if (up !== undefined) found.push(`${relative(root, p)}:${i + 1}: a path above the repository: ${up}`);
      });
    }
    expect(found, found.join('\n')).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    const hit = (s: string) => OUTSIDE.some((o) => o.re.test(s));
    expect(hit(`readFileSync('${DOTDOT}shared/fixtures/x.xml')`)).toBe(true);
    expect(hit(`const F = '/` + `work/shared/fixtures'`)).toBe(true);
    expect(hit(`const F = "/` + `home/someone/x.json"`)).toBe(true);
    const here = join(root, 'test/cli/x.test.ts');
    expect(climbsOut(here, `new URL('${DOTDOT}${DOTDOT}${DOTDOT}x', import.meta.url)`)).toBeDefined();
    expect(climbsOut(here, `new URL('${DOTDOT}${DOTDOT}demo/data/', import.meta.url)`)).toBeUndefined();
    expect(hit(`run('keygen', '--out', '/proc/nope')`)).toBe(false);
  });

  it('carries the Apache-2.0 licence that package.json names, in full', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License');
    expect(text).toContain('Version 2.0, January 2004');
    for (let s = 1; s <= 9; s++) expect(text).toMatch(new RegExp(`^\\s+${s}\\. [A-Z]`, 'm'));
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });
});
