/*
 * SHA-256 and SHA-512 (FIPS 180-4), one-shot over a message in linear memory: the record hash chain,
 * openings and derived scalars hash many short messages, and here each costs one call.
 */
#include "sha2_consts.h"

static inline uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static inline uint64_t ror64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static void sha256_block(uint32_t h[8], const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i];
    uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha512_block(uint64_t h[8], const uint8_t *p) {
  uint64_t w[80];
  for (int i = 0; i < 16; i++) {
    uint64_t v = 0;
    for (int b = 0; b < 8; b++) v = (v << 8) | p[8 * i + b];
    w[i] = v;
  }
  for (int i = 16; i < 80; i++) {
    uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^ (w[i - 15] >> 7);
    uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^ (w[i - 2] >> 6);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 80; i++) {
    uint64_t t1 = k + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) + ((e & f) ^ (~e & g)) + SHA512_K[i] + w[i];
    uint64_t t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

/* Finishes SHA-256 from state h after `done` bytes (a multiple of 64) of a len-byte message, in = the rest. */
static void sha256_finish(uint8_t *out, uint32_t h[8], const uint8_t *in, uint32_t done, uint32_t len) {
  uint8_t last[128];
  uint32_t rest = len - done;
  uint32_t full = rest & ~63u;
  for (uint32_t o = 0; o < full; o += 64) sha256_block(h, in + o);
  uint32_t rem = rest - full;
  uint32_t pad = rem < 56 ? 64 : 128;
  for (uint32_t i = 0; i < pad; i++) last[i] = 0;
  for (uint32_t i = 0; i < rem; i++) last[i] = in[full + i];
  last[rem] = 0x80;
  uint64_t bits = (uint64_t)len * 8;
  for (int i = 0; i < 8; i++) last[pad - 1 - i] = (uint8_t)(bits >> (8 * i));
  for (uint32_t o = 0; o < pad; o += 64) sha256_block(h, last + o);
  for (int i = 0; i < 8; i++)
    for (int b = 0; b < 4; b++) out[4 * i + b] = (uint8_t)(h[i] >> (24 - 8 * b));
}

/* out = SHA-256(in[0..len)). */
EXPORT(rp_sha256) void rp_sha256(uint8_t *out, const uint8_t *in, uint32_t len) {
  uint32_t h[8];
  for (int i = 0; i < 8; i++) h[i] = SHA256_H0[i];
  sha256_finish(out, h, in, 0, len);
}

/* Finishes SHA-512 from state h after `done` bytes (a multiple of 128) of a len-byte message, in = the rest. */
static void sha512_finish(uint8_t *out, uint64_t h[8], const uint8_t *in, uint32_t done, uint32_t len) {
  uint8_t last[256];
  uint32_t rest = len - done;
  uint32_t full = rest & ~127u;
  for (uint32_t o = 0; o < full; o += 128) sha512_block(h, in + o);
  uint32_t rem = rest - full;
  uint32_t pad = rem < 112 ? 128 : 256;
  for (uint32_t i = 0; i < pad; i++) last[i] = 0;
  for (uint32_t i = 0; i < rem; i++) last[i] = in[full + i];
  last[rem] = 0x80;
  uint64_t bits = (uint64_t)len * 8;
  for (int i = 0; i < 8; i++) last[pad - 1 - i] = (uint8_t)(bits >> (8 * i));
  for (uint32_t o = 0; o < pad; o += 128) sha512_block(h, last + o);
  for (int i = 0; i < 8; i++)
    for (int b = 0; b < 8; b++) out[8 * i + b] = (uint8_t)(h[i] >> (56 - 8 * b));
}

/* out = SHA-512(in[0..len)). */
EXPORT(rp_sha512) void rp_sha512(uint8_t *out, const uint8_t *in, uint32_t len) {
  uint64_t h[8];
  for (int i = 0; i < 8; i++) h[i] = SHA512_H0[i];
  sha512_finish(out, h, in, 0, len);
}

/* out[32 i ..] = SHA-256(in[len i .. len (i + 1))) for n messages of one length: one call for a batch. */
EXPORT(rp_sha256_many) void rp_sha256_many(uint8_t *out, const uint8_t *in, uint32_t n, uint32_t len) {
  for (uint32_t i = 0; i < n; i++) rp_sha256(out + 32 * i, in + (uint64_t)len * i, len);
}

/* out[64 i ..] = SHA-512(in[len i .. len (i + 1))) for n messages of one length. */
EXPORT(rp_sha512_many) void rp_sha512_many(uint8_t *out, const uint8_t *in, uint32_t n, uint32_t len) {
  for (uint32_t i = 0; i < n; i++) rp_sha512(out + 64 * i, in + (uint64_t)len * i, len);
}

/*
 * A hash chain in one call: h_i = SHA-256(m_i) where m_i is message i (n messages of one length) with
 * bytes [prev_at, prev_at + 32) replaced by h_{i-1} for i > 0 (message 0 carries its own). out gets
 * every h_i. The meter's records chain this way: each record's hash names the one before it. The
 * first `same` bytes are the same in every message (the caller says so: a record's domain, meter and
 * layout), so the state after their whole blocks is computed once: a quarter of a record's blocks.
 */
EXPORT(rp_sha256_chain) void rp_sha256_chain(uint8_t *out, uint8_t *in, uint32_t n, uint32_t len, uint32_t prev_at, uint32_t same) {
  uint32_t mid[8], h[8];
  uint32_t done = (same < prev_at ? same : prev_at) & ~63u;
  for (int i = 0; i < 8; i++) mid[i] = SHA256_H0[i];
  for (uint32_t o = 0; o < done; o += 64) sha256_block(mid, in + o);
  for (uint32_t i = 0; i < n; i++) {
    uint8_t *m = in + (uint64_t)len * i;
    if (i > 0)
      for (int k = 0; k < 32; k++) m[prev_at + k] = out[32 * (i - 1) + k];
    for (int k = 0; k < 8; k++) h[k] = mid[k];
    sha256_finish(out + 32 * i, h, m + done, done, len);
  }
}
