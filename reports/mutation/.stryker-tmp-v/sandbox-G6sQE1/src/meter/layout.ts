/**
 * The meter's register layout: the unit it counts in and the names of its registers, in the order every
 * record commits to them (["import", "export"] for net metering, road classes for pay-as-you-drive).
 * The meter signs it: every record's hash includes the layout digest
 *
 *   L = SHA-256(frame("meterproof/v1/layout") ‖ frame(unit) ‖ frame(u8 K) ‖ frame(name_1) ‖ … ‖ frame(name_K))
 *
 * (record.ts), so a run of records authenticates its layout exactly as it authenticates its
 * commitments: whoever renames a register (export figures labelled import) or changes the unit breaks
 * the chain. A bill or a disclosure carries the layout once, the verifier recomputes L and the chain with
 * it, and then checks it against what the amounts are priced or asked as: the tariff (tariffLayoutFault)
 * or the query (queryLayoutFault).
 */
// @ts-nocheck

import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { framed, uintLE, utf8 } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { UNIT_HINT, UNIT_RE } from '../core/unit.js';

export const LAYOUT_DOMAIN = 'meterproof/v1/layout';

export { UNIT_RE } from '../core/unit.js';
/** A register name: 1 to 64 characters, no control characters. */
export const REGISTER_NAME_RE = /^[^\p{Cc}]{1,64}$/u;
export const MAX_REGISTERS = 255;

/**
 * The register a tariff that names no registers prices: a one-register meter's, which every importer
 * calls `import`. A meter with any other layout must be billed under a tariff that names its registers.
 */
export const UNNAMED_TARIFF_REGISTERS: readonly string[] = ['import'];

export const UnitSchema = z.string().regex(UNIT_RE, UNIT_HINT);
export const RegisterNamesSchema = z
  .array(z.string().regex(REGISTER_NAME_RE, 'a register name: 1 to 64 characters, no control characters'))
  .min(1)
  .max(MAX_REGISTERS)
  .refine((names) => new Set(names).size === names.length, 'the register names must differ');

/** The layout as bills and disclosures carry it. */
export const LayoutSchema = z.object({ unit: UnitSchema, registers: RegisterNamesSchema }).strict();

export interface RegisterLayout {
  readonly unit: string;
  readonly registers: readonly string[];
}

/** L, the digest every record's hash includes. The caller has validated the layout (LayoutSchema). */
export function layoutDigest(l: RegisterLayout): Uint8Array {
  const h = sha256.create();
  h.update(framed(utf8(LAYOUT_DOMAIN)));
  h.update(framed(utf8(l.unit)));
  h.update(framed(uintLE(l.registers.length, 1)));
  for (const name of l.registers) h.update(framed(utf8(name)));
  return h.digest();
}

/** Throws MeterproofError('meter.invalid') naming the first problem of a layout given to the meter. */
export function checkLayout(l: { unit: unknown; registers: unknown }): RegisterLayout {
  const r = LayoutSchema.safeParse(l);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const where = i.path.length === 0 ? 'layout' : i.path[0] === 'unit' ? `unit ${JSON.stringify(l.unit)}` : `registers${i.path.length > 1 ? ` (name ${String(i.path[1])})` : ''}`;
    throw new MeterproofError('meter.invalid', `${where}: ${i.message}`);
  }
  return r.data;
}

const list = (names: readonly string[]) => `[${names.join(', ')}]`;
const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, k) => n === b[k]);

export interface LayoutFault {
  readonly reason: 'meter.unit' | 'meter.registers';
  readonly detail: string;
}

/**
 * Whether amounts of this layout are what the tariff prices: the same unit, and the registers the
 * tariff names, in its order (components name registers by index). A tariff that names no registers
 * prices one register, `import` (UNNAMED_TARIFF_REGISTERS): with several registers, or one of another
 * name, index 0 could be anything (export, a road class), so the tariff must say what it prices.
 * `have` names the layout's source in the message ("the meter", "the meter log").
 */
export function tariffLayoutFault(l: RegisterLayout, tariff: { readonly unit: string; readonly registers?: readonly string[] | undefined }, have: string): LayoutFault | null {
  if (l.unit !== tariff.unit) return { reason: 'meter.unit', detail: `${have} counts in ${l.unit}, but the tariff prices ${tariff.unit}` };
  if (tariff.registers !== undefined) {
    if (!sameNames(tariff.registers, l.registers)) {
      return { reason: 'meter.registers', detail: `the tariff prices registers ${list(tariff.registers)} in that order, but ${have} has ${list(l.registers)}` };
    }
  } else if (!sameNames(UNNAMED_TARIFF_REGISTERS, l.registers)) {
    return {
      reason: 'meter.registers',
      detail: `the tariff names no registers, so it prices one register, ${UNNAMED_TARIFF_REGISTERS[0]}, but ${have} has ${list(l.registers)}: a tariff for this meter must name the registers it prices`,
    };
  }
  return null;
}

/** Whether the query asks about the registers of this layout, by the same names in the same order. */
export function queryLayoutFault(l: RegisterLayout, query: { readonly registers: readonly string[] }, have: string): (LayoutFault & { reason: 'meter.registers' }) | null {
  if (sameNames(query.registers, l.registers)) return null;
  return { reason: 'meter.registers', detail: `the query names registers ${list(query.registers)}, but ${have} has ${list(l.registers)}` };
}
