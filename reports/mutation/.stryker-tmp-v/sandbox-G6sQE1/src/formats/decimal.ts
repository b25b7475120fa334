/**
 * Exact decimal energy amounts → whole Wh. Utilities publish kWh with decimals ("0.12"); a bill is
 * computed from integers, so a value converts only when it is a whole number of Wh. Nothing is ever
 * rounded: JavaScript numbers would turn 0.29 kWh into 289.99999999999994 Wh.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { ImportError, quote } from './readings.js';

export type EnergyUnit = 'kWh' | 'Wh';

/** Wh per unit as a power of ten. */
const SCALE: Record<EnergyUnit, number> = { kWh: 3, Wh: 0 };

/** "kWh", "KWH", "wh" → the unit; anything else → undefined. */
export function energyUnit(text: string): EnergyUnit | undefined {
  const t = text.trim().toLowerCase();
  return t === 'kwh' ? 'kWh' : t === 'wh' ? 'Wh' : undefined;
}

/**
 * Parses a non-negative decimal ("0.12", "3", "1.500") in `unit` to whole Wh, or throws an ImportError
 * that names `name`, the value and `where`. Digits only: no sign, exponent, thousands separator or hex.
 */
export function decimalToWh(text: string, unit: EnergyUnit, name: string, where: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) {
    if (/^-\s*\d/.test(text)) {
      throw new ImportError(
        `${name} ${quote(text)} is negative (energy sent to the grid); a net amount cannot be split into import and export`,
        where,
      );
    }
    throw new ImportError(`${name} ${quote(text)} is not a non-negative decimal number of ${unit}`, where);
  }
  const scale = SCALE[unit];
  const fraction = m[2] ?? '';
  // Digits past the scale must be zeros: 0.1234 kWh is 123.4 Wh, not a whole number.
  if (/[1-9]/.test(fraction.slice(scale))) {
    throw new ImportError(`${name} ${quote(text)} ${unit} is not a whole number of Wh; values are never rounded`, where);
  }
  const digits = m[1]! + fraction.slice(0, scale).padEnd(scale, '0');
  const wh = BigInt(digits);
  if (wh > BigInt(Number.MAX_SAFE_INTEGER)) throw new ImportError(`${name} ${quote(text)} ${unit} is too large`, where);
  return Number(wh);
}

/**
 * The same for a JSON number, which has lost its text: String() gives the shortest decimal that reads
 * back as the same double, which is what the file said for any amount a meter records (a few decimals).
 */
export function numberToWh(value: unknown, unit: EnergyUnit, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ImportError(`${name} is ${value === null ? 'null' : typeof value === 'string' ? `the text ${quote(value)}` : `not a number`}; expected a number of ${unit}`, where);
  }
  if (value < 0) return decimalToWh(`-${-value}`, unit, name, where);
  const text = String(value);
  // Exponent forms: tiny (1e-7) values are not whole Wh, huge (1e+21) ones are too large.
  if (/e/i.test(text)) {
    if (value === 0) return 0;
    throw new ImportError(`${name} ${text} ${unit} is ${value < 1 ? 'not a whole number of Wh' : 'too large'}`, where);
  }
  return decimalToWh(text, unit, name, where);
}
