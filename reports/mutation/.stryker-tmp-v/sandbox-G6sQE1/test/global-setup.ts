/**
 * Builds dist/ once before the suite, so CLI tests run the real `meterproof` command, and points the
 * generator disk cache at a directory of its own for the run (never the user's ~/.cache).
 */
// @ts-nocheck

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const cache = mkdtempSync(join(tmpdir(), 'meterproof-test-cache-'));
  process.env.METERPROOF_CACHE_DIR = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
