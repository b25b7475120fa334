/*
 * hash_to_ristretto255 (RFC 9380 section 5.3.1 expand_message_xmd with SHA-512, RFC 9496 section 4.3.4
 * element derivation) for many messages of one length in one call: the range proofs' generator vectors
 * are 2 x 49,152 of them, derived once per machine (and on every page load of a browser without a cache).
 *
 * For 64 output bytes and SHA-512 (b_in_bytes = 64, r_in_bytes = 128), ell = 1:
 *   DST'       = DST || I2OSP(len(DST), 1)                      (the caller passes DST', len(DST) <= 255)
 *   msg'       = Z_pad || msg || I2OSP(64, 2) || I2OSP(0, 1) || DST',  Z_pad = 128 zero bytes
 *   b_0        = SHA-512(msg'),   uniform = b_1 = SHA-512(b_0 || I2OSP(1, 1) || DST')
 *   point      = MAP(uniform[0..32)) + MAP(uniform[32..64))
 * Z_pad is exactly one SHA-512 block, so the state after it is computed once for the batch. Public
 * inputs only (labels); nothing here needs to be constant time, and it is anyway.
 * scratch: 2 * (len + dstp_len + 67) bytes (no need for more: no message is copied whole).
 */
EXPORT(rp_hash_to_group_many) void rp_hash_to_group_many(ge_p3 *out, const uint8_t *msgs, uint32_t n, uint32_t len, const uint8_t *dstp, uint32_t dstp_len, uint8_t *scratch) {
  uint64_t zpad[8], h[8];
  uint8_t zero[128];
  for (int i = 0; i < 128; i++) zero[i] = 0;
  for (int i = 0; i < 8; i++) zpad[i] = SHA512_H0[i];
  sha512_block(zpad, zero);
  uint8_t *m0 = scratch;                   /* msg || I2OSP(64, 2) || 0 || DST' */
  uint8_t *m1 = scratch + len + 3 + dstp_len; /* b_0 || 1 || DST' */
  for (uint32_t k = 0; k < dstp_len; k++) {
    m0[len + 3 + k] = dstp[k];
    m1[65 + k] = dstp[k];
  }
  m0[len] = 0;
  m0[len + 1] = 64;
  m0[len + 2] = 0;
  m1[64] = 1;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t uniform[64];
    for (uint32_t k = 0; k < len; k++) m0[k] = msgs[(uint64_t)len * i + k];
    for (int k = 0; k < 8; k++) h[k] = zpad[k];
    sha512_finish(m1, h, m0, 128, 128 + len + 3 + dstp_len); /* b_0, written where m1 wants it */
    rp_sha512(uniform, m1, 65 + dstp_len);
    fe t;
    ge_p3 a, b;
    fe_frombytes(t, uniform);
    elligator(&a, t);
    fe_frombytes(t, uniform + 32);
    elligator(&b, t);
    ge_p3_add(&out[i], &a, &b);
  }
}
