/**
 * The surface every group backend offers (curve25519-dalek's arrangement: one interface, several
 * backends, chosen once at start; nothing above `src/core/backend/` knows which one runs).
 *
 * Single operations live on `Point` (src/core/point.ts). The batch operations here are the boundary a
 * WebAssembly backend is crossed at: decoding and encoding many points, sums, multi-scalar
 * multiplications, commitments, the generator map. Names say whether a secret may pass:
 *   - constant time in the scalar: `Point.multiply`, `commitMany`;
 *   - variable time, public (or freshly random, never reused) scalars only: `msm`, `Point.multiplyUnsafe`.
 * docs/backend.md lists which is which and why.
 */
import type { Point } from '../point.js';

export interface GroupBackend {
  readonly name: 'noble' | 'wasm';
  readonly ZERO: Point;
  readonly BASE: Point;
  /** Canonical decoding; throws EncodingError('encoding.point') on anything else. */
  fromBytes(b: Uint8Array): Point;
  /** Decodes many 32-byte encodings; null where an encoding is invalid. */
  decodeMany(bs: readonly Uint8Array[]): (Point | null)[];
  /** Encodes many points. */
  encodeMany(ps: readonly Point[]): Uint8Array[];
  /** RFC 9496 §4.3.4 element derivation: 64 uniform bytes to a point (for hash_to_ristretto255). */
  fromUniform(b: Uint8Array): Point;
  /**
   * hash_to_ristretto255 (expand_message_xmd with SHA-512, then `fromUniform`) of n messages of `len`
   * bytes each, laid end to end, under DST' = DST ‖ I2OSP(len(DST), 1): where the backend has a batch one.
   */
  readonly hashToGroupMany?: (msgs: Uint8Array, n: number, len: number, dstPrime: Uint8Array) => Point[];
  /** Σ points (variable time; the points are public). */
  sum(ps: readonly Point[]): Point;
  /** Σ s_i·P_i, s_i ∈ [0, 2^253), variable time: public or fresh random scalars only. */
  msm(ps: readonly Point[], scalars: readonly bigint[]): Point;
  /**
   * v_i·G + r_i·H, constant time in v_i and r_i (secrets); values and blindings in [0, ℓ). With
   * `valueBits` (public) every value must be below 2^valueBits (RangeError otherwise) and the work on the
   * values shrinks to match; the results come with their encodings.
   */
  commitMany(G: Point, H: Point, values: readonly bigint[], blindings: readonly bigint[], valueBits?: number): Point[];
  /** (x, y) of each point's representative, 64 bytes per point (one shared inversion). */
  toAffineBytes(ps: readonly Point[]): Uint8Array;
  /** Reads `toAffineBytes` back; throws EncodingError for a coordinate ≥ p or a point off the curve. */
  fromAffineBytes(b: Uint8Array): Point[];
  /** Keeps these points ready for MSMs (the WebAssembly backend stores them in its memory); idempotent. */
  pin(ps: readonly Point[]): void;
  /** Raw internal form for another thread of the same backend (no validation on import: trusted). */
  exportRaw(ps: readonly Point[]): Uint8Array;
  importRaw(b: Uint8Array): Point[];
  /** One-shot SHA-256 / SHA-512, where the backend has a faster one than @noble/hashes. */
  readonly sha256?: (b: Uint8Array) => Uint8Array;
  readonly sha512?: (b: Uint8Array) => Uint8Array;
  /** SHA-256 / SHA-512 of n messages of `len` bytes each, laid end to end in `msgs`: n digests end to end. */
  readonly sha256Many?: (msgs: Uint8Array, n: number, len: number) => Uint8Array;
  readonly sha512Many?: (msgs: Uint8Array, n: number, len: number) => Uint8Array;
  /**
   * A hash chain: h_i = SHA-256(m_i) with bytes [prevAt, prevAt + 32) of m_i replaced by h_{i−1} for i > 0
   * (m_0 keeps its own). `msgs` holds the n messages of `len` bytes end to end; returns every h_i. The
   * first `same` bytes are equal in every message (the caller guarantees it), so a backend may hash them once.
   */
  readonly sha256Chain?: (msgs: Uint8Array, n: number, len: number, prevAt: number, same: number) => Uint8Array;
  /** The range verifier's per-generator scalar work, where the backend does it natively (WebAssembly). */
  readonly rangeScalars?: RangeScalarOps;
}

/**
 * One range proof's inputs to its generator coefficients (src/proofs/rangeproof/verifier.ts), all public:
 * for k = j·n + i = q·c + e < N = n·mPad,
 *   g_k = −r·z − r·a_e·s_q,   h_k = r·z + r·y^{−k}·(z^{2+j}·2^i − b_e·s_q⁻¹),
 * with s_q = Π_t u_t^{±1} from the K = u2.length inner-product challenges (s_q⁻¹ = s_{2^K−1−q}).
 * Scalars are canonical, in [0, ℓ).
 */
export interface RangeCoefficientInput {
  readonly n: number;
  readonly mPad: number;
  /** Length of the final vectors a, b (1 or 3). */
  readonly c: number;
  /** The proof's batch weight. */
  readonly r: bigint;
  readonly z: bigint;
  readonly yInv: bigint;
  readonly a: readonly bigint[];
  readonly b: readonly bigint[];
  /** u_t² and u_t⁻¹ per round. */
  readonly u2: readonly bigint[];
  readonly uInv: readonly bigint[];
}

/** Generator coefficients summed over a batch of range proofs, kept in the backend (variable time: public data). */
export interface RangeScalarOps {
  /** Σ_p g_p and Σ_p h_p, zero-padded to length N (for tests: the verifier uses `msm`). */
  coefficients(N: number, proofs: readonly RangeCoefficientInput[]): { g: bigint[]; h: bigint[] };
  /** Σ_{i<n} x^i mod ℓ, for x in [0, ℓ) (δ(y, z)'s Σ y^i). */
  sumOfPowers(x: bigint, n: number): bigint;
  /**
   * Σ_k (Σ_p g_{p,k})·G_k + (Σ_p h_{p,k})·H_k + Σ_j scalars_j·points_j, with G and H of equal length N ≥
   * every proof's n·mPad, scalars in [0, 2^253): the coefficients never leave the backend.
   */
  msm(G: readonly Point[], H: readonly Point[], proofs: readonly RangeCoefficientInput[], points: readonly Point[], scalars: readonly bigint[]): Point;
}
