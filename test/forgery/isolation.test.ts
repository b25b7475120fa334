/** The forging prover (src/proofs/testing.ts) is test-only: no source module imports it, and the build leaves it out. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/proofs/testing.ts stays out of reach of the verifiers', () => {
  it('no module under src/ imports it', () => {
    const importers = sources('src').filter((f) => f !== join('src', 'proofs', 'testing.ts') && /from ['"][./]+(proofs\/)?testing\.js['"]/.test(readFileSync(join(root, f), 'utf8')));
    expect(importers).toEqual([]);
  });

  it('the build excludes it (tsconfig.build.json)', () => {
    const cfg = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { exclude?: string[] };
    expect(cfg.exclude).toContain('src/proofs/testing.ts');
  });
});
