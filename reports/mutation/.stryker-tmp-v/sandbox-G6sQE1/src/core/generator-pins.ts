/**
 * The range-proof generator table, pinned. Generators derived anywhere but in this process's own code
 * (a disk cache, another thread) are accepted only in whole chunks whose digest is listed here; see
 * docs/generators.md for what is hashed, where it is checked, and why that is enough.
 *
 *   pin(name, c) = SHA-256( x_i ‖ y_i  for i = c·4096 … c·4096 + 4095 )
 *
 * where (x_i, y_i) are the affine twisted-Edwards coordinates, 32 bytes little-endian each, reduced into
 * [0, p), of generator i = hash_to_ristretto255("meterproof/v1/<name>/<i>") as RFC 9496's element
 * derivation returns it (MAP(b[0:32]) + MAP(b[32:64]), DST "meterproof/v1/generators"). These are exactly
 * the 64-byte entries of `toAffineBytes` (src/core/msm.ts), so a chunk of a cache file's body hashes to its
 * pin with any SHA-256 tool. `PEDERSEN_PIN` = SHA-256(G ‖ H) over the 32-byte ristretto255 encodings of
 * the Pedersen generators.
 *
 * Recomputed from the derivation by test/core/generator-pins.test.ts (one chunk by default, all of them
 * with `npm run pins:check`), with noble's hash_to_ristretto255 and with an independent implementation of
 * the RFC text (test/core/rfc9496-reference.ts). Changing a label, the DST or the number of generators is a
 * protocol change: regenerate these deliberately and say so in the commit message.
 */
// @ts-nocheck


/** Generators per pinned chunk. Tables are accepted in whole chunks only. */
export const GENERATOR_CHUNK = 4096;

/** Pinned chunks per vector: 12 × 4,096 = 49,152 = RANGE_CHUNK_BITS, the most any range proof uses. */
export const PINNED_CHUNKS = 12;

/** Generators per vector covered by the pins. */
export const PINNED_GENERATORS = GENERATOR_CHUNK * PINNED_CHUNKS;

/** SHA-256 of each chunk of 4,096 generators of the range proofs' vectors 𝐆 = 'bp/G' and 𝐇 = 'bp/H'. */
export const GENERATOR_PINS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'bp/G': Object.freeze([
    'af06060e868dd4cb5c6bce352a6d4220972fd4f19f747ffaee30c0ce8a83aa16',
    'bc1002f506c4903a95123990e54499a7177c4692002e7190c3add56438caeae8',
    'ce46dc4ca7be43881d31c27cca47cd91e71d318372b65cec062b4250d22a5736',
    '6e9d1573ee053bd922adef43883f7e96bb5feae97dc84139c62b5433323a4f19',
    'a7697c796ffeac2e8617e6e4596744adbfafe0b4a6864c834af39caedd2f393b',
    '2db305a5a894fa981249ffdd32c82591fed5ca6c19c104c812fb9174fffe2682',
    '73f016b1a88a52f9a4b6d20e98c963b58dec412156d1857ff0827533b3f10fe9',
    '7427b515a4d278e058809730d05d129c65754ea0038bd8c3c54df47d8a1062d5',
    '0aed2bc5af108b9796d909df2632a18963fd20c895c499cd12083a552630e13e',
    'fd6bacd0202a29ca0a1340445f6e2726e978124f5e91312d09243baf0c24981b',
    '67bfc204bd0879163c99d0bc65e149d27dcd6092b02c2e13b88bd9b6879337ac',
    '8fab6906deba1f385a8d3a6b1d9d8ed24a9bc15b09a20e1967bb02c032cb92b6',
  ]),
  'bp/H': Object.freeze([
    'bb80ef7de3a98ec2ee8e5c2770297c91ad7c5cad7c67867cdea72f3130775156',
    'f64358b70d207de140e35c31da4148a200a34da9a1e194dbb49b13899c4c5899',
    '108b104a1ebfd52b1c09ee6f2556b7c80524d7964bc889fc2f3edfc8047ef0f9',
    '7eba14d07b448f723bda59872008c51d4ce29b533fffbee52604cc245eebe0ca',
    '88327ed99c866ed2e2912c12573b928eaf86c371a39b5545491542960c8c3712',
    'f36d3310069dcdb11b94cee8ee34cb66c41b1fe3abea07adb9c99c68d321dcfd',
    'ac0ee598ea99b1a916ebd6df8059028c946394abcb565284e16342e1bd93e591',
    '8c618695fe9b982c3c7439389f5e3ea5febbc9e963b151d7f932b94d9896bc78',
    '73af28526a146c17378fb597e64b5dacca20ab02be78b18cc6d85c3cf2e0128b',
    '3f6a6c1d1cdad3e2893605fa826007b6b26a964218b13dc85fb56c61bdf0ce93',
    'f7ebe93b0492d5ff68b31434d9cb57d2659bd6e7a0809fbf1f99720505e0a14f',
    '87fcf37c6899e1953e7296cbc0025760b0a45b28a5174bc10e20fc050390e109',
  ]),
});

/**
 * SHA-256(G ‖ H) of the 32-byte encodings of the base point G (e2f2ae0a…2d76, RFC 9496) and
 * H = hash_to_ristretto255("meterproof/v1/H") (0840b2ec…5a25).
 */
export const PEDERSEN_PIN = '5cb4c5776a01ae4dfc5247bcdd5b28b46b352e4bf4fef11dcf9e35d56bfb8dda';
