/**
 * Receipts: the provider's signed word on a bill in a final state — the bill digest (its id), the
 * verdict, the fee (accepted) or the reason (rejected), and the time (signed.ts has the context).
 */
import type { SecretKey } from '../core/keys.js';
import { isoUtc } from '../core/time.js';
import type { Receipt } from './api.js';
import { signDocument } from './signed.js';

export interface ReceiptFacts {
  readonly bill: string;
  readonly account: string;
  readonly meter: string;
  readonly period: string;
  readonly verdict: 'accepted' | 'rejected';
  readonly fee?: string;
  readonly currency?: string;
  readonly amountDue?: string;
  readonly reason?: string;
  readonly timeMs: number;
}

export function makeReceipt(f: ReceiptFacts, key: SecretKey): Receipt {
  return signDocument<Receipt>(
    {
      v: 1,
      type: 'meterproof/receipt',
      bill: f.bill,
      account: f.account,
      meter: f.meter,
      period: f.period,
      verdict: f.verdict,
      ...(f.verdict === 'accepted' && f.fee !== undefined ? { fee: f.fee } : {}),
      ...(f.verdict === 'accepted' && f.currency !== undefined ? { currency: f.currency } : {}),
      ...(f.verdict === 'accepted' && f.amountDue !== undefined ? { amountDue: f.amountDue } : {}),
      ...(f.verdict === 'rejected' && f.reason !== undefined ? { reason: f.reason } : {}),
      time: isoUtc(Math.floor(f.timeMs / 1000)),
      kid: key.kid,
    },
    key,
  );
}
