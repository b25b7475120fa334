/**
 * One error type with a stable `code`, so callers branch on codes, not on message text.
 * Messages never carry secrets (readings, openings, seeds, keys).
 */
// @ts-nocheck

export class MeterproofError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'MeterproofError';
    this.code = code;
  }
}

/** Raised by decoders for bytes that are not a canonical encoding. */
export class EncodingError extends MeterproofError {
  constructor(code: 'encoding.point' | 'encoding.scalar' | 'encoding.bytes', message: string) {
    super(code, message);
    this.name = 'EncodingError';
  }
}
