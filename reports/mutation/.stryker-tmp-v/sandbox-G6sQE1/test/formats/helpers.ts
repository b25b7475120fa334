// @ts-nocheck
import { expect } from 'vitest';
import { ImportError } from '../../src/formats/readings.js';

/** Runs `fn`, expects it to throw an ImportError, and returns it for checks on its message. */
export function importError(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}
