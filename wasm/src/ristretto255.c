/*
 * ristretto255 (RFC 9496) for meterproof, compiled to wasm32 with no libc. The JavaScript side
 * (src/core/backend/wasm.ts) owns the linear memory and passes byte offsets; every exported function
 * works on batches where that makes sense, so the boundary is crossed once per batch, not per field
 * operation.
 *
 * Points are kept as ed25519 representatives in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z,
 * xy = T/Z, on -x^2 + y^2 = 1 + d x^2 y^2. The formulas are the complete ones of Hisil-Wong-Carter-
 * Dawson 2008 in the "p1p1 / p2 / p3 / cached / niels" arrangement of ref10 and curve25519-dalek.
 *
 * Constant time (no branch or memory index depends on the data):
 *   field arithmetic; rp_add / rp_sub / rp_neg / rp_dbl / rp_eq; encoding; rp_mul_ct (variable base,
 *   signed radix-16 with a scanned table); rp_mul_table_ct and rp_commit_many (fixed-base tables);
 *   the Elligator map.
 * Variable time (public data only: verification, MSMs over public or freshly random scalars):
 *   rp_msm (Straus with wNAF, or Pippenger with signed buckets), and rp_decode_many's rejection (it
 *   stops early on an invalid encoding: whether an encoding is valid is public).
 */
#include "field.h"

#define EXPORT(name) __attribute__((export_name(#name)))

typedef struct { fe X, Y, Z, T; } ge_p3;    /* extended */
typedef struct { fe X, Y, Z; } ge_p2;       /* projective */
typedef struct { fe X, Y, Z, T; } ge_p1p1;  /* completed: x = X/Z, y = Y/T */
typedef struct { fe YpX, YmX, Z, T2d; } ge_cached;   /* projective Niels */
typedef struct { fe ypx, ymx, xy2d; } ge_niels;      /* affine Niels */

static fe FE_D, FE_D2, FE_SQRT_M1, FE_SQRT_AD_MINUS_ONE, FE_INVSQRT_A_MINUS_D, FE_ONE_MINUS_D_SQ, FE_D_MINUS_ONE_SQ;

#include "consts.h"
#include "sha2.h"
#include "scalar.h"

EXPORT(rp_init) void rp_init(void) {
  fe_frombytes(FE_D, D_BYTES);
  fe_frombytes(FE_D2, D2_BYTES);
  fe_frombytes(FE_SQRT_M1, SQRT_M1_BYTES);
  fe_frombytes(FE_SQRT_AD_MINUS_ONE, SQRT_AD_MINUS_ONE_BYTES);
  fe_frombytes(FE_INVSQRT_A_MINUS_D, INVSQRT_A_MINUS_D_BYTES);
  fe_frombytes(FE_ONE_MINUS_D_SQ, ONE_MINUS_D_SQ_BYTES);
  fe_frombytes(FE_D_MINUS_ONE_SQ, D_MINUS_ONE_SQ_BYTES);
}

/* ------------------------------------------------------------------------------------------------ */
/* Point formulas */

static inline void ge_p3_0(ge_p3 *h) { fe_0(h->X); fe_1(h->Y); fe_1(h->Z); fe_0(h->T); }
static inline void ge_cached_0(ge_cached *h) { fe_1(h->YpX); fe_1(h->YmX); fe_1(h->Z); fe_0(h->T2d); }
static inline void ge_niels_0(ge_niels *h) { fe_1(h->ypx); fe_1(h->ymx); fe_0(h->xy2d); }

static inline void ge_p1p1_to_p2(ge_p2 *r, const ge_p1p1 *p) {
  fe_mul(r->X, p->X, p->T);
  fe_mul(r->Y, p->Y, p->Z);
  fe_mul(r->Z, p->Z, p->T);
}
static inline void ge_p1p1_to_p3(ge_p3 *r, const ge_p1p1 *p) {
  fe_mul(r->X, p->X, p->T);
  fe_mul(r->Y, p->Y, p->Z);
  fe_mul(r->Z, p->Z, p->T);
  fe_mul(r->T, p->X, p->Y);
}
static inline void ge_p3_to_p2(ge_p2 *r, const ge_p3 *p) {
  fe_copy(r->X, p->X);
  fe_copy(r->Y, p->Y);
  fe_copy(r->Z, p->Z);
}
static inline void ge_p3_to_cached(ge_cached *r, const ge_p3 *p) {
  fe_add(r->YpX, p->Y, p->X);
  fe_sub(r->YmX, p->Y, p->X);
  fe_copy(r->Z, p->Z);
  fe_mul(r->T2d, p->T, FE_D2);
}

/* r = 2p: 4S + the p1p1 conversion. */
static void ge_p2_dbl(ge_p1p1 *r, const ge_p2 *p) {
  fe t0;
  fe_sq(r->X, p->X);
  fe_sq(r->Z, p->Y);
  fe_sq2(r->T, p->Z);
  fe_add(r->Y, p->X, p->Y);
  fe_sq(t0, r->Y);
  fe_add(r->Y, r->Z, r->X);
  fe_sub(r->Z, r->Z, r->X);
  fe_sub(r->X, t0, r->Y);
  fe_sub(r->T, r->T, r->Z);
}

static void ge_p3_dbl(ge_p3 *r, const ge_p3 *p) {
  ge_p2 q;
  ge_p1p1 t;
  ge_p3_to_p2(&q, p);
  ge_p2_dbl(&t, &q);
  ge_p1p1_to_p3(r, &t);
}

/* r = p + q (neg = 0) or p - q (neg = 1), q cached. */
static void ge_add_cached(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
  fe t0;
  fe_add(r->X, p->Y, p->X);
  fe_sub(r->Y, p->Y, p->X);
  fe_mul(r->Z, r->X, q->YpX);
  fe_mul(r->Y, r->Y, q->YmX);
  fe_mul(r->T, q->T2d, p->T);
  fe_mul(r->X, p->Z, q->Z);
  fe_add(t0, r->X, r->X);
  fe_sub(r->X, r->Z, r->Y);
  fe_add(r->Y, r->Z, r->Y);
  fe_add(r->Z, t0, r->T);
  fe_sub(r->T, t0, r->T);
}
static void ge_sub_cached(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
  fe t0;
  fe_add(r->X, p->Y, p->X);
  fe_sub(r->Y, p->Y, p->X);
  fe_mul(r->Z, r->X, q->YmX);
  fe_mul(r->Y, r->Y, q->YpX);
  fe_mul(r->T, q->T2d, p->T);
  fe_mul(r->X, p->Z, q->Z);
  fe_add(t0, r->X, r->X);
  fe_sub(r->X, r->Z, r->Y);
  fe_add(r->Y, r->Z, r->Y);
  fe_sub(r->Z, t0, r->T);
  fe_add(r->T, t0, r->T);
}
static void ge_madd(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q) {
  fe t0;
  fe_add(r->X, p->Y, p->X);
  fe_sub(r->Y, p->Y, p->X);
  fe_mul(r->Z, r->X, q->ypx);
  fe_mul(r->Y, r->Y, q->ymx);
  fe_mul(r->T, q->xy2d, p->T);
  fe_add(t0, p->Z, p->Z);
  fe_sub(r->X, r->Z, r->Y);
  fe_add(r->Y, r->Z, r->Y);
  fe_add(r->Z, t0, r->T);
  fe_sub(r->T, t0, r->T);
}
static void ge_msub(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q) {
  fe t0;
  fe_add(r->X, p->Y, p->X);
  fe_sub(r->Y, p->Y, p->X);
  fe_mul(r->Z, r->X, q->ymx);
  fe_mul(r->Y, r->Y, q->ypx);
  fe_mul(r->T, q->xy2d, p->T);
  fe_add(t0, p->Z, p->Z);
  fe_sub(r->X, r->Z, r->Y);
  fe_add(r->Y, r->Z, r->Y);
  fe_sub(r->Z, t0, r->T);
  fe_add(r->T, t0, r->T);
}

static void ge_p3_add(ge_p3 *r, const ge_p3 *p, const ge_p3 *q) {
  ge_cached c;
  ge_p1p1 t;
  ge_p3_to_cached(&c, q);
  ge_add_cached(&t, p, &c);
  ge_p1p1_to_p3(r, &t);
}
static void ge_p3_sub(ge_p3 *r, const ge_p3 *p, const ge_p3 *q) {
  ge_cached c;
  ge_p1p1 t;
  ge_p3_to_cached(&c, q);
  ge_sub_cached(&t, p, &c);
  ge_p1p1_to_p3(r, &t);
}

static inline void ge_cached_cmov(ge_cached *t, const ge_cached *u, uint32_t b) {
  fe_cmov(t->YpX, u->YpX, b);
  fe_cmov(t->YmX, u->YmX, b);
  fe_cmov(t->Z, u->Z, b);
  fe_cmov(t->T2d, u->T2d, b);
}
static inline void ge_niels_cmov(ge_niels *t, const ge_niels *u, uint32_t b) {
  fe_cmov(t->ypx, u->ypx, b);
  fe_cmov(t->ymx, u->ymx, b);
  fe_cmov(t->xy2d, u->xy2d, b);
}

static inline uint32_t ct_equal(int32_t a, int32_t b) {
  uint32_t x = (uint32_t)(a ^ b);
  return (x - 1) >> 31 & (~x >> 31); /* 1 iff x == 0 (x < 2^31 here) */
}
static inline uint32_t ct_negative(int32_t a) { return (uint32_t)a >> 31; }

/* ------------------------------------------------------------------------------------------------ */
/* Exported single operations (all points are ge_p3 at the given offsets) */

EXPORT(rp_add) void rp_add(ge_p3 *r, const ge_p3 *a, const ge_p3 *b) { ge_p3_add(r, a, b); }
EXPORT(rp_sub) void rp_sub(ge_p3 *r, const ge_p3 *a, const ge_p3 *b) { ge_p3_sub(r, a, b); }
EXPORT(rp_dbl) void rp_dbl(ge_p3 *r, const ge_p3 *a) { ge_p3_dbl(r, a); }
EXPORT(rp_neg) void rp_neg(ge_p3 *r, const ge_p3 *a) {
  fe_neg(r->X, a->X);
  fe_copy(r->Y, a->Y);
  fe_copy(r->Z, a->Z);
  fe_neg(r->T, a->T);
}

/* Ristretto equality (RFC 9496 4.5): X1 Y2 == Y1 X2 or Y1 Y2 == X1 X2. */
EXPORT(rp_eq) uint32_t rp_eq(const ge_p3 *a, const ge_p3 *b) {
  fe l, r;
  fe_mul(l, a->X, b->Y);
  fe_mul(r, a->Y, b->X);
  uint32_t e1 = fe_eq(l, r);
  fe_mul(l, a->Y, b->Y);
  fe_mul(r, a->X, b->X);
  return e1 | fe_eq(l, r);
}

EXPORT(rp_is_identity) uint32_t rp_is_identity(const ge_p3 *a) { return fe_iszero(a->X) | fe_iszero(a->Y); }

/* ------------------------------------------------------------------------------------------------ */
/* Encoding and decoding (RFC 9496 4.3) */

/* (was_square, r) = SQRT_RATIO_M1(u, v). */
static uint32_t sqrt_ratio_m1(fe r, const fe u_in, const fe v) {
  fe u, v3, v7, t, check, nu, nui, rp;
  fe_copy(u, u_in); /* r may alias u_in */
  fe_sq(v3, v);
  fe_mul(v3, v3, v);       /* v^3 */
  fe_sq(v7, v3);
  fe_mul(v7, v7, v);       /* v^7 */
  fe_mul(t, u, v7);
  fe_pow22523(t, t);       /* (u v^7)^((p-5)/8) */
  fe_mul(t, t, v3);
  fe_mul(r, t, u);         /* u v^3 (u v^7)^((p-5)/8) */
  fe_sq(check, r);
  fe_mul(check, check, v);
  fe_neg(nu, u);
  fe_mul(nui, nu, FE_SQRT_M1);
  uint32_t correct = fe_eq(check, u);
  uint32_t flipped = fe_eq(check, nu);
  uint32_t flipped_i = fe_eq(check, nui);
  fe_mul(rp, r, FE_SQRT_M1);
  fe_cmov(r, rp, flipped | flipped_i);
  fe_abs(r, r);
  return correct | flipped;
}

/* Decodes one encoding; 1 if valid (canonical, non-negative s, on the group), else 0 and h undefined. */
static uint32_t ristretto_decode(ge_p3 *h, const uint8_t *in) {
  fe s, ss, u1, u2, u2sq, v, t, inv, denx, deny;
  uint8_t back[32];
  fe_frombytes(s, in);
  fe_tobytes(back, s);
  uint32_t diff = 0;
  for (int i = 0; i < 32; i++) diff |= back[i] ^ in[i];
  uint32_t ok = ((diff - 1) >> 8) & 1;       /* canonical (also rejects bit 255) */
  ok &= 1 ^ (in[0] & 1);                     /* s non-negative */
  fe_sq(ss, s);
  fe_1(t);
  fe_sub(u1, t, ss);
  fe_add(u2, t, ss);
  fe_sq(u2sq, u2);
  fe_sq(v, u1);
  fe_mul(v, v, FE_D);
  fe_neg(v, v);
  fe_sub(v, v, u2sq);                        /* -(d u1^2) - u2^2 */
  fe_mul(t, v, u2sq);
  fe_1(inv);
  ok &= sqrt_ratio_m1(inv, inv, t);
  fe_mul(denx, inv, u2);
  fe_mul(deny, inv, denx);
  fe_mul(deny, deny, v);
  fe_mul(t, s, denx);
  fe_add(t, t, t);
  fe_carry(t, t);
  fe_abs(h->X, t);
  fe_mul(h->Y, u1, deny);
  fe_1(h->Z);
  fe_mul(h->T, h->X, h->Y);
  ok &= 1 ^ fe_isnegative(h->T);
  ok &= 1 ^ fe_iszero(h->Y);
  return ok;
}

static void ristretto_encode(uint8_t *out, const ge_p3 *p) {
  fe u1, u2, t, inv, den1, den2, zinv, ix, iy, x, y, deninv, enc;
  fe_add(u1, p->Z, p->Y);
  fe_sub(t, p->Z, p->Y);
  fe_mul(u1, u1, t);
  fe_mul(u2, p->X, p->Y);
  fe_sq(t, u2);
  fe_mul(t, t, u1);
  fe_1(inv);
  sqrt_ratio_m1(inv, inv, t);
  fe_mul(den1, inv, u1);
  fe_mul(den2, inv, u2);
  fe_mul(zinv, den1, den2);
  fe_mul(zinv, zinv, p->T);
  fe_mul(ix, p->X, FE_SQRT_M1);
  fe_mul(iy, p->Y, FE_SQRT_M1);
  fe_mul(enc, den1, FE_INVSQRT_A_MINUS_D);
  fe_mul(t, p->T, zinv);
  uint32_t rotate = fe_isnegative(t);
  fe_copy(x, p->X);
  fe_copy(y, p->Y);
  fe_cmov(x, iy, rotate);
  fe_cmov(y, ix, rotate);
  fe_copy(deninv, den2);
  fe_cmov(deninv, enc, rotate);
  fe_mul(t, x, zinv);
  fe_cneg(y, fe_isnegative(t));
  fe_sub(t, p->Z, y);
  fe_mul(t, deninv, t);
  fe_abs(t, t);
  fe_tobytes(out, t);
}

/* Decodes n encodings (32 bytes each) into n points; ok[i] = 1 or 0. Returns the number of valid ones. */
EXPORT(rp_decode_many) uint32_t rp_decode_many(ge_p3 *out, const uint8_t *in, uint32_t n, uint8_t *ok) {
  uint32_t good = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t v = ristretto_decode(&out[i], in + 32 * i);
    ok[i] = (uint8_t)v;
    good += v;
  }
  return good;
}

EXPORT(rp_encode_many) void rp_encode_many(uint8_t *out, const ge_p3 *in, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) ristretto_encode(out + 32 * i, &in[i]);
}

/* Elligator (RFC 9496 4.3.4), one field element to a point. */
static void elligator(ge_p3 *h, const fe t) {
  fe r, u, v, s, sp, c, nn, w0, w1, w2, w3, one, tmp, tmp2;
  fe_1(one);
  fe_sq(r, t);
  fe_mul(r, r, FE_SQRT_M1);
  fe_add(u, r, one);
  fe_mul(u, u, FE_ONE_MINUS_D_SQ);
  fe_mul(tmp, r, FE_D);
  fe_neg(tmp, tmp);
  fe_sub(tmp, tmp, one);          /* -1 - r d */
  fe_add(tmp2, r, FE_D);          /* r + d */
  fe_mul(v, tmp, tmp2);
  uint32_t was_square = sqrt_ratio_m1(s, u, v);
  fe_mul(sp, s, t);
  fe_abs(sp, sp);
  fe_neg(sp, sp);
  fe_cmov(s, sp, 1 ^ was_square);
  fe_neg(c, one);
  fe_cmov(c, r, 1 ^ was_square);
  fe_sub(tmp, r, one);
  fe_mul(nn, c, tmp);
  fe_mul(nn, nn, FE_D_MINUS_ONE_SQ);
  fe_sub(nn, nn, v);
  fe_mul(w0, s, v);
  fe_add(w0, w0, w0);
  fe_mul(w1, nn, FE_SQRT_AD_MINUS_ONE);
  fe_sq(tmp, s);
  fe_sub(w2, one, tmp);
  fe_add(w3, one, tmp);
  fe_mul(h->X, w0, w3);
  fe_mul(h->Y, w2, w1);
  fe_mul(h->Z, w1, w3);
  fe_mul(h->T, w0, w2);
}

/* The one-way map of RFC 9496 4.3.4: 64 uniform bytes to a point, MAP(b[0..32]) + MAP(b[32..64]). */
EXPORT(rp_from_uniform_many) void rp_from_uniform_many(ge_p3 *out, const uint8_t *in, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    fe t;
    ge_p3 a, b;
    fe_frombytes(t, in + 64 * i);
    elligator(&a, t);
    fe_frombytes(t, in + 64 * i + 32);
    elligator(&b, t);
    ge_p3_add(&out[i], &a, &b);
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Affine tables: (x, y) of the representative, 64 bytes per point, one shared inversion */

/* Montgomery's trick: zinv[i] = 1 / z_i for the Z of n points; `scratch` holds n field elements. */
static void batch_invert_z(fe *zinv, const ge_p3 *pts, uint32_t n, fe *scratch) {
  fe acc, inv, t;
  fe_1(acc);
  for (uint32_t i = 0; i < n; i++) {
    fe_copy(scratch[i], acc);
    fe_mul(acc, acc, pts[i].Z);
  }
  fe_invert(inv, acc);
  for (uint32_t i = n; i-- > 0;) {
    fe_mul(t, inv, scratch[i]);
    fe_mul(inv, inv, pts[i].Z);
    fe_copy(zinv[i], t);
  }
}

EXPORT(rp_to_affine_many) void rp_to_affine_many(uint8_t *out, const ge_p3 *in, uint32_t n, fe *scratch) {
  fe *zinv = scratch + n;
  batch_invert_z(zinv, in, n, scratch);
  for (uint32_t i = 0; i < n; i++) {
    fe x, y;
    fe_mul(x, in[i].X, zinv[i]);
    fe_mul(y, in[i].Y, zinv[i]);
    fe_tobytes(out + 64 * i, x);
    fe_tobytes(out + 64 * i + 32, y);
  }
}

/* Reads (x, y) pairs back; ok[i] = 0 for a coordinate >= p or a point off the curve. */
EXPORT(rp_from_affine_many) uint32_t rp_from_affine_many(ge_p3 *out, const uint8_t *in, uint32_t n, uint8_t *ok) {
  uint32_t good = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t back[32];
    uint32_t diff = 0;
    ge_p3 *p = &out[i];
    fe_frombytes(p->X, in + 64 * i);
    fe_tobytes(back, p->X);
    for (int k = 0; k < 32; k++) diff |= back[k] ^ in[64 * i + k];
    fe_frombytes(p->Y, in + 64 * i + 32);
    fe_tobytes(back, p->Y);
    for (int k = 0; k < 32; k++) diff |= back[k] ^ in[64 * i + 32 + k];
    fe_1(p->Z);
    fe_mul(p->T, p->X, p->Y);
    fe xx, yy, l, r;
    fe_sq(xx, p->X);
    fe_sq(yy, p->Y);
    fe_sub(l, yy, xx);
    fe_mul(r, p->T, p->T);
    fe_mul(r, r, FE_D);
    fe_1(xx);
    fe_add(r, r, xx);
    uint32_t v = (((diff - 1) >> 8) & 1) & fe_eq(l, r);
    ok[i] = (uint8_t)v;
    good += v;
  }
  return good;
}

/* Affine Niels forms (y + x, y - x, 2 d x y) of n points, one shared inversion. */
EXPORT(rp_to_niels_many) void rp_to_niels_many(ge_niels *out, const ge_p3 *in, uint32_t n, fe *scratch) {
  fe *zinv = scratch + n;
  batch_invert_z(zinv, in, n, scratch);
  for (uint32_t i = 0; i < n; i++) {
    fe x, y;
    fe_mul(x, in[i].X, zinv[i]);
    fe_mul(y, in[i].Y, zinv[i]);
    fe_add(out[i].ypx, y, x);
    fe_sub(out[i].ymx, y, x);
    fe_mul(x, x, y);
    fe_mul(out[i].xy2d, x, FE_D2);
    fe_carry(out[i].ypx, out[i].ypx);
    fe_carry(out[i].ymx, out[i].ymx);
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Constant-time scalar multiplication */

/* Signed radix-16 digits e[0..63] in [-8, 8] of a 32-byte scalar below 2^255. */
static void radix16(int8_t e[64], const uint8_t *a) {
  for (int i = 0; i < 32; i++) {
    e[2 * i] = a[i] & 15;
    e[2 * i + 1] = (a[i] >> 4) & 15;
  }
  int8_t carry = 0;
  for (int i = 0; i < 63; i++) {
    e[i] += carry;
    carry = (int8_t)((e[i] + 8) >> 4);
    e[i] -= (int8_t)(carry * 16);
  }
  e[63] += carry;
}

/* t = b * (table entries 1P .. 8P), b in [-8, 8], by scanning all eight entries. */
static void select_cached(ge_cached *t, const ge_cached table[8], int8_t b) {
  uint32_t neg = ct_negative(b);
  int32_t babs = b - 2 * ((-(int32_t)neg) & b);
  ge_cached_0(t);
  for (int k = 0; k < 8; k++) ge_cached_cmov(t, &table[k], ct_equal(babs, k + 1));
  ge_cached m;
  fe_copy(m.YpX, t->YmX);
  fe_copy(m.YmX, t->YpX);
  fe_copy(m.Z, t->Z);
  fe_neg(m.T2d, t->T2d);
  ge_cached_cmov(t, &m, neg);
}

static void select_niels(ge_niels *t, const ge_niels table[8], int8_t b) {
  uint32_t neg = ct_negative(b);
  int32_t babs = b - 2 * ((-(int32_t)neg) & b);
  ge_niels_0(t);
  for (int k = 0; k < 8; k++) ge_niels_cmov(t, &table[k], ct_equal(babs, k + 1));
  ge_niels m;
  fe_copy(m.ypx, t->ymx);
  fe_copy(m.ymx, t->ypx);
  fe_neg(m.xy2d, t->xy2d);
  ge_niels_cmov(t, &m, neg);
}

/* r = s * p for a secret scalar s < 2^255: 64 signed radix-16 digits, table 1P..8P, 4 doublings per digit. */
EXPORT(rp_mul_ct) void rp_mul_ct(ge_p3 *r, const ge_p3 *p, const uint8_t *s) {
  ge_cached table[8];
  ge_p3 acc, q;
  ge_p1p1 t;
  ge_p2 p2;
  int8_t e[64];
  radix16(e, s);
  ge_p3_to_cached(&table[0], p);
  q = *p;
  for (int k = 1; k < 8; k++) {
    ge_add_cached(&t, &q, &table[0]);
    ge_p1p1_to_p3(&q, &t);
    ge_p3_to_cached(&table[k], &q);
  }
  ge_p3_0(&acc);
  for (int i = 63; i >= 0; i--) {
    if (i != 63) {
      ge_p3_to_p2(&p2, &acc);
      ge_p2_dbl(&t, &p2);
      ge_p1p1_to_p2(&p2, &t);
      ge_p2_dbl(&t, &p2);
      ge_p1p1_to_p2(&p2, &t);
      ge_p2_dbl(&t, &p2);
      ge_p1p1_to_p2(&p2, &t);
      ge_p2_dbl(&t, &p2);
      ge_p1p1_to_p3(&acc, &t);
    }
    ge_cached c;
    select_cached(&c, table, e[i]);
    ge_add_cached(&t, &acc, &c);
    ge_p1p1_to_p3(&acc, &t);
  }
  *r = acc;
}

/*
 * Fixed-base table of a point B: table[j][k] = (k + 1) * 256^j * B in affine Niels form, j < 32, k < 8
 * (32 * 8 * 120 bytes). Multiplication by it (ref10's ge_scalarmult_base) needs 64 mixed additions and
 * 4 doublings, all constant time.
 */
#define TABLE_ENTRIES 256
EXPORT(rp_table_size) uint32_t rp_table_size(void) { return TABLE_ENTRIES * sizeof(ge_niels); }

EXPORT(rp_table_build) void rp_table_build(ge_niels *table, const ge_p3 *base, ge_p3 *scratch_pts, fe *scratch_fe) {
  ge_p3 row = *base;
  for (int j = 0; j < 32; j++) {
    ge_p3 cur = row;
    for (int k = 0; k < 8; k++) {
      scratch_pts[8 * j + k] = cur;
      ge_p3_add(&cur, &cur, &row);
    }
    /* next row = 256 * row = 16 * (16 * row) */
    for (int d = 0; d < 8; d++) ge_p3_dbl(&row, &row);
  }
  rp_to_niels_many(table, scratch_pts, TABLE_ENTRIES, scratch_fe);
}

/* acc += sum over digits e[start], e[start + 2], ... below `ndig` (a public count) against the table. */
static void table_half(ge_p3 *acc, const ge_niels *table, const int8_t e[64], int start, int ndig) {
  ge_niels t;
  ge_p1p1 r;
  for (int i = start; i < ndig; i += 2) {
    select_niels(&t, table + 8 * (i / 2), e[i]);
    ge_madd(&r, acc, &t);
    ge_p1p1_to_p3(acc, &r);
  }
}

static void times16(ge_p3 *h) {
  ge_p2 s;
  ge_p1p1 r;
  ge_p3_to_p2(&s, h);
  ge_p2_dbl(&r, &s);
  ge_p1p1_to_p2(&s, &r);
  ge_p2_dbl(&r, &s);
  ge_p1p1_to_p2(&s, &r);
  ge_p2_dbl(&r, &s);
  ge_p1p1_to_p2(&s, &r);
  ge_p2_dbl(&r, &s);
  ge_p1p1_to_p3(h, &r);
}

EXPORT(rp_mul_table_ct) void rp_mul_table_ct(ge_p3 *r, const ge_niels *table, const uint8_t *s) {
  int8_t e[64];
  radix16(e, s);
  ge_p3_0(r);
  table_half(r, table, e, 1, 64);
  times16(r);
  table_half(r, table, e, 0, 64);
}

/* v * G + r * H with G's and H's tables; v has at most `vdig` signed radix-16 digits (public: 64 for any
 * scalar, 13 for a value below 2^48), r has 64. Constant time in v and r. */
static void commit_one(ge_p3 *acc, const ge_niels *tg, const ge_niels *th, const uint8_t *v, const uint8_t *r, int vdig) {
  int8_t ev[64], er[64];
  radix16(ev, v);
  radix16(er, r);
  ge_p3_0(acc);
  table_half(acc, tg, ev, 1, vdig);
  table_half(acc, th, er, 1, 64);
  times16(acc);
  table_half(acc, tg, ev, 0, vdig);
  table_half(acc, th, er, 0, 64);
}

/* out[i] = v_i * G + r_i * H for n pairs of secret scalars (32 bytes each). */
EXPORT(rp_commit_many) void rp_commit_many(ge_p3 *out, const ge_niels *tg, const ge_niels *th, const uint8_t *v, const uint8_t *r, uint32_t n, uint32_t vdig) {
  for (uint32_t i = 0; i < n; i++) commit_one(&out[i], tg, th, v + 32 * i, r + 32 * i, (int)vdig);
}

/*
 * Encodings of 2 P_i for n points with one shared inversion (curve25519-dalek's double_and_compress_batch):
 * for a doubled point the square root in the encoding is known in closed form, so only the inverse of
 * e g f h is needed, where 2P = (e f : g h : f g : e h) with e = 2XY, f = Z^2 + d T^2, g = Y^2 + X^2,
 * h = Z^2 - d T^2. e g f h = 0 exactly when P is in the identity coset; such points encode as zero.
 * Constant time. scratch: 8 n field elements.
 */
static void double_encode_many(uint8_t *out, const ge_p3 *pts, uint32_t n, fe *scratch) {
  fe *E = scratch, *F = scratch + n, *Gs = scratch + 2 * n, *Hs = scratch + 3 * n, *EG = scratch + 4 * n, *FH = scratch + 5 * n;
  fe *inv = scratch + 6 * n, *pre = scratch + 7 * n;
  uint8_t *zero = (uint8_t *)(scratch + 8 * n);
  fe acc, t, one;
  fe_1(one);
  fe_1(acc);
  for (uint32_t i = 0; i < n; i++) {
    const ge_p3 *p = &pts[i];
    fe xx, yy, zz, dtt, y2;
    fe_sq(xx, p->X);
    fe_sq(yy, p->Y);
    fe_sq(zz, p->Z);
    fe_sq(dtt, p->T);
    fe_mul(dtt, dtt, FE_D);
    fe_add(y2, p->Y, p->Y);
    fe_mul(E[i], p->X, y2);
    fe_add(F[i], zz, dtt);
    fe_add(Gs[i], yy, xx);
    fe_sub(Hs[i], zz, dtt);
    fe_mul(EG[i], E[i], Gs[i]);
    fe_mul(FH[i], F[i], Hs[i]);
    fe_mul(t, EG[i], FH[i]);
    uint32_t z = fe_iszero(t);
    zero[i] = (uint8_t)z;
    fe_cmov(t, one, z);
    fe_copy(pre[i], acc);
    fe_mul(acc, acc, t);
    fe_copy(inv[i], t); /* keep the (patched) product for the backward pass */
  }
  fe ia;
  fe_invert(ia, acc);
  for (uint32_t i = n; i-- > 0;) {
    fe prod;
    fe_copy(prod, inv[i]);
    fe_mul(inv[i], ia, pre[i]); /* 1 / (e g f h)_i */
    fe_mul(ia, ia, prod);
  }
  for (uint32_t i = 0; i < n; i++) {
    fe zinv, tinv, magic, e, g, h, me, fs, s, u;
    fe_mul(zinv, EG[i], inv[i]);
    fe_mul(tinv, FH[i], inv[i]);
    fe_copy(magic, FE_INVSQRT_A_MINUS_D);
    fe_mul(u, EG[i], zinv);
    uint32_t neg1 = fe_isnegative(u);
    fe_copy(e, E[i]);
    fe_copy(g, Gs[i]);
    fe_copy(h, Hs[i]);
    fe_neg(me, E[i]);
    fe_mul(fs, F[i], FE_SQRT_M1);
    fe_cmov(e, Gs[i], neg1);
    fe_cmov(g, me, neg1);
    fe_cmov(h, fs, neg1);
    fe_cmov(magic, FE_SQRT_M1, neg1);
    fe_mul(u, h, e);
    fe_mul(u, u, zinv);
    fe_cneg(g, fe_isnegative(u));
    fe_sub(s, h, g);
    fe_mul(u, g, tinv);
    fe_mul(u, magic, u);
    fe_mul(s, s, u);
    fe_abs(s, s);
    fe_tobytes(out + 32 * i, s);
    uint8_t m = (uint8_t)(0 - (uint32_t)zero[i]);
    for (int k = 0; k < 32; k++) out[32 * i + k] &= (uint8_t)~m;
  }
}

EXPORT(rp_double_encode_many) void rp_double_encode_many(uint8_t *out, const ge_p3 *pts, uint32_t n, fe *scratch) {
  double_encode_many(out, pts, n, scratch);
}

/*
 * The meter's batch: C_i = v_i * G + r_i * H and their encodings, computed as C_i = 2 C'_i with
 * C'_i = v_i * (G/2) + r_i * (H/2) from the tables of G/2 and H/2, so that all n encodings share one
 * inversion instead of costing a square root each. out_pts gets C_i, out_enc the 32-byte encodings.
 * scratch: n points and 8 n field elements + n bytes. Constant time in v_i and r_i.
 */
EXPORT(rp_commit_encode_many) void rp_commit_encode_many(ge_p3 *out_pts, uint8_t *out_enc, const ge_niels *tg_half, const ge_niels *th_half, const uint8_t *v, const uint8_t *r, uint32_t n, uint32_t vdig, ge_p3 *half, fe *scratch) {
  for (uint32_t i = 0; i < n; i++) {
    commit_one(&half[i], tg_half, th_half, v + 32 * i, r + 32 * i, (int)vdig);
    ge_p3_dbl(&out_pts[i], &half[i]);
  }
  double_encode_many(out_enc, half, n, scratch);
}

/* ------------------------------------------------------------------------------------------------ */
/* Variable-time multi-scalar multiplication (public scalars only) */

static inline uint32_t scalar_bit(const uint8_t *s, int pos) { return pos < 256 ? (s[pos >> 3] >> (pos & 7)) & 1 : 0; }

/* Bits [pos, pos + w) of a 32-byte scalar, w <= 16; bits past 255 read as zero. */
static inline uint32_t scalar_bits(const uint8_t *s, int pos, int w) {
  uint32_t v = 0;
  int byte = pos >> 3, off = pos & 7;
  for (int k = 0; k < 4; k++) {
    int b = byte + k;
    if (b < 32) v |= (uint32_t)s[b] << (8 * k);
  }
  return (v >> off) & ((1u << w) - 1);
}

/* Width-5 NAF, digits odd in (-16, 16) or 0, naf[0..259]. */
static void wnaf5(int8_t *naf, const uint8_t *s) {
  for (int i = 0; i < 260; i++) naf[i] = 0;
  int pos = 0, carry = 0;
  while (pos < 258) {
    uint32_t bit = scalar_bit(s, pos);
    if ((int)bit == carry) { pos++; continue; }
    int v = (int)scalar_bits(s, pos, 5) + carry;
    if (v < 16) { naf[pos] = (int8_t)v; carry = 0; }
    else { naf[pos] = (int8_t)(v - 32); carry = 1; }
    pos += 5;
  }
}

static inline void niels_to_p3(ge_p3 *r, const ge_niels *q) {
  /* (4x : 4y : 4 : 4xy) from y + x and y - x. */
  fe x2, y2;
  fe_sub(x2, q->ypx, q->ymx);
  fe_add(y2, q->ypx, q->ymx);
  fe_add(r->X, x2, x2);
  fe_add(r->Y, y2, y2);
  fe_0(r->Z);
  r->Z[0] = 4;
  fe_mul(r->T, x2, y2);
  fe_carry(r->X, r->X);
  fe_carry(r->Y, r->Y);
}

/* Straus, for few points: one doubling chain, a table of odd multiples 1P..15P per point. scratch:
 * n * (8 cached + 260 digits). */
static void straus(ge_p3 *out, uint32_t n, const ge_niels *const *pts, const uint8_t *scalars, uint8_t *scratch) {
  ge_cached *tables = (ge_cached *)scratch;
  int8_t *nafs = (int8_t *)(tables + 8 * n);
  int top = -1;
  for (uint32_t i = 0; i < n; i++) {
    ge_p3 p, p2, cur;
    ge_cached c2;
    ge_p1p1 t;
    niels_to_p3(&p, pts[i]);
    ge_p3_dbl(&p2, &p);
    ge_p3_to_cached(&c2, &p2);
    ge_p3_to_cached(&tables[8 * i], &p);
    cur = p;
    for (int k = 1; k < 8; k++) {
      ge_add_cached(&t, &cur, &c2);
      ge_p1p1_to_p3(&cur, &t);
      ge_p3_to_cached(&tables[8 * i + k], &cur);
    }
    wnaf5(nafs + 260 * i, scalars + 32 * i);
    for (int b = 259; b > top; b--)
      if (nafs[260 * i + b] != 0) { top = b; break; }
  }
  ge_p3 acc;
  ge_p3_0(&acc);
  for (int b = top; b >= 0; b--) {
    ge_p3_dbl(&acc, &acc);
    for (uint32_t i = 0; i < n; i++) {
      int d = nafs[260 * i + b];
      if (d == 0) continue;
      ge_p1p1 t;
      if (d > 0) ge_add_cached(&t, &acc, &tables[8 * i + ((d - 1) >> 1)]);
      else ge_sub_cached(&t, &acc, &tables[8 * i + ((-d - 1) >> 1)]);
      ge_p1p1_to_p3(&acc, &t);
    }
  }
  *out = acc;
}

static uint32_t windows_for(uint32_t bits, uint32_t c) { return bits / c + 1; }

/* The Pippenger window minimising W(c) * (7n + 16 * 2^(c-1)) + doublings, capped at 15 (int16 digits). */
EXPORT(rp_msm_window) uint32_t rp_msm_window(uint32_t n, uint32_t bits) {
  uint32_t best = 1;
  double bestCost = 1e300;
  for (uint32_t c = 1; c <= 15; c++) {
    double w = windows_for(bits, c);
    double cost = w * (7.0 * n + 16.0 * (double)(1u << (c - 1)) + 7.0 * c);
    if (cost < bestCost) { bestCost = cost; best = c; }
  }
  return best;
}

#define STRAUS_BELOW 32

EXPORT(rp_msm_scratch) uint32_t rp_msm_scratch(uint32_t n, uint32_t bits, uint32_t c) {
  if (n < STRAUS_BELOW && c == 0) return n * (8 * sizeof(ge_cached) + 260) + 16;
  if (c == 0) c = rp_msm_window(n, bits);
  uint32_t W = windows_for(bits, c);
  return n * W * 2 + (1u << (c - 1)) * (sizeof(ge_p3) + 1) + 16;
}

/*
 * out = sum_i s_i * P_i. pts[i] points to the affine Niels form of P_i; scalars are 32 bytes each, below
 * 2^bits (bits <= 256). c = 0 picks the algorithm and window; c > 0 forces Pippenger with that window.
 * Pippenger: signed digits d_ij in [-2^(c-1), 2^(c-1)] with s_i = sum_j d_ij 2^(cj); per window, each
 * point goes into bucket |d| - 1 (negated if d < 0), and sum_k (k+1) B_k comes from running sums.
 */
EXPORT(rp_msm) void rp_msm(ge_p3 *out, uint32_t n, const ge_niels *const *pts, const uint8_t *scalars, uint32_t bits, uint32_t c, uint8_t *scratch) {
  if (n == 0) { ge_p3_0(out); return; }
  if (n < STRAUS_BELOW && c == 0) { straus(out, n, pts, scalars, scratch); return; }
  if (c == 0) c = rp_msm_window(n, bits);
  uint32_t W = windows_for(bits, c);
  int16_t *digits = (int16_t *)scratch;
  uint32_t nb = 1u << (c - 1);
  uintptr_t bo = ((uintptr_t)(digits + n * W) + 15) & ~(uintptr_t)15;
  ge_p3 *buckets = (ge_p3 *)bo;
  uint8_t *used = (uint8_t *)(buckets + nb);
  int32_t full = 1 << c, half = 1 << (c - 1);
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *s = scalars + 32 * i;
    int32_t carry = 0;
    for (uint32_t j = 0; j < W; j++) {
      int pos = (int)(j * c);
      int32_t v = (pos < 256 ? (int32_t)scalar_bits(s, pos, (int)c) : 0) + carry;
      carry = 0;
      if (v > half) { v -= full; carry = 1; }
      digits[j * n + i] = (int16_t)v;
    }
  }
  ge_p3 acc;
  ge_p3_0(&acc);
  int have = 0;
  for (uint32_t jj = W; jj-- > 0;) {
    if (have)
      for (uint32_t k = 0; k < c; k++) ge_p3_dbl(&acc, &acc);
    for (uint32_t k = 0; k < nb; k++) used[k] = 0;
    const int16_t *dj = digits + jj * n;
    for (uint32_t i = 0; i < n; i++) {
      int d = dj[i];
      if (d == 0) continue;
      uint32_t k = (uint32_t)((d < 0 ? -d : d) - 1);
      ge_p1p1 t;
      if (!used[k]) {
        niels_to_p3(&buckets[k], pts[i]);
        if (d < 0) rp_neg(&buckets[k], &buckets[k]);
        used[k] = 1;
      } else {
        if (d > 0) ge_madd(&t, &buckets[k], pts[i]);
        else ge_msub(&t, &buckets[k], pts[i]);
        ge_p1p1_to_p3(&buckets[k], &t);
      }
    }
    ge_p3 running, sum;
    int hr = 0, hs = 0;
    for (uint32_t k = nb; k-- > 0;) {
      if (used[k]) {
        if (hr) ge_p3_add(&running, &running, &buckets[k]);
        else { running = buckets[k]; hr = 1; }
      }
      if (hr) {
        if (hs) ge_p3_add(&sum, &sum, &running);
        else { sum = running; hs = 1; }
      }
    }
    if (hs) {
      if (have) ge_p3_add(&acc, &acc, &sum);
      else { acc = sum; have = 1; }
    }
  }
  *out = acc;
}

/* Sum of n points (for adding partial MSM results and the additions-only commitment A). */
EXPORT(rp_sum) void rp_sum(ge_p3 *out, const ge_p3 *in, uint32_t n) {
  ge_p3 acc;
  ge_p3_0(&acc);
  for (uint32_t i = 0; i < n; i++) ge_p3_add(&acc, &acc, &in[i]);
  *out = acc;
}

/* For the benchmark only: n chained field multiplications (or squarings) of the element at f, in place. */
EXPORT(rp_bench_fe) void rp_bench_fe(int32_t *f, uint32_t n, uint32_t square) {
  fe a, b;
  for (int i = 0; i < 10; i++) a[i] = b[i] = f[i];
  if (square)
    for (uint32_t i = 0; i < n; i++) fe_sq(a, a);
  else
    for (uint32_t i = 0; i < n; i++) fe_mul(a, a, b);
  for (int i = 0; i < 10; i++) f[i] = a[i];
}
#include "h2c.h"
