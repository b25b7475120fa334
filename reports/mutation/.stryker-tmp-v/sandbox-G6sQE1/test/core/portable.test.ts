/** The core runs unchanged in the browser: nothing outside src/node and src/cli may import Node built-ins. */
// @ts-nocheck

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('core modules import no node: built-ins and no edge module', () => {
  const offenders = files(SRC)
    .filter((f) => !/[/\\]src[/\\](node|cli)[/\\]/.test(f))
    .filter((f) => /from '(node:|fs|path|os|crypto'|child_process|\.\.?\/(\.\.\/)*(node|cli)\/)/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});
