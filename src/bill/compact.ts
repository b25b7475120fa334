/**
 * Compact bills: a bill whose `records` names the run of records the verifier already holds,
 *
 *   records = { firstSeq, count, lastHash }
 *
 * instead of carrying prev, the layout, the meter's signature and every [seq, start, duration, C…] tuple.
 * The proofs are those of the full bill: the statement binds firstSeq, count, prev and lastHash, and the
 * holder supplies prev, layout, items and the signature from the records it holds, checked when they
 * arrived. So a month of half-hourly TOU records (1,488 tuples, ~129 KB) becomes a few KB, and the full
 * form (`expandCompactBill`) stays valid everywhere: an arbiter re-verifies it with `meterproof bill verify`.
 *
 * Portable: no storage, no Node. The holder passes what it holds.
 */
import { z } from 'zod';
import { BillSchema, type Bill } from './message.js';
import type { RegisterLayout } from '../meter/layout.js';
import type { RecordTupleLike } from '../meter/run.js';

export const CompactRecordsSchema = z
  .object({
    firstSeq: z.number().int().min(0).safe(),
    count: z.number().int().min(1).max(1 << 20),
    lastHash: z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex'),
  })
  .strict();

/** A bill with `records` = { firstSeq, count, lastHash }; everything else as BillSchema. */
export const CompactBillSchema = BillSchema.omit({ records: true }).extend({ records: CompactRecordsSchema }).strict();
export type CompactBill = z.infer<typeof CompactBillSchema>;

/** What the holder of a meter's records knows about a run: as it checked them when they arrived. */
export interface HeldRun {
  readonly firstSeq: number;
  /** The hash before the first record of the run, and the last record's hash and the meter's signature on it. */
  readonly prev: string;
  readonly lastHash: string;
  readonly lastSignature: string;
  readonly layout: RegisterLayout;
  /** [seq, start, duration, C_1…C_K] hex, consecutive from firstSeq. */
  readonly items: readonly RecordTupleLike[];
}

/** The compact form of a full bill. */
export function compactBill(bill: Bill): CompactBill {
  const { records, ...rest } = bill;
  return { ...rest, records: { firstSeq: records.firstSeq, count: records.count, lastHash: records.lastHash } };
}

/**
 * The full bill a compact one stands for, given the run the holder holds. Returns null when the run is
 * not the one the bill names (another first seq, count or last hash): the holder does not hold it.
 */
export function expandCompactBill(bill: CompactBill, run: HeldRun): Bill | null {
  const r = bill.records;
  if (run.firstSeq !== r.firstSeq || run.items.length !== r.count || run.lastHash !== r.lastHash) return null;
  const { records: _named, ...rest } = bill;
  return {
    ...rest,
    records: {
      firstSeq: r.firstSeq,
      count: r.count,
      prev: run.prev,
      lastHash: run.lastHash,
      lastSignature: run.lastSignature,
      registers: run.layout.registers.length,
      layout: { unit: run.layout.unit, registers: [...run.layout.registers] },
      items: run.items.map((it) => [...it] as unknown as Bill['records']['items'][number]),
    },
  };
}
