/**
 * Rebuilding a meter's log from the provider service ("pair with the provider"): page through
 * GET /v1/meters/{id}/records and assemble the log file `parseLogFile` accepts, then check it with the
 * core before anyone uses it. The service is not trusted for the records: the registration must be signed
 * by the provider's key, and every record must chain (hash over the registered layout and the record
 * before it) and carry the registered meter key's signature (verifyLog). A record altered by the service
 * or on the way fails there and the log is refused.
 *
 * Portable: the client's fetch and the core, no Node built-ins; the user app runs fetchRecords on its page
 * and checkFetchedLog in its worker.
 */
import { toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { toPublicKey } from '../core/keys.js';
import { LOG_VERSION, parseLogFile, type LogFile, type LogRecord } from '../meter/log.js';
import { verifyLog } from '../meter/verify-log.js';
import { BATCH_MAX, type MeterRegistration } from '../service/api.js';
import { jwkBytes, verifyDocument } from '../service/signed.js';
import type { ServiceClient } from './client.js';

/**
 * The held records from `from` to the head, as a log file (not yet checked). Pages of `pageSize`
 * (≤ BATCH_MAX); stops when a page reaches the head the service reports. `service.protocol` if a page is
 * not the next run of seqs or the layout changes between pages; `records.none` if nothing is held.
 */
export async function fetchRecords(c: ServiceClient, registration: MeterRegistration, o: { from?: number; pageSize?: number } = {}): Promise<LogFile> {
  const meter = registration.meter;
  const pageSize = Math.min(o.pageSize ?? BATCH_MAX, BATCH_MAX);
  let from = o.from ?? 0;
  const records: LogRecord[] = [];
  let prev: string | undefined;
  for (;;) {
    const page = await c.records(meter, from, pageSize);
    if (page.meter !== meter) throw new MeterproofError('service.protocol', `asked for meter ${meter}'s records, got meter ${page.meter}'s`);
    prev ??= page.prev;
    if (page.records.length === 0) break;
    if (page.records[0]!.seq !== from) throw new MeterproofError('service.protocol', `asked for records from seq ${from}, got them from ${page.records[0]!.seq}`);
    records.push(...page.records);
    from += page.records.length;
    if (from >= page.next) break;
  }
  if (records.length === 0) throw new MeterproofError('records.none', `the service holds no records of meter ${meter} from seq ${o.from ?? 0}`);
  // The layout and key are the registration's (which the check below ties to the provider's signature),
  // not whatever a page said: the records' hashes must chain under the registered layout.
  return parseLogFile({ v: LOG_VERSION, type: 'meterproof/log', meter, meterKey: toHex(jwkBytes(registration.meterKey)), unit: registration.layout.unit, registers: registration.layout.registers, prev: prev!, records }, `meter ${meter}'s log from the service`);
}

/**
 * The core's check of a fetched log: the registration signed by the provider, then the chain and every
 * signature under the registered meter key. Throws `log.<reason>` (verifyLog's reason) or
 * `registration.signature`; returns the log when it checks.
 */
export function checkFetchedLog(log: unknown, registration: MeterRegistration, providerKey: unknown): LogFile {
  if (!verifyDocument(registration, toPublicKey(providerKey, 'provider'))) throw new MeterproofError('registration.signature', `meter ${registration.meter}'s registration is not signed by the provider's key`);
  const r = verifyLog(log, toPublicKey(registration.meterKey, 'meter', "the registration's meter key"));
  if (!r.ok) throw new MeterproofError(`log.${r.reason}`, `the meter log from the service does not check: ${r.reason} (${r.detail})`);
  return parseLogFile(log);
}

/** fetchRecords then checkFetchedLog: the meter's log from the service, checked, ready for parseLogFile's users. */
export async function fetchLog(c: ServiceClient, registration: MeterRegistration, providerKey: unknown, o: { from?: number; pageSize?: number } = {}): Promise<LogFile> {
  return checkFetchedLog(await fetchRecords(c, registration, o), registration, providerKey);
}
