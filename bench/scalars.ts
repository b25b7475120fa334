/**
 * The range verifier with its generator coefficients in the WebAssembly module (backend.rangeScalars)
 * against the JavaScript bigint code, in one process, runs interleaved: medians (ms) of verifyRange on
 * one 49,152-bit aggregated proof and of verifyRangeBatch on a batch. Run after `tsc -p tsconfig.bench.json`:
 *   node dist-bench/bench/scalars.js [runs]
 */
import { backend, backendName } from '../src/core/backend/index.js';
import type { GroupBackend } from '../src/core/backend/types.js';
import { seededRng } from '../src/core/rng.js';
import { scalarFromWide } from '../src/core/scalar.js';
import { Transcript } from '../src/core/transcript.js';
import { proveRange, verifyRange, verifyRangeBatch, type RangeBits, type RangeProofItem } from '../src/proofs/rangeproof/index.js';
import { median } from './timing.js';

const PROTOCOL = 'meterproof/v1/bench/scalars';
const tr = (s: string): Transcript => new Transcript(PROTOCOL).appendString('bench.statement', s);
const rng = seededRng('bench-scalars');

function make(n: RangeBits, m: number, s: string) {
  const max = (1n << BigInt(n)) - 1n;
  const values = Array.from({ length: m }, (_, j) => (BigInt(j) * 2654435761n) % max);
  const blind = Array.from({ length: m }, () => scalarFromWide(rng(64)));
  const t0 = performance.now();
  const { proof, commitments } = proveRange(tr(s), values, blind, n);
  process.stdout.write(`proved n=${n} m=${m} in ${(performance.now() - t0).toFixed(0)} ms\n`);
  return (): RangeProofItem => ({ t: tr(s), commitments, n, proof });
}

const runs = Number(process.argv[2] ?? 9);
const b = backend() as GroupBackend & { rangeScalars?: unknown };
const ops = b.rangeScalars;
if (backendName() !== 'wasm' || ops === undefined) throw new Error('needs the wasm backend');
const set = (on: boolean): void => {
  (b as { rangeScalars?: unknown }).rangeScalars = on ? ops : undefined;
};

const big = make(64, 768, 'big');
const batch = Array.from({ length: 8 }, (_, i) => make(64, 48, `batch-${i}`));
const cases: Array<[string, () => boolean]> = [
  ['verifyRange N=49152', () => {
    const it = big();
    return verifyRange(it.t, it.commitments, it.n, it.proof);
  }],
  ['verifyRangeBatch 8 × N=3072', () => verifyRangeBatch(batch.map((f) => f()))],
];
for (const [name, f] of cases) {
  const xs: Record<'js' | 'wasm', number[]> = { js: [], wasm: [] };
  for (const on of [false, true]) {
    set(on);
    if (!f()) throw new Error(`${name}: does not verify`);
  }
  for (let r = 0; r < runs; r++)
    for (const on of r % 2 ? [true, false] : [false, true]) {
      set(on);
      const t0 = performance.now();
      const ok = f();
      xs[on ? 'wasm' : 'js'].push(performance.now() - t0);
      if (!ok) throw new Error(`${name}: does not verify`);
    }
  set(true);
  const js = median(xs.js);
  const wa = median(xs.wasm);
  process.stdout.write(`${name}: bigint coefficients ${js.toFixed(1)} ms, wasm coefficients ${wa.toFixed(1)} ms (median of ${runs}, ${(100 * (1 - wa / js)).toFixed(0)} % less)\n`);
}
