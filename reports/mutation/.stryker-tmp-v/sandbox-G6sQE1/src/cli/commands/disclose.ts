/**
 * `meterproof disclose` (the user consents to a query and proves its answers) and
 * `meterproof disclosure verify` (the recipient, or anyone, checks a disclosure).
 */
// @ts-nocheck

import type { Command } from 'commander';
import { z } from 'zod';
import { MeterproofError } from '../../core/errors.js';
import { proveDisclosure } from '../../disclosure/prove.js';
import { verifyDisclosure, type DisclosureVerifyResult } from '../../disclosure/verify.js';
import { readJson, readText, writeJson } from '../../node/files.js';
import { progress } from '../progress.js';
import { EXIT_OK, EXIT_REJECTED, loadPublicKey, loadSecretKey, out, printJson, refuseExisting, UsageError } from '../common.js';
import { parseInstant, parseQuery, QUERY_TYPE, type Query } from '../../disclosure/query.js';

/** The request the user consents to: who, why, until when, and the query itself. */
const RequestSchema = z
  .object({
    recipient: z.string(),
    purpose: z.string(),
    expires: z.string(),
    issued: z.string().optional(),
    query: z.unknown(),
  })
  .strict();

/** Readings, sums and maxima are amounts in the meter's unit; a linear function's unit is its coefficients' business. */
const IN_UNIT = new Set(['reading', 'sum', 'max']);

export function describeDisclosure(r: DisclosureVerifyResult): string[] {
  if (!r.ok) return [`REJECTED (${r.reason}): ${r.detail}`];
  const lines = [`ACCEPTED: ${r.answers.length} answer${r.answers.length === 1 ? '' : 's'} about meter ${r.meter} (in ${r.unit}, as the meter signs it), ${r.records} records`];
  lines.push(`  for ${r.recipient}, purpose: ${r.purpose}; consent by user key ${r.user}, ${r.issued} until ${r.expires}`);
  for (const a of r.answers) lines.push(`  ${a.label}: ${typeof a.value === 'boolean' ? (a.value ? 'yes' : 'no') : IN_UNIT.has(a.kind) ? `${a.value} ${r.unit}` : a.value}`);
  return lines;
}

/** The query the recipient asked for: a request file (as `disclose --query` takes) or a bare query document. */
function readAskedQuery(path: string): Query {
  const json = readJson(path, 'query');
  const isQuery = typeof json === 'object' && json !== null && (json as { type?: unknown }).type === QUERY_TYPE;
  const inner = isQuery ? json : typeof json === 'object' && json !== null && 'query' in json ? (json as { query: unknown }).query : undefined;
  if (inner === undefined) throw new MeterproofError('input.invalid', `${path}: neither a request (recipient, purpose, expires, query) nor a query (type ${QUERY_TYPE})`);
  try {
    return parseQuery(inner);
  } catch (e) {
    throw new MeterproofError('input.invalid', `${path}: ${(e as Error).message}`);
  }
}

export function register(program: Command): void {
  program
    .command('disclose')
    .description('consent to a query (signed with the user key) and prove its answers in zero knowledge')
    .requiredOption('--query <file>', 'the request: {"recipient","purpose","expires" (UTC, e.g. 2024-06-01T00:00:00Z),"query":{…}}')
    .requiredOption('--log <file>', 'the meter\'s signed log (log.json)')
    .requiredOption('--private <file>', 'the user\'s private file (private.json)')
    .requiredOption('--key <file>', 'the user\'s secret key (user.key.json): it signs the consent')
    .requiredOption('--out <file>', 'the disclosure to write')
    .option('--force', 'replace --out if it exists')
    .action((o: { query: string; log: string; private: string; key: string; out: string; force?: boolean }) => {
      refuseExisting([o.out], o.force);
      const started = performance.now();
      const parsed = RequestSchema.safeParse(readJson(o.query, 'query'));
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new MeterproofError('input.invalid', `${o.query}: ${i.path.join('.') || '(top)'}: ${i.message} (a request holds recipient, purpose, expires and query)`);
      }
      const req = parsed.data;
      const userKey = loadSecretKey(o.key, 'user');
      const log = readJson(o.log, 'meter log');
      const priv = readJson(o.private, 'private file');
      const bar = progress('proving');
      let proven;
      try {
        proven = proveDisclosure({
          query: req.query,
          terms: { recipient: req.recipient, purpose: req.purpose, expires: req.expires, ...(req.issued !== undefined ? { issued: req.issued } : {}) },
          log,
          priv,
          userKey,
          onProgress: (d, t) => bar.update(d, t),
        });
      } finally {
        bar.done();
      }
      writeJson(o.out, proven.disclosure, { noClobber: !o.force });
      const ms = performance.now() - started;
      out(`disclosure for ${req.recipient}: ${proven.answers.length} answer${proven.answers.length === 1 ? '' : 's'}, ${proven.disclosure.records.items.length} records, consent until ${req.expires}`);
      out(`  proved in ${ms.toFixed(0)} ms, written to ${o.out}`);
    });

  const disclosure = program.command('disclosure').description('check disclosures the user consented to');
  disclosure
    .command('verify')
    .description('verify a disclosure: exit 0 accepted, 1 rejected (with a reason code), 2 usage error or unreadable input')
    .requiredOption('--disclosure <file>', 'the disclosure to verify')
    .requiredOption('--meter-key <file>', 'the registered meter\'s public key (meter.pub.json)')
    .requiredOption('--user-key <file>', 'the public key of the user who consents for this meter (user.pub.json)')
    .option('--recipient <id>', 'who you are: reject a disclosure made for anyone else (omit only to audit)')
    .option('--query <file>', 'the query you asked for (the request file given to disclose, or the bare query): reject a disclosure of any other query (omit only to audit)')
    .option('--at <time>', 'check the consent\'s expiry at this ISO 8601 time instead of now')
    .option('--json', 'print one JSON object: {"ok":true,"answers":[…],…} or {"ok":false,"reason":…,"detail":…}')
    .action((o: { disclosure: string; meterKey: string; userKey: string; recipient?: string; query?: string; at?: string; json?: boolean }) => {
      let now = Math.floor(Date.now() / 1000);
      if (o.at !== undefined) {
        try {
          now = parseInstant(o.at, '--at');
        } catch {
          throw new UsageError('--at: use an ISO 8601 time with seconds and an offset, such as 2024-06-01T12:00:00Z');
        }
      }
      const asked = o.query !== undefined ? readAskedQuery(o.query) : undefined;
      const result = verifyDisclosure({
        disclosure: readText(o.disclosure, 'disclosure'),
        meterKey: loadPublicKey(o.meterKey, 'meter'),
        userKey: loadPublicKey(o.userKey, 'user'),
        ...(o.recipient !== undefined ? { recipient: o.recipient } : {}),
        ...(asked !== undefined ? { query: asked } : {}),
        now,
      });
      if (o.json) printJson(result);
      else describeDisclosure(result).forEach((l) => out(l));
      process.exitCode = result.ok ? EXIT_OK : EXIT_REJECTED;
    });
}
