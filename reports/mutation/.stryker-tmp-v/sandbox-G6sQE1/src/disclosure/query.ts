/**
 * A disclosure query (PROTOCOL.md section 7): which facts about a meter's signed records the user agrees
 * to reveal, and to whom (the consent, consent.ts). A query is a versioned JSON document; its digest is
 * SHA-256 of its RFC 8785 canonical form, so the consent signs exactly these facts.
 *
 * Records are named by their start instant, written as ISO 8601 with seconds and an explicit offset
 * ("2012-03-01T10:00:00-08:00" or "…Z"): that is what a recipient means by "the reading at 10:00", and
 * sequence numbers are the meter's bookkeeping. Windows are half-open, [from, to), and must fall on
 * record boundaries: a window that splits a record cannot be answered exactly, so it is refused.
 *
 * Items, and the facts they expand to (one answer each):
 *   reading    the value of one record                         → an integer
 *   sum        Σ over a window                                  → an integer
 *   daily      Σ per local calendar day over whole days         → one sum per day
 *   linear     c_0 + Σ c_i·x_i over named records               → an integer
 *   threshold  x ≥ T, for one record or a window's total        → a boolean
 *   max        max over a window                                → an integer
 */
// @ts-nocheck

import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { utf8 } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { canonicalJson } from '../core/jcs.js';
import { isoUtc } from '../core/time.js';
import { METER_ID_RE } from '../meter/record.js';
import { assertTimeZone, daysInMonth, startOfLocalDay } from '../tariff/calendar.js';

export const QUERY_TYPE = 'meterproof/query';

/** An instant: ISO 8601, seconds, and Z or ±hh:mm (never −00:00, "offset unknown" in RFC 3339). */
export const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|([+-])(\d{2}):(\d{2}))$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Coefficients: integers with |c| < 10^15, so a linear value stays far below 2^127 (see statement.ts). */
const COEFFICIENT_RE = /^-?(0|[1-9][0-9]{0,14})$/;
/** Thresholds: integers in [0, 10^18) < 2^63, so both range directions fit 64 bits. */
const THRESHOLD_RE = /^(0|[1-9][0-9]{0,17})$/;

/** The most facts a query may expand to, and the longest daily series: bound a hostile query's work. */
export const MAX_FACTS = 4096;
export const MAX_DAYS = 400;
export const MAX_TERMS = 4096;

const Instant = z.string().regex(INSTANT_RE, 'an ISO 8601 instant with seconds and an offset, such as 2012-03-01T10:00:00-08:00');
const Day = z.string().regex(DAY_RE, 'a date YYYY-MM-DD');
const Register = z.string().min(1).max(64);

const Reading = z.object({ kind: z.literal('reading'), at: Instant, register: Register.optional() }).strict();
const Sum = z.object({ kind: z.literal('sum'), from: Instant, to: Instant, register: Register.optional() }).strict();
const Daily = z.object({ kind: z.literal('daily'), from: Day, to: Day, timezone: z.string().min(1).max(64), register: Register.optional() }).strict();
const Linear = z
  .object({
    kind: z.literal('linear'),
    terms: z.array(z.object({ at: Instant, coefficient: z.string().regex(COEFFICIENT_RE, 'an integer with at most 15 digits'), register: Register.optional() }).strict()).min(1).max(MAX_TERMS),
    constant: z.string().regex(COEFFICIENT_RE, 'an integer with at most 15 digits').optional(),
  })
  .strict();
const Threshold = z
  .object({
    kind: z.literal('threshold'),
    at: Instant.optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    threshold: z.string().regex(THRESHOLD_RE, 'a non-negative integer with at most 18 digits'),
    register: Register.optional(),
  })
  .strict()
  .refine((t) => (t.at !== undefined) !== (t.from !== undefined && t.to !== undefined) && (t.from === undefined) === (t.to === undefined), {
    message: 'a threshold names either one record (at) or a window (from and to)',
  });
const Max = z.object({ kind: z.literal('max'), from: Instant, to: Instant, register: Register.optional() }).strict();

export const QueryItemSchema = z.union([Reading, Sum, Daily, Linear, Threshold, Max]);

export const QuerySchema = z
  .object({
    v: z.literal(1),
    type: z.literal(QUERY_TYPE),
    meter: z.string().regex(METER_ID_RE, 'letters, digits and . _ : - (1 to 64)'),
    /** The meter's register names, in the order its records commit to them (as in its log). */
    registers: z.array(Register).min(1).max(255),
    items: z.array(QueryItemSchema).min(1).max(MAX_FACTS),
  })
  .strict();

export type Query = z.infer<typeof QuerySchema>;
export type QueryItem = z.infer<typeof QueryItemSchema>;

/** A half-open window [from, to) of Unix seconds. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

interface FactBase {
  /** Index of the query item this fact comes from (a daily item gives several facts). */
  readonly item: number;
  readonly register: number;
  /** Human-readable: what the answer is about. */
  readonly label: string;
}

/** One answerable fact: a query after expansion. */
export type Fact =
  | (FactBase & { readonly kind: 'reading'; readonly at: number })
  | (FactBase & { readonly kind: 'sum'; readonly window: Window })
  | (FactBase & { readonly kind: 'linear'; readonly terms: readonly { at: number; register: number; c: bigint }[]; readonly constant: bigint })
  | (FactBase & { readonly kind: 'threshold'; readonly target: { at: number } | Window; readonly threshold: bigint })
  | (FactBase & { readonly kind: 'max'; readonly window: Window });

function invalid(message: string): never {
  throw new MeterproofError('query.invalid', message);
}

/** Parses an ISO 8601 instant strictly (INSTANT_RE, a real date and time): Unix seconds. */
export function parseInstant(text: string, what = 'instant'): number {
  const m = INSTANT_RE.exec(text);
  if (!m) invalid(`${what} "${text}": use ISO 8601 with seconds and an offset, such as 2012-03-01T10:00:00-08:00`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) invalid(`${what} "${text}": no such date or time`);
  let offset = 0;
  if (m[7] !== 'Z') {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 18 || om > 59 || (oh === 0 && om === 0 && m[8] === '-')) invalid(`${what} "${text}": not a valid UTC offset`);
    offset = (m[8] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000 - offset;
}

function parseDay(text: string, what: string): [number, number, number] {
  const m = DAY_RE.exec(text);
  if (!m) invalid(`${what} "${text}": use YYYY-MM-DD`);
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) invalid(`${what} "${text}": no such date`);
  return [y, mo, d];
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

const dayText = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Validates a query document; throws MeterproofError('query.invalid') naming the first problem. */
export function parseQuery(json: unknown): Query {
  const r = QuerySchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    invalid(`query: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  if (new Set(r.data.registers).size !== r.data.registers.length) invalid('query: registers: the names must differ');
  return r.data;
}

/** SHA-256 of the query's RFC 8785 canonical JSON: what the consent signs. */
export function queryDigest(q: Query): Uint8Array {
  return sha256(utf8(canonicalJson(q)));
}

/**
 * Expands a query into its facts, in item order (a daily item into one sum per local day, in date
 * order). Deterministic: the same query gives the same facts on every machine, since day boundaries
 * come from the time-zone database (startOfLocalDay), which handles 23- and 25-hour days.
 */
export function expandQuery(q: Query): Fact[] {
  const facts: Fact[] = [];
  const reg = (name: string | undefined, where: string): number => {
    if (name === undefined) return 0;
    const k = q.registers.indexOf(name);
    if (k < 0) invalid(`${where}: no register "${name}" (the query lists ${q.registers.join(', ')})`);
    return k;
  };
  const window = (from: string, to: string, where: string): Window => {
    const w = { from: parseInstant(from, `${where}.from`), to: parseInstant(to, `${where}.to`) };
    if (w.to <= w.from) invalid(`${where}: the window ends at or before its start`);
    return w;
  };
  const push = (f: Fact) => {
    if (facts.length >= MAX_FACTS) invalid(`query: more than ${MAX_FACTS} facts`);
    facts.push(f);
  };
  q.items.forEach((it, item) => {
    const where = `items.${item}`;
    const register = reg('register' in it ? it.register : undefined, where);
    const rname = q.registers[register]!;
    switch (it.kind) {
      case 'reading': {
        const at = parseInstant(it.at, `${where}.at`);
        push({ kind: 'reading', item, register, at, label: `${rname} at ${isoUtc(at)}` });
        break;
      }
      case 'sum': {
        const w = window(it.from, it.to, where);
        push({ kind: 'sum', item, register, window: w, label: `${rname} total ${isoUtc(w.from)}/${isoUtc(w.to)}` });
        break;
      }
      case 'daily': {
        try {
          assertTimeZone(it.timezone);
        } catch {
          invalid(`${where}.timezone: unknown time zone "${it.timezone}"`);
        }
        let day = parseDay(it.from, `${where}.from`);
        const last = parseDay(it.to, `${where}.to`);
        const count = Math.round((Date.UTC(last[0], last[1] - 1, last[2]) - Date.UTC(day[0], day[1] - 1, day[2])) / 86_400_000) + 1;
        if (count < 1) invalid(`${where}: the last day is before the first`);
        if (count > MAX_DAYS) invalid(`${where}: more than ${MAX_DAYS} days`);
        for (let i = 0; i < count; i++) {
          const next = nextDay(...day);
          const w = { from: startOfLocalDay(...day, it.timezone), to: startOfLocalDay(...next, it.timezone) };
          push({ kind: 'sum', item, register, window: w, label: `${rname} total on ${dayText(...day)} (${it.timezone})` });
          day = next;
        }
        break;
      }
      case 'linear': {
        const terms = it.terms.map((t, i) => ({ at: parseInstant(t.at, `${where}.terms.${i}.at`), register: reg(t.register, `${where}.terms.${i}`), c: BigInt(t.coefficient) }));
        push({ kind: 'linear', item, register, terms, constant: BigInt(it.constant ?? '0'), label: `linear function ${item} of ${terms.length} reading${terms.length === 1 ? '' : 's'}` });
        break;
      }
      case 'threshold': {
        const threshold = BigInt(it.threshold);
        if (it.at !== undefined) {
          const at = parseInstant(it.at, `${where}.at`);
          push({ kind: 'threshold', item, register, target: { at }, threshold, label: `${rname} at ${isoUtc(at)} ≥ ${threshold}` });
        } else {
          const w = window(it.from!, it.to!, where);
          push({ kind: 'threshold', item, register, target: w, threshold, label: `${rname} total ${isoUtc(w.from)}/${isoUtc(w.to)} ≥ ${threshold}` });
        }
        break;
      }
      case 'max': {
        const w = window(it.from, it.to, where);
        push({ kind: 'max', item, register, window: w, label: `${rname} maximum ${isoUtc(w.from)}/${isoUtc(w.to)}` });
        break;
      }
    }
  });
  return facts;
}
