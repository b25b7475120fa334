/*
 * Arithmetic in GF(p), p = 2^255 - 19, in radix 2^25.5: an element is ten signed 32-bit limbs
 * f = sum_i f[i] * 2^ceil(25.5 i), limbs alternating 26 and 25 bits. Products are summed in 64-bit
 * integers, which WebAssembly multiplies natively, and carried back with rounding (signed) carries so
 * that limbs stay centred around zero.
 *
 * Bounds (the reason the formulas in group.h are shaped as they are): after fe_mul / fe_sq / fe_carry
 * every limb satisfies |f[i]| <= 1.01 * 2^25 (even i) or 1.01 * 2^24 (odd i). fe_mul and fe_sq accept
 * limbs up to 1.65 * 2^26 / 2^25, i.e. a sum or difference of two carried elements; so at most one
 * fe_add / fe_sub stands between two multiplications. fe_frombytes returns carried limbs too, and so
 * does every coordinate a point is stored with (the `ge_p3` invariant). Every function here is constant time: no branch
 * and no memory index depends on a limb.
 */
#include <stdint.h>

typedef int32_t fe[10];

static inline void fe_0(fe h) { for (int i = 0; i < 10; i++) h[i] = 0; }
static inline void fe_1(fe h) { fe_0(h); h[0] = 1; }
static inline void fe_copy(fe h, const fe f) { for (int i = 0; i < 10; i++) h[i] = f[i]; }
static inline void fe_add(fe h, const fe f, const fe g) { for (int i = 0; i < 10; i++) h[i] = f[i] + g[i]; }
static inline void fe_sub(fe h, const fe f, const fe g) { for (int i = 0; i < 10; i++) h[i] = f[i] - g[i]; }
static inline void fe_neg(fe h, const fe f) { for (int i = 0; i < 10; i++) h[i] = -f[i]; }

/* f = b ? g : f, for b in {0, 1}, without a branch. */
static inline void fe_cmov(fe f, const fe g, uint32_t b) {
  int32_t m = -(int32_t)b;
  for (int i = 0; i < 10; i++) f[i] ^= m & (f[i] ^ g[i]);
}

/* Rounding carries through the 64-bit accumulators t[0..9] into h, the ref10 order (two chains interleaved). */
static inline void fe_carry64(fe h, int64_t t[10]) {
  int64_t c;
#define CARRY26(i) c = (t[i] + ((int64_t)1 << 25)) >> 26; t[i + 1] += c; t[i] -= c * ((int64_t)1 << 26);
#define CARRY25(i) c = (t[i] + ((int64_t)1 << 24)) >> 25; t[i + 1] += c; t[i] -= c * ((int64_t)1 << 25);
  CARRY26(0) CARRY26(4)
  CARRY25(1) CARRY25(5)
  CARRY26(2) CARRY26(6)
  CARRY25(3) CARRY25(7)
  CARRY26(4) CARRY26(8)
  c = (t[9] + ((int64_t)1 << 24)) >> 25; t[0] += c * 19; t[9] -= c * ((int64_t)1 << 25);
  CARRY26(0)
#undef CARRY26
#undef CARRY25
  for (int i = 0; i < 10; i++) h[i] = (int32_t)t[i];
}

/* h = f * g mod p. Limb i of f sits at 2^ceil(25.5 i); when i and j are both odd the product sits one
 * bit above limb i + j (factor 2), and a position >= 10 wraps round with 2^255 = 19. */
static void fe_mul(fe h, const fe f, const fe g) {
  int32_t g19[10], f2[10];
  int64_t t[10];
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    g19[i] = 19 * g[i];
    f2[i] = (i & 1) ? 2 * f[i] : f[i];
    t[i] = 0;
  }
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
#pragma clang loop unroll(full)
    for (int j = 0; j < 10; j++) {
      int32_t a = ((i & 1) && (j & 1)) ? f2[i] : f[i];
      int32_t b = (i + j >= 10) ? g19[j] : g[j];
      t[(i + j) % 10] += (int64_t)a * b;
    }
  }
  fe_carry64(h, t);
}

/* h = f^2 (or 2 f^2 with dbl = 1): the symmetric half of fe_mul. */
static inline void fe_sq_inner(fe h, const fe f, int dbl) {
  int64_t t[10];
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) t[i] = 0;
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
#pragma clang loop unroll(full)
    for (int j = i; j < 10; j++) {
      int64_t a = f[i];
      int64_t b = f[j];
      int64_t k = (i == j) ? 1 : 2;
      if ((i & 1) && (j & 1)) k *= 2;
      if (i + j >= 10) k *= 19;
      t[(i + j) % 10] += a * (b * k);
    }
  }
  if (dbl)
    for (int i = 0; i < 10; i++) t[i] += t[i];
  fe_carry64(h, t);
}
static void fe_sq(fe h, const fe f) { fe_sq_inner(h, f, 0); }
static void fe_sq2(fe h, const fe f) { fe_sq_inner(h, f, 1); }

/* A carry pass on its own, for sums that feed fe_tobytes or another add. */
static inline void fe_carry(fe h, const fe f) {
  int64_t t[10];
  for (int i = 0; i < 10; i++) t[i] = f[i];
  fe_carry64(h, t);
}

static const int FE_OFF[10] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};
static const int FE_W[10] = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};

/* Loads 32 little-endian bytes, ignoring bit 255 (so values in [p, 2^255) are taken mod p). */
static void fe_frombytes(fe h, const uint8_t *s) {
  uint64_t w[5];
  for (int k = 0; k < 4; k++) {
    uint64_t v = 0;
    for (int b = 7; b >= 0; b--) v = (v << 8) | s[8 * k + b];
    w[k] = v;
  }
  w[3] &= 0x7fffffffffffffffULL;
  w[4] = 0;
  for (int i = 0; i < 10; i++) {
    int o = FE_OFF[i], k = o >> 6, r = o & 63;
    uint64_t v = w[k] >> r;
    if (r != 0) v |= w[k + 1] << (64 - r);
    h[i] = (int32_t)(v & (((uint64_t)1 << FE_W[i]) - 1));
  }
  /* Centre the limbs (|h[i]| <= 2^25 / 2^24), so a sum of two loaded elements stays inside fe_mul's bounds. */
  fe_carry(h, h);
}

/* The canonical encoding: the unique representative in [0, p), 32 bytes little-endian. */
static void fe_tobytes(uint8_t *s, const fe f) {
  fe h;
  fe_carry(h, f);
  /* q = floor(h / p), 0 or 1 for a carried h: the carry out of h + 19. */
  int32_t q = (19 * h[9] + ((int32_t)1 << 24)) >> 25;
  for (int i = 0; i < 10; i++) q = (h[i] + q) >> FE_W[i];
  h[0] += 19 * q;
  /* Now h - q*2^255 is in [0, p): propagate exact (floor) carries and drop bit 255. */
  for (int i = 0; i < 9; i++) {
    int32_t c = h[i] >> FE_W[i];
    h[i + 1] += c;
    h[i] -= c * ((int32_t)1 << FE_W[i]);
  }
  h[9] &= ((int32_t)1 << 25) - 1;
  uint64_t w[4] = {0, 0, 0, 0};
  for (int i = 0; i < 10; i++) {
    int o = FE_OFF[i], k = o >> 6, r = o & 63;
    uint64_t v = (uint64_t)(uint32_t)h[i];
    w[k] |= v << r;
    if (r + FE_W[i] > 64) w[k + 1] |= v >> (64 - r);
  }
  for (int k = 0; k < 4; k++)
    for (int b = 0; b < 8; b++) s[8 * k + b] = (uint8_t)(w[k] >> (8 * b));
}

static inline uint32_t fe_isnegative(const fe f) {
  uint8_t s[32];
  fe_tobytes(s, f);
  return s[0] & 1;
}

static inline uint32_t fe_iszero(const fe f) {
  uint8_t s[32];
  fe_tobytes(s, f);
  uint32_t d = 0;
  for (int i = 0; i < 32; i++) d |= s[i];
  return 1 & ((d - 1) >> 8);
}

/* 1 iff f == g (mod p). */
static inline uint32_t fe_eq(const fe f, const fe g) {
  fe h;
  fe_sub(h, f, g);
  return fe_iszero(h);
}

static inline void fe_cneg(fe f, uint32_t b) {
  fe m;
  fe_neg(m, f);
  fe_cmov(f, m, b);
}

/* |f|: the non-negative one of f and -f (RFC 9496 CT_ABS). */
static inline void fe_abs(fe h, const fe f) {
  fe_copy(h, f);
  fe_cneg(h, fe_isnegative(f));
}

static void fe_sqn(fe h, const fe f, int n) {
  fe_sq(h, f);
  for (int i = 1; i < n; i++) fe_sq(h, h);
}

/* t0 = z^(2^250 - 1), t11 = z^11: the shared prefix of inversion and (p-5)/8 powering. */
static void fe_pow250(fe t0, fe z11, const fe z) {
  fe z2, z9, t1, t2;
  fe_sq(z2, z);             /* z^2 */
  fe_sqn(t1, z2, 2);        /* z^8 */
  fe_mul(z9, z, t1);        /* z^9 */
  fe_mul(z11, z2, z9);      /* z^11 */
  fe_sq(t1, z11);           /* z^22 */
  fe_mul(t0, z9, t1);       /* z^31 = z^(2^5 - 1) */
  fe_sqn(t1, t0, 5);
  fe_mul(t0, t1, t0);       /* 2^10 - 1 */
  fe_sqn(t1, t0, 10);
  fe_mul(t1, t1, t0);       /* 2^20 - 1 */
  fe_sqn(t2, t1, 20);
  fe_mul(t1, t2, t1);       /* 2^40 - 1 */
  fe_sqn(t1, t1, 10);
  fe_mul(t0, t1, t0);       /* 2^50 - 1 */
  fe_sqn(t1, t0, 50);
  fe_mul(t1, t1, t0);       /* 2^100 - 1 */
  fe_sqn(t2, t1, 100);
  fe_mul(t1, t2, t1);       /* 2^200 - 1 */
  fe_sqn(t1, t1, 50);
  fe_mul(t0, t1, t0);       /* 2^250 - 1 */
}

/* h = z^(p - 2) = z^-1 (0 for z = 0). */
static void fe_invert(fe h, const fe z) {
  fe t0, z11;
  fe_pow250(t0, z11, z);
  fe_sqn(t0, t0, 5);        /* 2^255 - 32 */
  fe_mul(h, t0, z11);       /* 2^255 - 21 = p - 2 */
}

/* h = z^((p - 5) / 8) = z^(2^252 - 3). */
static void fe_pow22523(fe h, const fe z) {
  fe t0, z11;
  fe_pow250(t0, z11, z);
  fe_sqn(t0, t0, 2);        /* 2^252 - 4 */
  fe_mul(h, t0, z);
}
