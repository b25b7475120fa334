/** Readings are integers in [0, 2^READING_BITS). */
export const READING_BITS = 48;
export const READING_MAX = 2n ** 48n - 1n;

/** The most records one bill or disclosure may carry. */
export const RECORDS_MAX = 2 ** 20;
