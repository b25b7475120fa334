/**
 * Which group backend runs: chosen once, when the core is first loaded.
 *
 *  - METERPROOF_BACKEND=noble or =wasm in the environment (Node) forces one (=wasm fails loudly if the
 *    module cannot load);
 *  - otherwise the WebAssembly backend wherever WebAssembly can compile the module synchronously (Node,
 *    workers, most browsers), and noble elsewhere.
 *
 * `useWasmBackend()` (async, for a browser's main thread) and `useNobleBackend()` switch later: the
 * module-level points (G, H, the identity, the generator cache) are remade through `onBackendChange`.
 * Points a caller made before a switch belong to the old backend; the WebAssembly backend adopts foreign
 * points through their encoding, noble does not, so switch before making points of your own.
 */
// @ts-nocheck

import { nobleBackend } from './noble.js';
import type { GroupBackend } from './types.js';
import { wasmBackend, wasmBackendAsync } from './wasm.js';

export type { GroupBackend } from './types.js';

function requested(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.METERPROOF_BACKEND;
}

function select(): GroupBackend {
  const want = requested();
  if (want === 'noble') return nobleBackend;
  if (want !== undefined && want !== '' && want !== 'wasm') throw new Error(`METERPROOF_BACKEND must be noble or wasm, not ${want}`);
  if (typeof WebAssembly !== 'object') {
    if (want === 'wasm') throw new Error('METERPROOF_BACKEND=wasm, but this runtime has no WebAssembly');
    return nobleBackend;
  }
  try {
    return wasmBackend();
  } catch (e) {
    if (want === 'wasm') throw e;
    return nobleBackend;
  }
}

let active: GroupBackend = select();
const listeners: Array<() => void> = [];

/** Registers a function that remakes module-level points (G, H, the identity, caches) after a switch. */
export function onBackendChange(f: () => void): void {
  listeners.push(f);
}

function switchTo(b: GroupBackend): void {
  if (b === active) return;
  active = b;
  for (const f of listeners) f();
}

/** The backend in use. */
export function backend(): GroupBackend {
  return active;
}

export function backendName(): 'noble' | 'wasm' {
  return active.name;
}

export async function useWasmBackend(): Promise<void> {
  switchTo(await wasmBackendAsync());
}

export function useNobleBackend(): void {
  switchTo(nobleBackend);
}
