/** Reading held record runs back: for compact bills and held-record verification. */
import type { RecordTupleLike } from '../../meter/run.js';
import type { Sql } from './db.js';

export const ZERO_HASH = '0'.repeat(64);

interface RecordRow {
  seq: string | number;
  start: string | number;
  duration: string | number;
  commitments: string[] | string;
  hash: string;
  signature: string;
}

export interface StoredRun {
  readonly firstSeq: number;
  readonly prev: string;
  readonly lastHash: string;
  readonly lastSignature: string;
  readonly items: RecordTupleLike[];
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** The hash of record seq (ZERO_HASH for seq −1, the genesis), or null when not held. */
export async function hashAt(q: Sql, meter: string, seq: number): Promise<string | null> {
  if (seq < 0) return ZERO_HASH;
  const [r] = await q.query<{ hash: string }>('SELECT hash FROM records WHERE meter = $1 AND seq = $2', [meter, seq]);
  return r?.hash ?? null;
}

/** Records firstSeq … firstSeq+count−1 as a run, or null unless all are held. */
export async function loadRun(q: Sql, meter: string, firstSeq: number, count: number): Promise<StoredRun | null> {
  const rows = await q.query<RecordRow>(
    'SELECT seq, start, duration, commitments, hash, signature FROM records WHERE meter = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
    [meter, firstSeq, firstSeq + count],
  );
  if (rows.length !== count) return null;
  const prev = await hashAt(q, meter, firstSeq - 1);
  if (prev === null) return null;
  const last = rows[rows.length - 1]!;
  return {
    firstSeq,
    prev,
    lastHash: last.hash,
    lastSignature: last.signature,
    items: rows.map((r) => [Number(r.seq), Number(r.start), Number(r.duration), ...json<string[]>(r.commitments)] as unknown as RecordTupleLike),
  };
}
