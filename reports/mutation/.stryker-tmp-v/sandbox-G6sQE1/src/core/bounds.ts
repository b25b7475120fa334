/**
 * Integer bounds that turn the congruences a proof shows into equalities of integers (docs/bounds.md).
 *
 * A proof over ristretto255 shows relations modulo the group order ℓ ≈ 2^252. A Schnorr proof of
 * `Com(e) − F·G = ρ·H` gives `e ≡ F (mod ℓ)`, so a verifier that accepted any integer F would accept
 * F ± k·ℓ too. Every integer that crosses a proof is therefore bounded:
 *
 *   readings          0 ≤ q < 2^48                  the meter refuses anything else (buildLog, log schema)
 *   records           at most 2^20 per bill or disclosure
 *   revealed figures  |F| < 2^160                   schema (text length) and verifier (exact comparison)
 *   honest values     |e| < 2^160                   checked per statement from the bound of each variable
 *                                                   (src/statement/system.ts), guaranteed by the tariff limits
 *
 * With |e| < 2^160 and |F| < 2^160, |e − F| < 2^161 < ℓ, so e ≡ F (mod ℓ) implies e = F.
 */
// @ts-nocheck


/** Readings are integers in [0, 2^READING_BITS). */
export const READING_BITS = 48;
export const READING_MAX = (1n << 48n) - 1n;

/** The most records one bill or disclosure may carry: a year of one-minute readings fits (525,600). */
export const RECORDS_MAX = 2 ** 20;

/** Every revealed integer F (a fee, a subtotal, a line item) satisfies |F| < 2^FIGURE_BITS. */
export const FIGURE_BITS = 160;
export const FIGURE_LIMIT = 1n << 160n;

/**
 * The largest bound any committed expression may have: a range proof shows that the residue of e lies in
 * [0, 2^n) with n ≤ 64, which says the integer e lies there only when |e| < ℓ − 2^64. We ask for far less.
 */
export const EXPRESSION_LIMIT = 1n << 240n;

/** |v| < 2^FIGURE_BITS: a figure a bill may reveal. */
export function isFigure(v: bigint): boolean {
  return v > -FIGURE_LIMIT && v < FIGURE_LIMIT;
}

/** The most decimal digits a figure has (2^160 − 1 has 49): the schema refuses longer text before parsing it. */
export const FIGURE_DIGITS = FIGURE_LIMIT.toString().length;
