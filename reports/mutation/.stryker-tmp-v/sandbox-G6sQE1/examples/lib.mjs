// @ts-nocheck
// Shared by the examples: each plays all three parties of meterproof with the public API only.
//   provider  signs the tariff (tariff.json)
//   meter     commits to every reading (readings.csv) and signs the hash-chained log, with its unit
//             and register names (which the verifier checks against the tariff's)
//   user      proves the bill of a period in zero knowledge
//   provider  verifies the bill and learns the fee only
// and prints the plain computation beside it, which must be the same figure.
// Keys and the meter's opening seed come from fixed seeds so every run prints the same: demo keys,
// never for real use.
import { readFileSync } from 'node:fs';
import {
  buildLog,
  formatDecimal,
  generateKey,
  parsePeriod,
  parsePublicJwk,
  parseSecretJwk,
  parseTariff,
  plainFee,
  proveBill,
  seededRng,
  signTariff,
  verifyBill,
} from 'meterproof';

/** readings.csv: '#' comments, a header `start,duration,<register>…`, then ISO UTC start, seconds, one integer per register. */
export function readReadings(url) {
  const lines = readFileSync(url, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const [header, ...rows] = lines;
  const registers = header.split(',').slice(2);
  const intervals = rows.map((line, i) => {
    const [start, duration, ...values] = line.split(',');
    const t = Date.parse(start);
    if (!Number.isFinite(t) || values.length !== registers.length) throw new Error(`${url.pathname}: bad row ${i + 2}`);
    return { start: t / 1000, duration: Number(duration), values: values.map(Number) };
  });
  return { registers, intervals };
}

function demoKey(role, seed) {
  const k = generateKey(role, seededRng(`example/${seed}/${role}`));
  return { secret: parseSecretJwk(k.secret), public: parsePublicJwk(k.public) };
}

const ms = (t0) => `${(performance.now() - t0).toFixed(0)} ms`;

/**
 * Runs one example: `dir` is the example's import.meta.url; `meter` its meter id; `period` the billing
 * period ("YYYY-MM" or "YYYY-MM-DD/YYYY-MM-DD" in the tariff's time zone). Exits 1 if anything disagrees.
 */
export function runExample({ dir, meter, account, period }) {
  const name = meter;
  const provider = demoKey('provider', name);
  const meterKey = demoKey('meter', name);

  // The provider publishes a signed tariff.
  const signedTariff = signTariff(JSON.parse(readFileSync(new URL('tariff.json', dir), 'utf8')), provider.secret);
  const tariff = parseTariff(signedTariff.tariff);
  console.log(`tariff ${tariff.id}: ${tariff.name}`);
  console.log(`  priced in ${tariff.currency} per ${tariff.unit}; registers ${(tariff.registers ?? []).join(', ')}`);

  // The meter logs the readings: one Pedersen commitment per register per interval, signed and chained.
  const { registers, intervals } = readReadings(new URL('readings.csv', dir));
  let t0 = performance.now();
  const { log, priv } = buildLog({ meter, key: meterKey.secret, seed: seededRng(`example/${name}/seed`)(32), intervals, unit: tariff.unit, registers });
  console.log(`meter ${meter}: ${log.records.length} signed records of ${registers.length} registers (${log.unit}), built in ${ms(t0)}`);
  console.log(`  every record's hash includes the unit and the register names, in order: ${log.registers.join(', ')}`);

  // The user proves the bill; the bill carries commitments and proofs, never a reading.
  t0 = performance.now();
  const { bill } = proveBill({ signedTariff, log, priv, account, period });
  console.log(`user: bill for ${account}, ${period}: ${bill.records.count} records, proved in ${ms(t0)}`);

  // The provider verifies it with public data only.
  t0 = performance.now();
  const res = verifyBill({ bill: JSON.stringify(bill), signedTariff, providerKey: provider.public, meterKey: meterKey.public });
  if (!res.ok) {
    console.log(`provider: REJECTED (${res.reason}): ${res.detail}`);
    process.exit(1);
  }
  console.log(`provider: accepted in ${ms(t0)}`);

  // The plain computation from the readings, which only the user (or an auditor with them) can do.
  const plain = plainFee(tariff, parsePeriod(period, tariff.timezone), priv.readings);
  const plainText = formatDecimal(plain.total, tariff.scale);
  console.log('');
  console.log(`proven fee: ${res.fee} ${res.currency}${res.amountDue !== undefined ? ` (amount due ${res.amountDue})` : ''}`);
  console.log(`plain fee:  ${plainText} ${tariff.currency}`);
  for (const item of plain.items) console.log(`  ${item.component}: ${formatDecimal(item.amount, tariff.scale)}`);
  if (plainText !== res.fee) {
    console.log('MISMATCH: the proven fee differs from the plain computation');
    process.exit(1);
  }
  console.log('the proven fee equals the plain computation');
}
