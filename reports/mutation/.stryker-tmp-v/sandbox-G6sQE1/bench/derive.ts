/** Deriving the range-proof generator table cold, as `warmGenerators` does on a fresh machine. */
// @ts-nocheck

import { warmGenerators } from '../src/node/generator-cache.js';
import { onBackendChange } from '../src/core/point.js';

/** Forgets this process's cached generators (a backend switch empties the cache), then derives `count` per vector. */
export async function deriveGeneratorsCold(count: number): Promise<void> {
  void onBackendChange;
  const { useNobleBackend, useWasmBackend, backendName } = await import('../src/core/point.js');
  const b = backendName();
  // Switching away and back clears the in-memory cache, so the disk cache (an empty directory) decides.
  if (b === 'wasm') {
    useNobleBackend();
    await useWasmBackend();
  } else {
    await useWasmBackend();
    useNobleBackend();
  }
  const source = await warmGenerators(count);
  if (source !== 'derived') throw new Error(`expected a cold derivation, got ${source}`);
}
