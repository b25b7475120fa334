/**
 * meterproof's public API. Everything here is portable: it runs unchanged in Node and in browsers.
 * Node-only helpers (the fast node:crypto Ed25519 backend, file I/O) live in `./node/`.
 */
// @ts-nocheck

export { MeterproofError, EncodingError } from './core/errors.js';
export { generateKey, parsePublicJwk, parseSecretJwk, publicJwk, thumbprint, ROLES } from './core/keys.js';
export type { Role, PublicJwk, SecretJwk, PublicKey, SecretKey } from './core/keys.js';
export { setEd25519Backend, nobleEd25519 } from './core/ed25519.js';
export type { Ed25519Backend } from './core/ed25519.js';
export { seededRng, systemRng } from './core/rng.js';
export { backendName, useNobleBackend, useWasmBackend } from './core/point.js';
export type { Rng } from './core/rng.js';

export { parseGreenButton } from './formats/greenbutton.js';
export { parseReadingsCsv, formatReadingsCsv } from './formats/csv.js';
export { parsePgeCsv } from './formats/pge.js';
export { parseOctopusConsumption } from './formats/octopus.js';
export { parseLondonCsv } from './formats/london.js';
export { sniffReadingsFormat, READINGS_FORMATS, LOCAL_TIME_FORMATS, type ReadingsFormat } from './formats/detect.js';
export { ImportError, normaliseReadings, findGaps, readingValues, readingOf } from './formats/readings.js';
export type { Reading, ImportedReadings } from './formats/readings.js';

export { buildLog, parseLogFile, LogFileSchema, PrivateFileSchema } from './meter/log.js';
export type { LogFile, PrivateFile, MeterInterval } from './meter/log.js';
export { layoutDigest, LayoutSchema } from './meter/layout.js';
export type { RegisterLayout } from './meter/layout.js';
export { READING_BITS, READING_MAX, RECORDS_MAX, FIGURE_BITS, FIGURE_LIMIT } from './core/bounds.js';

export { TariffSchema } from './tariff/model.js';
export type { Tariff, TariffComponent } from './tariff/model.js';
export { parseTariff, signTariff, checkSignedTariff, tariffDigest } from './tariff/signed.js';
export type { SignedTariff } from './tariff/signed.js';
export { importUrdb } from './tariff/urdb.js';
export { importAgilePrices } from './tariff/prices.js';
export { proveBillAsync } from './bill/prove.js';
export { parsePeriod } from './tariff/period.js';
export type { BillingPeriod } from './tariff/period.js';
export { plainFee } from './tariff/plain.js';
export { formatDecimal, parseDecimal } from './tariff/money.js';

export { proveBill } from './bill/prove.js';
export type { ProveBillInput, ProvenBill } from './bill/prove.js';
export { verifyBill, verifyBills, prepareBill } from './bill/verify.js';
export type { VerifyBillInput, VerifyResult, RejectReason, Accepted, Rejected, PreparedBill } from './bill/verify.js';
export { BillSchema } from './bill/message.js';
export type { Bill } from './bill/message.js';

export { proveDisclosure } from './disclosure/prove.js';
export type { ProveDisclosureInput, ProvenDisclosure } from './disclosure/prove.js';
export { verifyDisclosure } from './disclosure/verify.js';
export type { VerifyDisclosureInput, DisclosureVerifyResult, DisclosureRejectReason, DisclosureAccepted, DisclosureRejected, DisclosedAnswer } from './disclosure/verify.js';
export { QuerySchema, parseQuery, expandQuery, queryDigest } from './disclosure/query.js';
export type { Query, QueryItem, Fact } from './disclosure/query.js';
export { ConsentSchema, signConsent, consentDigest } from './disclosure/consent.js';
export type { Consent, ConsentTerms } from './disclosure/consent.js';
export { DisclosureSchema } from './disclosure/message.js';
export type { Disclosure } from './disclosure/message.js';
