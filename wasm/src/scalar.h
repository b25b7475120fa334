/*
 * Arithmetic mod ℓ = 2^252 + 27742317777372353535851937790883648493 (the ristretto255 group order), for
 * the range proof's scalar vectors, and the range verifier's per-generator coefficients built on it.
 *
 * Representation: sc29, nine 29-bit limbs, x = Σ x[i]·2^(29i), 0 ≤ x < 2^261 (limbs are kept below 2^29
 * between operations). 29 bits is the widest limb for which a whole schoolbook product column fits a
 * uint64_t with room for the reduction: each product is < 2^58, a column of nine is < 9·2^58 < 2^62.
 * wasm32 has a native 64×64→64 multiply (i64.mul) but no 64×64→128, so 32-bit limbs would need the high
 * halves by hand; with 29 bits every column is one i64 sum. (This is curve25519-dalek's 32-bit "Scalar29"
 * arrangement; the code here is written for this file, the constants are checked by test/core/scalar.test.ts.)
 *
 * Multiplication is Montgomery's, with R = 2^261: montmul(a, b) = a·b·R⁻¹ mod ℓ. A value is in
 * "Montgomery form" when it is stored as x·R mod ℓ. Montgomery form is linear, so sums and differences are
 * the same in both forms, and montmul of a Montgomery-form value with a plain one gives a plain product:
 * montmul(a·R, b) = a·b. The coefficient loop below keeps its running factors in Montgomery form and the
 * per-generator values plain, so each product costs one montmul and nothing converts back.
 *
 * Boundary: 32-byte little-endian scalars. Loading accepts any 256-bit value (below 2^256 < R);
 * every result stored is canonical, in [0, ℓ).
 *
 * Constant time: sc_add, sc_sub, sc_montmul, sc_load and sc_store have no branch or memory index that
 * depends on the values (the conditional subtraction of ℓ is a mask). rp_range_coeffs and
 * rp_scalar_bits are verifier code on public data and loop over public lengths only; sc_bits is
 * variable time (it is only used on public MSM scalars).
 */

typedef uint32_t sc29[9];

#define SC_MASK 0x1fffffffu

/* ℓ in radix 2^29. Limbs 5..7 are zero and limb 8 is 2^20 (2^252 = 2^(8·29 + 20)): the reduction skips them. */
static const uint32_t SC_L[9] = {0x1cf5d3ed, 0x009318d2, 0x1de73596, 0x1df3bd45, 0x0000014d, 0, 0, 0, 0x00100000};
#define SC_L0 0x1cf5d3edu
#define SC_L1 0x009318d2u
#define SC_L2 0x1de73596u
#define SC_L3 0x1df3bd45u
#define SC_L4 0x0000014du
#define SC_L8 0x00100000u
/* −ℓ⁻¹ mod 2^29: m = (x mod 2^29)·SC_LFACTOR makes x + m·ℓ divisible by 2^29. */
#define SC_LFACTOR 0x12547e1bu
/* R² mod ℓ = 2^522 mod ℓ, so montmul(x, R²) = x·R: into Montgomery form. */
static const uint32_t SC_RR[9] = {0x0b5f9d12, 0x1e141b17, 0x158d7f3d, 0x143f3757, 0x1972d781, 0x042feb7c, 0x1ceec73d, 0x1e184d1e, 0x0005046d};
/* R mod ℓ: 1 in Montgomery form. */
static const uint32_t SC_R[9] = {0x114df9ed, 0x1a617303, 0x0f7c098c, 0x16793167, 0x1ffd656e, 0x1fffffff, 0x1fffffff, 0x1fffffff, 0x000fffff};

static inline void sc_copy(sc29 r, const sc29 a) {
  for (int i = 0; i < 9; i++) r[i] = a[i];
}

static inline void sc_zero(sc29 r) {
  for (int i = 0; i < 9; i++) r[i] = 0;
}

/* 32 bytes little-endian → limbs. Bits 29i..29i+28 straddle at most two 32-bit words; the top limb
 * takes bits 232..255 (24 bits), so any 256-bit input fits. */
static inline void sc_load(sc29 r, const uint8_t *b) {
  uint32_t w[8];
  for (int i = 0; i < 8; i++)
    w[i] = (uint32_t)b[4 * i] | ((uint32_t)b[4 * i + 1] << 8) | ((uint32_t)b[4 * i + 2] << 16) | ((uint32_t)b[4 * i + 3] << 24);
  for (int i = 0; i < 9; i++) {
    int bit = 29 * i, wi = bit >> 5, off = bit & 31;
    uint64_t v = (uint64_t)w[wi];
    if (wi + 1 < 8) v |= (uint64_t)w[wi + 1] << 32;
    r[i] = (uint32_t)(v >> off) & SC_MASK;
  }
}

/* Limbs → 32 bytes little-endian. The value must be below 2^256 (every caller stores a canonical one). */
static inline void sc_store(uint8_t *b, const sc29 a) {
  uint32_t w[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 9; i++) {
    int bit = 29 * i, wi = bit >> 5, off = bit & 31;
    uint64_t v = (uint64_t)a[i] << off;
    w[wi] |= (uint32_t)v;
    if (wi + 1 < 8) w[wi + 1] |= (uint32_t)(v >> 32);
  }
  for (int i = 0; i < 8; i++) {
    b[4 * i] = (uint8_t)w[i];
    b[4 * i + 1] = (uint8_t)(w[i] >> 8);
    b[4 * i + 2] = (uint8_t)(w[i] >> 16);
    b[4 * i + 3] = (uint8_t)(w[i] >> 24);
  }
}

/*
 * r = a − b mod ℓ for a, b < ℓ (more generally a, b < 2^261 with a − b in (−ℓ, ℓ)). The limb-wise
 * difference borrows through bit 31 of the 32-bit word (limbs are < 2^29, so a borrow shows as the top
 * bit); if the whole difference is negative the final borrow is 1 and ℓ is added back under a mask.
 */
static inline void sc_sub(sc29 r, const sc29 a, const sc29 b) {
  uint32_t borrow = 0;
  sc29 d;
  for (int i = 0; i < 9; i++) {
    borrow = a[i] - (b[i] + (borrow >> 31));
    d[i] = borrow & SC_MASK;
  }
  uint32_t mask = 0u - (borrow >> 31); /* all ones iff a < b */
  uint32_t carry = 0;
  for (int i = 0; i < 9; i++) {
    carry = (carry >> 29) + d[i] + (SC_L[i] & mask);
    r[i] = carry & SC_MASK;
  }
}

/* r = a + b mod ℓ for a, b < ℓ: the sum is below 2ℓ < 2^254 (limbs stay below 2^29 after the carry
 * pass), and subtracting ℓ once, with add-back on borrow, lands in [0, ℓ). */
static inline void sc_add(sc29 r, const sc29 a, const sc29 b) {
  sc29 s;
  uint32_t carry = 0;
  for (int i = 0; i < 9; i++) {
    carry = a[i] + b[i] + (carry >> 29);
    s[i] = carry & SC_MASK;
  }
  sc_sub(r, s, SC_L);
}

static inline uint64_t m64(uint32_t a, uint32_t b) { return (uint64_t)a * b; }

/*
 * r = a·b·R⁻¹ mod ℓ, R = 2^261, for a, b < 2^261 with a·b < ℓ·R (true whenever one factor is < ℓ
 * and the other < R, or both < 2^256): the result is canonical.
 *
 * 1. Schoolbook product t = a·b in 17 columns, t[k] = Σ_{i+j=k} a_i·b_j < 9·2^58 < 2^62.
 * 2. Montgomery reduction, one limb at a time: n_i = (low 29 bits of the running column)·(−ℓ⁻¹) mod 2^29
 *    makes column i divisible by 2^29 after adding n_i·ℓ·2^(29i); the column's high part carries on.
 *    Only ℓ's limbs 0..4 and 8 are nonzero, so each column gets at most six n_j·ℓ_k products (< 2^58
 *    each) on top of t[k] (< 9·2^58) and the carry (< 2^35): below 16·2^58 = 2^62, no overflow.
 *    After nine steps t + n·ℓ is divisible by R, and columns 9..17 are (t + n·ℓ)/R.
 * 3. (t + n·ℓ)/R < (ℓ·R + R·ℓ)/R = 2ℓ, so one conditional subtraction of ℓ makes it canonical.
 */
static void sc_montmul(sc29 r, const sc29 a, const sc29 b) {
  /* Written out in full (generated, one line per column): straight-line code keeps the 17 columns and the
   * nine n_i in wasm locals; the loop form left them in stack memory and was about 2.5x slower. */
  sc29 q;
  const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8];
  const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7], b8 = b[8];
  const uint64_t t0 = a0 * b0;
  const uint64_t t1 = a0 * b1 + a1 * b0;
  const uint64_t t2 = a0 * b2 + a1 * b1 + a2 * b0;
  const uint64_t t3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const uint64_t t4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
  const uint64_t t5 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
  const uint64_t t6 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
  const uint64_t t7 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
  const uint64_t t8 = a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
  const uint64_t t9 = a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1;
  const uint64_t t10 = a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2;
  const uint64_t t11 = a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3;
  const uint64_t t12 = a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4;
  const uint64_t t13 = a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5;
  const uint64_t t14 = a6 * b8 + a7 * b7 + a8 * b6;
  const uint64_t t15 = a7 * b8 + a8 * b7;
  const uint64_t t16 = a8 * b8;
  uint64_t s, c;
  uint32_t n0, n1, n2, n3, n4, n5, n6, n7, n8;
  s = t0;
  n0 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n0 * SC_L0) >> 29;
  s = c + t1 + (uint64_t)n0 * SC_L1;
  n1 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n1 * SC_L0) >> 29;
  s = c + t2 + (uint64_t)n0 * SC_L2 + (uint64_t)n1 * SC_L1;
  n2 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n2 * SC_L0) >> 29;
  s = c + t3 + (uint64_t)n0 * SC_L3 + (uint64_t)n1 * SC_L2 + (uint64_t)n2 * SC_L1;
  n3 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n3 * SC_L0) >> 29;
  s = c + t4 + (uint64_t)n0 * SC_L4 + (uint64_t)n1 * SC_L3 + (uint64_t)n2 * SC_L2 + (uint64_t)n3 * SC_L1;
  n4 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n4 * SC_L0) >> 29;
  s = c + t5 + (uint64_t)n1 * SC_L4 + (uint64_t)n2 * SC_L3 + (uint64_t)n3 * SC_L2 + (uint64_t)n4 * SC_L1;
  n5 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n5 * SC_L0) >> 29;
  s = c + t6 + (uint64_t)n2 * SC_L4 + (uint64_t)n3 * SC_L3 + (uint64_t)n4 * SC_L2 + (uint64_t)n5 * SC_L1;
  n6 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n6 * SC_L0) >> 29;
  s = c + t7 + (uint64_t)n3 * SC_L4 + (uint64_t)n4 * SC_L3 + (uint64_t)n5 * SC_L2 + (uint64_t)n6 * SC_L1;
  n7 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n7 * SC_L0) >> 29;
  s = c + t8 + (uint64_t)n0 * SC_L8 + (uint64_t)n4 * SC_L4 + (uint64_t)n5 * SC_L3 + (uint64_t)n6 * SC_L2 + (uint64_t)n7 * SC_L1;
  n8 = ((uint32_t)s * SC_LFACTOR) & SC_MASK;
  c = (s + (uint64_t)n8 * SC_L0) >> 29;
  s = c + t9 + (uint64_t)n1 * SC_L8 + (uint64_t)n5 * SC_L4 + (uint64_t)n6 * SC_L3 + (uint64_t)n7 * SC_L2 + (uint64_t)n8 * SC_L1;
  q[0] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t10 + (uint64_t)n2 * SC_L8 + (uint64_t)n6 * SC_L4 + (uint64_t)n7 * SC_L3 + (uint64_t)n8 * SC_L2;
  q[1] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t11 + (uint64_t)n3 * SC_L8 + (uint64_t)n7 * SC_L4 + (uint64_t)n8 * SC_L3;
  q[2] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t12 + (uint64_t)n4 * SC_L8 + (uint64_t)n8 * SC_L4;
  q[3] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t13 + (uint64_t)n5 * SC_L8;
  q[4] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t14 + (uint64_t)n6 * SC_L8;
  q[5] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t15 + (uint64_t)n7 * SC_L8;
  q[6] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  s = c + t16 + (uint64_t)n8 * SC_L8;
  q[7] = (uint32_t)s & SC_MASK;
  c = s >> 29;
  q[8] = (uint32_t)c;
  sc_sub(r, q, SC_L);
}

/* x·R mod ℓ: into Montgomery form. */
static inline void sc_to_mont(sc29 r, const sc29 a) { sc_montmul(r, a, SC_RR); }

/* a·b mod ℓ for plain a, b: (a·b·R⁻¹)·R²·R⁻¹. */
static inline void sc_mul(sc29 r, const sc29 a, const sc29 b) {
  sc29 t;
  sc_montmul(t, a, b);
  sc_montmul(r, t, SC_RR);
}

/* Bit length of a 32-byte scalar (0 for zero). Variable time: public scalars only. */
static uint32_t sc_bits(const uint8_t *s) {
  for (int i = 31; i >= 0; i--)
    if (s[i] != 0) return 8 * (uint32_t)i + 32 - (uint32_t)__builtin_clz((uint32_t)s[i]);
  return 0;
}

/* Element-wise a_i·b_i, a_i + b_i, a_i − b_i mod ℓ over n 32-byte scalars (op 0, 1, 2), and to/from
 * Montgomery form (3, 4: the b input is ignored). For the tests and benchmark; out may alias a or b. */
EXPORT(rp_sc_many) void rp_sc_many(uint8_t *out, const uint8_t *a, const uint8_t *b, uint32_t n, uint32_t op) {
  static const uint32_t one[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
  for (uint32_t i = 0; i < n; i++) {
    sc29 x, y, r;
    sc_load(x, a + 32 * i);
    sc_load(y, b + 32 * i);
    if (op == 0) sc_mul(r, x, y);
    else if (op == 1) sc_add(r, x, y);
    else if (op == 2) sc_sub(r, x, y);
    else if (op == 3) sc_to_mont(r, x);
    else sc_montmul(r, x, one);
    sc_store(out + 32 * i, r);
  }
}

/* The largest bit length among n 32-byte scalars (the MSM's `bits`). */
EXPORT(rp_scalar_bits) uint32_t rp_scalar_bits(const uint8_t *s, uint32_t n) {
  uint32_t best = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t b = sc_bits(s + 32 * i);
    if (b > best) best = b;
  }
  return best;
}

/* Scratch bytes rp_range_coeffs needs for final length c and k rounds. */
EXPORT(rp_range_coeffs_scratch) uint32_t rp_range_coeffs_scratch(uint32_t c, uint32_t k) {
  return (uint32_t)sizeof(sc29) * ((1u << k) + 2 * c);
}

/*
 * One range proof's generator coefficients (src/proofs/rangeproof/verifier.ts, `terms`), ADDED into g
 * and h (32-byte canonical scalars, N = n·mpad of each; a batch calls this once per proof on the same
 * buffers, which start zeroed):
 *
 *   g_k += −r·z − r·a_e·s_q,    h_k += r·z + r·y^{−k}·(z^{2+j}·2^i − b_e·s_{2^K−1−q}),
 *
 * for k = j·n + i (block j < mpad, bit i < n) = q·c + e (e < c), with s_q = Π_t u_t^{±1} (+ when bit t of q,
 * counted from the most significant of the K rounds, is set): s_0 = Π_t u_t⁻¹ and s_q = s_{q − 2^b}·u²_{K−1−b}
 * for b the top bit of q, the recurrence of innerProductChallenges.
 *
 * in: r, z, y⁻¹, a[c], b[c], u²[K], u⁻¹[K], 32 bytes each, all public (the verifier's transcript and
 * its batch weight r). K ≤ 30 (the inner product's limit, splitLength). scratch:
 * rp_range_coeffs_scratch(c, K) bytes, 4-aligned.
 *
 * Forms: r·a_e, b_e, y⁻¹, z, u²_t and the running r·y^{−k} are held in Montgomery form; s_q, ζ = z^{2+j}·2^i,
 * r·z and the per-generator values are plain, so every product is montmul(Montgomery, plain) = plain.
 */
EXPORT(rp_range_coeffs) void rp_range_coeffs(uint8_t *g, uint8_t *h, const uint8_t *in, uint32_t n, uint32_t mpad, uint32_t c, uint32_t K, uint32_t *scratch) {
  sc29 *s = (sc29 *)scratch;
  sc29 *raM = s + (1u << K);
  sc29 *bM = raM + c;
  sc29 r, rM, z, zM, yInvM, t, u;
  sc_load(r, in);
  sc_load(z, in + 32);
  sc_load(t, in + 64);
  sc_to_mont(yInvM, t);
  sc_to_mont(rM, r);
  sc_to_mont(zM, z);
  const uint8_t *pa = in + 96, *pb = pa + 32 * c, *pu2 = pb + 32 * c, *pui = pu2 + 32 * K;
  for (uint32_t e = 0; e < c; e++) {
    sc_load(t, pa + 32 * e);
    sc_to_mont(u, t);
    sc_montmul(raM[e], rM, u); /* r·a_e·R */
    sc_load(t, pb + 32 * e);
    sc_to_mont(bM[e], t);
  }
  /* s_0 = Π u_t⁻¹, as a Montgomery-form running product (montmul(xR, yR) = xyR), taken out of Montgomery
   * form by one montmul with plain 1; then s_q = montmul(s_{q−2^b} plain, u²·R) stays plain. */
  static const uint32_t one[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
  sc29 acc, u2M[32];
  sc_copy(acc, SC_R);
  for (uint32_t k = 0; k < K; k++) {
    sc_load(t, pui + 32 * k);
    sc_to_mont(u, t);
    sc_montmul(acc, acc, u);
    sc_load(t, pu2 + 32 * k);
    sc_to_mont(u2M[k], t);
  }
  sc_montmul(s[0], acc, one);
  for (uint32_t q = 1; q < (1u << K); q++) {
    uint32_t lg = 31 - (uint32_t)__builtin_clz(q);
    sc_montmul(s[q], s[q - (1u << lg)], u2M[K - 1 - lg]);
  }

  sc29 rz, nrz, yiM, zeta, zpow, v, w;
  sc_mul(rz, r, z);
  sc_zero(t);
  sc_sub(nrz, t, rz);
  sc_copy(yiM, rM); /* r·y^{−0}, Montgomery */
  sc_mul(zpow, z, z); /* z², plain */
  uint32_t last = (1u << K) - 1, q = 0, e = 0, k = 0;
  for (uint32_t j = 0; j < mpad; j++) {
    sc_copy(zeta, zpow);
    for (uint32_t i = 0; i < n; i++, k++) {
      /* g_k */
      sc_montmul(v, raM[e], s[q]);
      sc_sub(v, nrz, v);
      sc_load(w, g + 32 * k);
      sc_add(w, w, v);
      sc_store(g + 32 * k, w);
      /* h_k */
      sc_montmul(v, bM[e], s[last - q]);
      sc_sub(v, zeta, v);
      sc_montmul(v, yiM, v);
      sc_add(v, v, rz);
      sc_load(w, h + 32 * k);
      sc_add(w, w, v);
      sc_store(h + 32 * k, w);
      sc_montmul(yiM, yiM, yInvM);
      sc_add(zeta, zeta, zeta);
      if (++e == c) { e = 0; q++; }
    }
    sc_montmul(zpow, zpow, zM);
  }
}

/*
 * out = Σ_{i<n} x^i mod ℓ (the verifier's Σ y^i in δ(y, z)) in O(log n) multiplications instead of n:
 * with S_k = Σ_{i<k} x^i and P_k = x^k, reading n's bits from the top, S_2k = S_k·(1 + P_k), P_2k = P_k², and
 * S_{k+1} = S_k + P_k, P_{k+1} = P_k·x. S and P are kept in Montgomery form (1 is R there). n is public.
 */
EXPORT(rp_sc_sum_powers) void rp_sc_sum_powers(uint8_t *out, const uint8_t *x, uint32_t n) {
  static const uint32_t one[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
  sc29 xM, S, P, t;
  sc_load(t, x);
  sc_to_mont(xM, t);
  sc_zero(S);
  sc_copy(P, SC_R);
  for (int b = n == 0 ? -1 : 31 - __builtin_clz(n); b >= 0; b--) {
    sc_add(t, P, SC_R);
    sc_montmul(S, S, t);
    sc_montmul(P, P, P);
    if ((n >> b) & 1) {
      sc_add(S, S, P);
      sc_montmul(P, P, xM);
    }
  }
  sc_montmul(t, S, one);
  sc_store(out, t);
}
