/**
 * The committed module is what the source builds to: the embedded base64 copy equals wasm/ristretto255.wasm,
 * and where clang is installed (apt-get install clang lld) a rebuild from wasm/src is byte-identical.
 */
// @ts-nocheck

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('wasm/ristretto255.wasm is embedded unchanged and rebuilds identically from source when clang is present', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = execFileSync(process.execPath, ['wasm/build.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  expect(out).toMatch(/wasm: (rebuilt module is identical|embedded module matches)/);
});
