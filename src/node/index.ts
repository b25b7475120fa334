/**
 * `meterproof/node`: the Node-only edges of the library, for programs that run in Node (the CLI uses
 * the same). The portable core is `meterproof`; nothing here is needed in a browser.
 *
 *   useNodeEd25519()                 signatures through node:crypto, 12-16× faster than the portable ones
 *   proveRangeJobs                   range proofs on worker threads: proveBillAsync(input, proveRangeJobs)
 *   warmGenerators, loadCachedGenerators, generatorCacheDir
 *                                    the range-proof generator table, derived once and kept on disk
 *   readText, readJson, writeJson, writeFileAtomic, checkOutputs, ensureDir
 *                                    file helpers: errors that name the file; atomic writes that never
 *                                    replace a file unless asked ({ force: true }); secrets with { mode: 0o600 }
 */
export { nodeEd25519, useNodeEd25519 } from './ed25519.js';
export { proveRangeJobs, generatorsNeeded } from './range-pool.js';
export type { RangePoolOptions } from './range-pool.js';
export { msmPool } from './msm-pool.js';
export type { MsmPool } from './msm-pool.js';
export { warmGenerators, loadCachedGenerators, generatorCacheDir, WARM_THRESHOLD } from './generator-cache.js';
export type { WarmOptions } from './generator-cache.js';
export { readText, readJson, writeJson, writeFileAtomic, checkOutputs, ensureDir } from './files.js';
export type { WriteOptions } from './files.js';
