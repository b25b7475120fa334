/**
 * Exact decimal money. An amount is a bigint count of 10^-scale currency units; nothing here uses
 * floating point. Parsing a decimal that is not exact at the scale is an error, never a rounding.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';

const DECIMAL_RE = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** Number of decimal places a decimal string needs (trailing zeros ignored): "0.07530" → 4. */
export function decimalPlaces(text: string): number {
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new MeterproofError('money.invalid', `"${text}" is not a decimal number`);
  return (m[3] ?? '').replace(/0+$/, '').length;
}

/** "12.345" at scale 9 → 12345000000n. Throws if the text has more significant decimals than `scale`. */
export function parseDecimal(text: string, scale: number): bigint {
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new MeterproofError('money.invalid', `"${text}" is not a decimal number`);
  const [, sign, int, frac0 = ''] = m;
  const frac = frac0.replace(/0+$/, '');
  if (frac.length > scale) {
    throw new MeterproofError('money.inexact', `${text} is not exact in units of 10^-${scale}`);
  }
  const v = BigInt(int!) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
  return sign === '-' ? -v : v;
}

/** 12345000000n at scale 9 → "12.345000000": always exactly `scale` decimals, so the text is canonical. */
export function formatDecimal(amount: bigint, scale: number): string {
  const neg = amount < 0n;
  const a = neg ? -amount : amount;
  const unit = 10n ** BigInt(scale);
  const int = (a / unit).toString();
  const frac = scale > 0 ? '.' + (a % unit).toString().padStart(scale, '0') : '';
  return (neg ? '-' : '') + int + frac;
}

/**
 * Converts a JS number from a JSON source (URDB's 0.07531) to its shortest exact decimal text.
 * JS prints the shortest string that round-trips, which is the decimal the publisher wrote.
 */
export function numberToDecimalText(x: number): string {
  if (!Number.isFinite(x)) throw new MeterproofError('money.invalid', `${x} is not a finite number`);
  const s = String(x);
  if (!/e/i.test(s)) return s;
  // Expand exponent notation exactly (1e-7 → "0.0000001").
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) throw new MeterproofError('money.invalid', `cannot read ${s} as a decimal`);
  const [, sign, d, f = '', e] = m;
  const digits = d! + f;
  const exp = Number(e) - f.length;
  if (exp >= 0) return sign + digits + '0'.repeat(exp);
  const pad = digits.padStart(-exp + 1, '0');
  const cut = pad.length + exp;
  return `${sign}${pad.slice(0, cut)}.${pad.slice(cut)}`;
}

/** Rounds an amount at `scale` to `decimals` places by the tariff's public rule. */
export function roundAmount(amount: bigint, scale: number, decimals: number, mode: 'half-up' | 'half-even'): bigint {
  if (decimals >= scale) return amount * 10n ** BigInt(decimals - scale);
  const div = 10n ** BigInt(scale - decimals);
  const neg = amount < 0n;
  const a = neg ? -amount : amount;
  let q = a / div;
  const r = a % div;
  const twice = 2n * r;
  if (twice > div || (twice === div && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  return neg ? -q : q;
}
