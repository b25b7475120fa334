/**
 * No Node built-in reaches the app's bundle: app/vite.config.ts refuses any import of one (the build
 * fails, naming it), so the global setup's build of app/dist is itself the check. Here: the plugin does
 * fail a build that imports one (so the check can fail), and the built files name no Node module.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { expect, it } from 'vitest';
import { noNodeBuiltins } from '../../app/vite.config.js';
import { DIST } from './harness.js';

it('the built app names no Node module and loads the core through its WebAssembly backend', () => {
  const files = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
  expect(files.some((f) => f.startsWith('worker-'))).toBe(true);
  for (const f of files) {
    const code = readFileSync(join(DIST, 'assets', f), 'utf8');
    expect(code, f).not.toMatch(/\bfrom\s*["']node:|require\(["'](node:)?(fs|os|path|crypto|worker_threads|child_process)["']\)|import\(["']node:/);
  }
});

it('a build that imports a Node built-in fails, naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meterproof-bundle-'));
  try {
    writeFileSync(join(dir, 'entry.js'), "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
    writeFileSync(join(dir, 'other.js'), "import os from 'os';\nexport const o = os;\n");
    for (const entry of ['entry.js', 'other.js']) {
      await expect(
        build({ configFile: false, root: dir, logLevel: 'silent', plugins: [noNodeBuiltins()], build: { write: false, lib: { entry: join(dir, entry), formats: ['es'] } } }),
      ).rejects.toThrow(/Node built-in "(node:fs|os)"/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
