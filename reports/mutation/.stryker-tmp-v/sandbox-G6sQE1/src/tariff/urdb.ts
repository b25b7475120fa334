/**
 * OpenEI Utility Rate Database (URDB, API v7) item → meterproof tariff.
 *
 * What is imported: fixed charges, energy rates (time-of-use, and cumulative tiers per billing month
 * or per day), flat monthly and time-of-use maximum-demand charges (tiered or not), and minimum
 * charges. Component order and names are stable: "fixed charge", "energy", "export credit", "flat
 * demand", "time-of-use demand", "minimum charge".
 *
 * Sell rates (`sell` in energyratestructure: the price per kWh exported) are imported only on request
 * (`exportCredit`), since they need a meter with an export register (register 1, import being 0):
 *   - dgrules "Net Metering" with time-of-use energy rates (no tiers): one `net-energy` component
 *     "energy", netting import against export per time-of-use period over the billing period;
 *   - otherwise (no dgrules, "Net Billing Instantaneous", "Buy All Sell All"): an "export credit"
 *     `tou-energy` component on register 1 with rate −sell, beside the import energy component;
 *   - "Net Billing Hourly" (netting each hour) and sell rates that differ between the tiers of one
 *     period are refused by name.
 * Without the request, a non-zero sell rate is refused by name.
 *
 * The importer is deliberately conservative. A bill proven against a tariff that silently dropped
 * a charge would be a wrong bill with a valid proof, so every priced feature this version cannot
 * express is refused BY NAME (all of them in one message, `urdb.unsupported`), and malformed input
 * is refused naming the field (`urdb.invalid`). The one exception is a charge that needs data the
 * meter does not measure (kVAR for the reactive power charge): the caller may leave it out
 * explicitly (`leaveOut`), and the tariff then lists it in `omitted`, so every bill says so.
 * Fields that are not prices (eligibility limits, comments, attribute lists) are accepted and
 * reported in `notes`.
 *
 * Money is exact: URDB's JSON numbers are turned into the decimal text the publisher wrote
 * (`numberToDecimalText`) and added as integers, never as floats. Tier bounds (kWh, kW) become
 * Wh and W exactly (× 1000) or are refused.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import { TariffSchema, type Tariff, type TariffComponent, type TierSpec } from './model.js';
import { decimalPlaces, formatDecimal, numberToDecimalText, parseDecimal } from './money.js';
import { parsePyLiteral } from './pylist.js';
import { checkTariffConsistency } from './rates.js';

/** How cumulative energy tiers count when there are several time-of-use periods. */
export type TierBasis = 'per-period' | 'total';

export interface UrdbImportOptions {
  /** IANA time zone the schedules' local hours are taken in (URDB does not record one). */
  timezone: string;
  /** Index into `items[]` of a URDB response; default 0. */
  item?: number;
  /** Tariff id; default `urdb-<label>`. */
  id?: string;
  /**
   * Tiered energy with several periods: "per-period" (default) splits each period's own kWh of the
   * month by that period's tiers; "total" splits all kWh of the month by one set of tiers, and needs
   * every period to have the same tiers (they are then merged into one period).
   */
  tierBasis?: TierBasis;
  /**
   * URDB fields of charges to leave out on purpose. Only charges that need data the meter does not
   * measure qualify (`demandreactivepowercharge`); the tariff lists each in `omitted`.
   */
  leaveOut?: readonly string[];
  /** Import the sell rates as a credit for exported energy, register 1 of the meter (see above). */
  exportCredit?: boolean;
  /**
   * The tariff's capacity in W (the most the meter records per hour, in Wh): range proofs of hidden
   * amounts take their widths from it. Default: the item's `peakkwcapacitymax`, when it states one;
   * otherwise none (widths sized for the meter's limit: correct, but slower to prove demand and tiers).
   */
  capacity?: number | string;
}

export interface UrdbImport {
  tariff: Tariff;
  /** What the importer ignored or assumed, for a human to read. */
  notes: string[];
}

/** Tariffs are priced at no less than 10^-9 of the currency, so simple rates get a common scale. */
const MIN_SCALE = 9;
/** The model's limit. */
const MAX_SCALE = 18;
/** The model's limit of tiers per period. */
const MAX_TIERS = 16;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Spelling variants seen in real exports, mapped to the v7 name (keys are already lower-cased).
 * `supercedes` is URDB's own historical misspelling.
 */
const ALIASES: Record<string, string> = {
  supercedes: 'supersedes',
  flatdemandunits: 'flatdemandunit',
  demandrateunits: 'demandrateunit',
  coincidentrateunits: 'coincidentrateunit',
};

/** Descriptive fields, or parts of a priced field read with it (units, schedules). None is a price on its own. */
const DESCRIPTIVE = new Set([
  'label', 'uri', 'utility', 'name', 'eiaid', 'revisions', 'approved', 'is_default', 'startdate', 'enddate',
  'supersedes', 'sector', 'servicetype', 'description', 'source', 'sourceparent', 'sourcereference',
  'basicinformationcomments', 'country', 'type', 'latest_update', 'energycomments', 'demandcomments',
  'fixedcomments', 'demandunits', 'flatdemandunit', 'demandrateunit', 'coincidentrateunit', 'voltagecategory',
  'phasewiring', 'demandwindow', 'isbasicinformationcomplete', 'energytoulabels', 'fixedchargeunits',
  'minchargeunits', 'dgrules', 'flatdemandmonths', 'demandweekdayschedule', 'demandweekendschedule',
  'coincidentrateschedule',
]);

/** Who may take the tariff; meterproof prices readings and does not police eligibility. */
const ELIGIBILITY = [
  'peakkwcapacitymin', 'peakkwcapacitymax', 'peakkwcapacityhistory', 'peakkwhusagemin', 'peakkwhusagemax',
  'peakkwhusagehistory', 'voltageminimum', 'voltagemaximum', 'mindemand', 'maxdemand', 'servicemax',
];

/** Free-form key/value lists; URDB documents them as informational. */
const ATTRS = ['energyattrs', 'demandattrs', 'fixedattrs', 'energykeyvals', 'demandkeyvals', 'fixedkeyvals'];

/** Fields this file interprets as prices (imported or refused). */
const PRICED = new Set([
  'energyratestructure', 'energyweekdayschedule', 'energyweekendschedule', 'fixedchargefirstmeter',
  'fixedmonthlycharge', 'fixedchargeeaaddl', 'flatdemandstructure', 'demandratestructure',
  'demandratchetpercentage', 'demandreactivepowercharge', 'coincidentratestructure', 'mincharge',
  'minmonthlycharge', 'annualmincharge', 'lookbackpercent', 'lookbackmonths', 'lookbackrange',
  'fueladjustmentsmonthly',
]);

/** Parts of priced charges that are not prices themselves (units, schedules, month maps). */
const CHARGE_PARTS = new Set([
  'flatdemandmonths', 'demandweekdayschedule', 'demandweekendschedule', 'coincidentrateschedule', 'demandunits',
  'flatdemandunit', 'demandrateunit', 'coincidentrateunit', 'fixedchargeunits', 'minchargeunits', 'demandwindow',
]);

/**
 * Charges that need data the meter does not measure: the only ones a caller may leave out
 * (`leaveOut`), and then the tariff says so in `omitted`.
 */
const LEAVABLE: Record<string, { charge: string; unit: string; unmeasured: string }> = {
  demandreactivepowercharge: { charge: 'reactive power demand charge', unit: '$/kVAR', unmeasured: 'kVAR' },
};

/** An unknown field whose name looks like money is refused rather than ignored. */
const PRICE_LIKE = /rate|charge|price|adj|fee|credit|tier|sell|ratchet|lookback|fuel|demand|cost|tax|rider/i;

function invalid(message: string): never {
  throw new MeterproofError('urdb.invalid', message);
}

/** A request the caller made (tier basis, leave-out) that cannot be honoured for this tariff. */
function badOption(message: string): never {
  throw new MeterproofError('urdb.option', message);
}

/** A price in dollars per kWh (energy) or per kW (demand), with the tier's upper bound in Wh or W. */
interface TierDraft {
  price: string;
  upTo?: bigint;
}

interface PeriodDraft {
  label: string;
  tiers: TierDraft[];
}

interface ScheduledDraft {
  periods: PeriodDraft[];
  weekday: number[][];
  weekend: number[][];
}

type EnergyDraft = (
  | (ScheduledDraft & { kind: 'tou' })
  | (ScheduledDraft & { kind: 'tiered'; basis: TierBasis; per: 'month' | 'day' })
) & {
  /** $/kWh credited for export in each period (exportCredit only; undefined when every sell rate is zero). */
  sell?: string[];
};

interface DemandDraft extends ScheduledDraft {
  name: string;
}

/** Dollars, exact decimal text, per month or per day billed. */
interface AmountDraft {
  amount: string;
  per: 'month' | 'day';
}

/**
 * Imports one URDB item. `json` is a bare item or a response `{ items: [...] }` (already
 * JSON-parsed). Throws `urdb.invalid`, `urdb.unsupported` or (for `tierBasis`/`leaveOut` requests
 * that do not fit the tariff) `urdb.option`, never anything else.
 */
export function importUrdb(json: unknown, opts: UrdbImportOptions): UrdbImport {
  checkTimezone(opts.timezone);
  const tierBasis = checkTierBasis(opts.tierBasis);
  const item = new Item(pickItem(json, opts.item ?? 0));
  const leaveOut = checkLeaveOut(item, opts.leaveOut);
  const notes: string[] = [];
  const unsupported: string[] = [];
  const omitted: string[] = [];

  refuseUnpricedFeatures(item, leaveOut, unsupported, omitted, notes);
  const energy = readEnergy(item, tierBasis, opts.exportCredit === true, unsupported, notes);
  const fixed = readFixedCharge(item, unsupported, notes);
  const demands = [readFlatDemand(item, unsupported, notes), readTouDemand(item, unsupported, notes)].filter(
    (d): d is DemandDraft => d !== undefined,
  );
  const minimum = readMinimum(item, unsupported, notes);
  noteInformational(item, unsupported, notes, energy?.sell !== undefined);
  if (demands.length > 0) noteDemandWindow(item, notes);

  if (unsupported.length > 0) {
    throw new MeterproofError(
      'urdb.unsupported',
      `this tariff uses features meterproof cannot price yet: ${[...new Set(unsupported)].join(', ')}`,
    );
  }
  if (!energy) invalid('energyratestructure: missing; meterproof imports tariffs that price energy');

  // k: the smallest scale (at least MIN_SCALE) at which every price is an exact integer.
  // $/kWh → $/Wh and $/kW → $/W divide by 1000, so a rate with d decimals needs d + 3.
  const perUnitPrices = [...[energy, ...demands].flatMap((s) => s.periods.flatMap((p) => p.tiers.map((t) => t.price))), ...(energy.sell ?? [])];
  const needed = [
    ...perUnitPrices.map((price) => decimalPlaces(price) + 3),
    ...(fixed ? [decimalPlaces(fixed.amount)] : []),
    ...(minimum ? [decimalPlaces(minimum.amount)] : []),
  ];
  const scale = Math.max(MIN_SCALE, ...needed);
  if (scale > MAX_SCALE) {
    throw new MeterproofError(
      'urdb.unsupported',
      `this tariff uses features meterproof cannot price yet: prices finer than 10^-${MAX_SCALE} $/Wh or $/W (more than ${MAX_SCALE - 3} decimal places in $/kWh or $/kW)`,
    );
  }
  if (scale > MIN_SCALE) notes.push(`scale ${scale}: a price needs ${scale} decimal places of a dollar per Wh or W to be exact`);

  // parseDecimal throws on an inexact value, so every amount is exact by construction.
  // A $/kWh (or $/kW) decimal read at scale k-3 is the same integer as the $/Wh (or $/W) price at scale k.
  const tierSpec = (t: TierDraft): TierSpec => ({
    ...(t.upTo !== undefined ? { upTo: t.upTo.toString() } : {}),
    rate: parseDecimal(t.price, scale - 3).toString(),
  });
  const periodSpecs = (s: ScheduledDraft) => s.periods.map((p) => ({ label: p.label, tiers: p.tiers.map(tierSpec) }));

  const components: TariffComponent[] = [];
  if (fixed) {
    components.push({ kind: 'fixed', name: 'fixed charge', amount: parseDecimal(fixed.amount, scale).toString(), per: fixed.per });
  }
  const netting = energy.sell !== undefined && item.text('dgrules')?.toLowerCase() === 'net metering';
  if (netting && energy.kind === 'tou') {
    components.push({
      kind: 'net-energy',
      name: 'energy',
      import: 0,
      export: 1,
      periods: energy.periods.map((p, i) => ({ label: p.label, buy: tierSpec(p.tiers[0]!).rate, sell: parseDecimal(energy.sell![i]!, scale - 3).toString() })),
      weekday: energy.weekday,
      weekend: energy.weekend,
    });
  } else if (energy.kind === 'tou') {
    components.push({
      kind: 'tou-energy',
      name: 'energy',
      register: 0,
      periods: energy.periods.map((p) => ({ label: p.label, rate: tierSpec(p.tiers[0]!).rate })),
      weekday: energy.weekday,
      weekend: energy.weekend,
    });
  } else {
    components.push({
      kind: 'tiered-energy',
      name: 'energy',
      register: 0,
      basis: energy.basis,
      per: energy.per,
      periods: periodSpecs(energy),
      weekday: energy.weekday,
      weekend: energy.weekend,
    });
  }
  if (energy.sell !== undefined && !netting) {
    components.push({
      kind: 'tou-energy',
      name: 'export credit',
      register: 1,
      periods: energy.periods.map((p, i) => ({ label: p.label, rate: (-parseDecimal(energy.sell![i]!, scale - 3)).toString() })),
      weekday: energy.weekday,
      weekend: energy.weekend,
    });
  }
  for (const d of demands) {
    components.push({ kind: 'demand', name: d.name, register: 0, periods: periodSpecs(d), weekday: d.weekday, weekend: d.weekend });
  }
  if (minimum) {
    components.push({ kind: 'minimum', name: 'minimum charge', amount: parseDecimal(minimum.amount, scale).toString(), per: minimum.per });
  }

  const label = item.text('label');
  const utility = item.text('utility');
  const name = item.text('name');
  const draft = {
    v: 1,
    type: 'meterproof/tariff',
    id: tariffId(opts.id, label, name),
    name: clip([utility, name].filter(Boolean).join(' ') || (label ? `URDB ${label}` : 'URDB tariff'), notes, 'name'),
    ...(utility ? { provider: clip(utility, notes, 'utility') } : {}),
    currency: 'USD',
    timezone: opts.timezone,
    scale,
    unit: 'Wh',
    // An export credit prices register 1: the tariff names the registers, so only a meter that signs
    // [import, export] in that order can be billed by it (a tariff naming none prices import alone).
    ...(energy.sell !== undefined ? { registers: ['import', 'export'] } : {}),
    ...capacityOf(item, opts.capacity, notes),
    rounding: { decimals: 2, mode: 'half-up' },
    components,
    ...(omitted.length > 0 ? { omitted } : {}),
    source: sourceRecord(item),
  };
  const parsed = TariffSchema.safeParse(draft);
  if (!parsed.success) {
    // Should not happen for input that got this far; still an error naming the field, not a stack trace.
    invalid(`the imported tariff is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  try {
    checkTariffConsistency(parsed.data);
  } catch (e) {
    invalid(`the imported tariff is not consistent: ${(e as Error).message}`);
  }
  return { tariff: parsed.data, notes };
}

// ---------------------------------------------------------------------------------------------
// Options

/** The `capacity` field (W): the option, else URDB's peakkwcapacitymax in kW, else none. */
function capacityOf(item: Item, option: unknown, notes: string[]): { capacity?: string } {
  if (option !== undefined) {
    const text = typeof option === 'number' && Number.isSafeInteger(option) ? String(option) : option;
    if (typeof text !== 'string' || !/^[1-9][0-9]{0,14}$/.test(text)) return badOption(`capacity ${describe(option)}: a whole number of W, at least 1`);
    return { capacity: text };
  }
  const kw = item.get('peakkwcapacitymax');
  if (typeof kw === 'number' && Number.isFinite(kw) && kw > 0) {
    let w: bigint;
    try {
      w = parseDecimal(numberToDecimalText(kw), 3);
    } catch {
      return {};
    }
    notes.push(`capacity ${w} W, from peakkwcapacitymax ${kw} kW`);
    return { capacity: w.toString() };
  }
  return {};
}

function checkTierBasis(basis: unknown): TierBasis | undefined {
  if (basis === undefined || basis === 'per-period' || basis === 'total') return basis;
  return badOption(`tier basis ${describe(basis)}: use "per-period" or "total"`);
}

/** The fields to leave out, lower-cased; each must be a charge this item has that the meter cannot measure. */
function checkLeaveOut(item: Item, leaveOut: unknown): Set<string> {
  const names = new Set<string>();
  if (leaveOut === undefined) return names;
  if (!Array.isArray(leaveOut)) badOption(`leave out: expected a list of URDB field names, got ${describe(leaveOut)}`);
  const only = `only a charge that needs data the meter does not measure can be left out (${Object.keys(LEAVABLE).join(', ')})`;
  for (const raw of leaveOut as unknown[]) {
    if (typeof raw !== 'string' || raw.trim() === '') badOption(`leave out: expected a URDB field name, got ${describe(raw)}`);
    const lower = raw.trim().toLowerCase();
    const name = ALIASES[lower] ?? lower;
    const leavable = LEAVABLE[name];
    if (leavable) {
      const v = item.get(name);
      const t = v === undefined ? undefined : decimalText(v, name);
      if (t === undefined || isZero(t)) {
        badOption(`cannot leave out ${name}: this tariff has no ${leavable.charge} (${t === undefined ? `no ${name} field` : `${name} is 0`}), so there is nothing to leave out`);
      }
      names.add(name);
    } else if (PRICED.has(name) || CHARGE_PARTS.has(name)) {
      badOption(`cannot leave out ${name}: it is priced from data the meter does measure (or from the calendar), so leaving it out would make every bill too low; ${only}`);
    } else if (DESCRIPTIVE.has(name) || ELIGIBILITY.includes(name) || ATTRS.includes(name)) {
      badOption(`cannot leave out ${name}: it is not a charge; ${only}`);
    } else {
      badOption(`cannot leave out "${raw.trim()}": not a URDB field meterproof knows; ${only}`);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Input access

function checkTimezone(timezone: string): void {
  try {
    if (typeof timezone !== 'string' || timezone === '') throw new RangeError('empty');
    new Intl.DateTimeFormat(undefined, { timeZone: timezone });
  } catch {
    invalid(`timezone "${String(timezone)}" is not a known IANA time zone (e.g. America/Los_Angeles)`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pickItem(json: unknown, index: number): Record<string, unknown> {
  if (!Number.isSafeInteger(index) || index < 0) invalid(`item ${String(index)}: must be a non-negative integer`);
  if (!isRecord(json)) invalid('expected a URDB item object or a response { items: [...] }');
  const itemsKey = Object.keys(json).find((k) => k.toLowerCase() === 'items');
  if (itemsKey === undefined) {
    if (index !== 0) invalid(`item ${index} is out of range: the input is a single URDB item (item 0)`);
    return json;
  }
  const items = json[itemsKey];
  if (!Array.isArray(items)) invalid('items: expected a list of URDB items');
  if (items.length === 0) invalid('items: the response has no items');
  if (index >= items.length) {
    invalid(`item ${index} is out of range: the response has ${items.length} item${items.length === 1 ? '' : 's'} (0 to ${items.length - 1})`);
  }
  const picked: unknown = items[index];
  if (!isRecord(picked)) invalid(`items[${index}]: expected an object`);
  return picked;
}

/** A URDB item with case-insensitive keys (exports mix `dgRules`, `dgrules`, `flatDemandUnits`...). */
class Item {
  private readonly fields = new Map<string, { key: string; value: unknown }>();

  constructor(obj: Record<string, unknown>) {
    for (const [key, value] of Object.entries(obj)) {
      const lower = key.toLowerCase();
      const name = ALIASES[lower] ?? lower;
      const prior = this.fields.get(name);
      if (prior && JSON.stringify(prior.value) !== JSON.stringify(value)) {
        invalid(`fields "${prior.key}" and "${key}" are the same URDB field with different values`);
      }
      this.fields.set(name, { key, value });
    }
  }

  names(): string[] {
    return [...this.fields.keys()];
  }

  /** The value, or undefined when absent, null or an empty string (CSV-style exports write ""). */
  get(name: string): unknown {
    const v = this.fields.get(name)?.value;
    return v === null || v === '' ? undefined : v;
  }

  /** A list/dict field; a string holding a Python or JSON literal is parsed (never evaluated). */
  structured(name: string): unknown {
    const v = this.get(name);
    if (typeof v !== 'string') return v;
    try {
      return parsePyLiteral(v) ?? undefined;
    } catch (e) {
      return invalid(`${name}: a string that is not a readable list (${(e as Error).message})`);
    }
  }

  text(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  }
}

/** A price as exact decimal text: a JSON number as the publisher wrote it, or a decimal string. */
function decimalText(v: unknown, where: string): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) invalid(`${where}: ${v} is not a finite number`);
    return numberToDecimalText(v);
  }
  if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v.trim())) {
    // Normalise "007.50" → "7.5" so money.ts's canonical regex accepts it.
    const t = v.trim();
    const neg = t.startsWith('-');
    const [int0 = '', frac0 = ''] = (neg ? t.slice(1) : t).split('.');
    const int = int0.replace(/^0+/, '') || '0';
    const frac = frac0.replace(/0+$/, '');
    const body = frac ? `${int}.${frac}` : int;
    return neg && body !== '0' ? `-${body}` : body;
  }
  return invalid(`${where}: expected a number, got ${describe(v)}`);
}

/** Exact a + b of two decimal texts, trailing zeros dropped. */
function addDecimals(a: string, b: string): string {
  const d = Math.max(decimalPlaces(a), decimalPlaces(b));
  const text = formatDecimal(parseDecimal(a, d) + parseDecimal(b, d), d);
  return d === 0 ? text : text.replace(/\.?0+$/, '');
}

const isZero = (t: string): boolean => /^-?0(\.0+)?$/.test(t);

/** Whether two decimal texts are the same number ("5", "5.0"). */
function sameDecimal(a: string, b: string): boolean {
  const d = Math.max(decimalPlaces(a), decimalPlaces(b));
  return parseDecimal(a, d) === parseDecimal(b, d);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Structure → periods of tier objects with lower-cased keys; `name` says where, for errors. */
function readTierTable(name: string, value: unknown): Record<string, unknown>[][] {
  if (!Array.isArray(value)) invalid(`${name}: expected a list of periods, got ${describe(value)}`);
  return value.map((period: unknown, p) => {
    if (!Array.isArray(period)) invalid(`${name} period ${p}: expected a list of tiers, got ${describe(period)}`);
    return period.map((tier: unknown, t) => {
      if (!isRecord(tier)) invalid(`${name} period ${p} tier ${t}: expected an object, got ${describe(tier)}`);
      return Object.fromEntries(Object.entries(tier).map(([k, v]) => [k.toLowerCase(), v]));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Tiers

type TierTable = Record<string, unknown>[][];

/** rate + adj of a tier, exact; a missing rate is an error (`missingRate` says where). */
function tierPrice(tier: Record<string, unknown>, at: string, missingRate: string): string {
  if (tier.rate === undefined || tier.rate === null) invalid(`${missingRate}: rate is missing`);
  const rate = decimalText(tier.rate, `${at} rate`);
  const adj = tier.adj === undefined || tier.adj === null ? '0' : decimalText(tier.adj, `${at} adj`);
  return addDecimals(rate, adj);
}

/** Whether every tier's price (missing rate or adj counting as 0) is zero. */
function allZero(key: string, table: TierTable): boolean {
  return table.every((tiers, p) =>
    tiers.every((tier, t) => {
      const at = `${key} period ${p} tier ${t}`;
      const rate = tier.rate === undefined || tier.rate === null ? '0' : decimalText(tier.rate, `${at} rate`);
      const adj = tier.adj === undefined || tier.adj === null ? '0' : decimalText(tier.adj, `${at} adj`);
      return isZero(addDecimals(rate, adj));
    }),
  );
}

/** "a, b, c and 2 more". */
function listSome(places: readonly string[]): string {
  return places.length <= 3 ? places.join(', ') : `${places.slice(0, 3).join(', ')} and ${places.length - 3} more`;
}

/**
 * The tiers of every period: prices, and bounds (URDB `max`, cumulative, in kWh or kW) × 1000 in
 * Wh or W. Every tier but the last needs a bound, increasing from above 0; a bound on the last tier
 * would leave what lies above it unpriced, so it is refused (`limit` names that feature).
 */
function readTiers(key: string, table: TierTable, quantity: 'kWh' | 'kW', limit: string, unsupported: string[]): TierDraft[][] {
  const base = quantity === 'kWh' ? 'Wh' : 'W';
  return table.map((tiers, p) => {
    const where = `${key} period ${p}`;
    if (tiers.length === 0) invalid(`${where}: has no tiers`);
    if (tiers.length > MAX_TIERS) unsupported.push(`more than ${MAX_TIERS} tiers (${where} has ${tiers.length})`);
    let prev: { bound: bigint; text: string } | undefined;
    return tiers.map((tier, t): TierDraft => {
      const at = tiers.length > 1 ? `${where} tier ${t}` : where;
      const price = tierPrice(tier, at, `${where} tier ${t}`);
      const last = t === tiers.length - 1;
      if (tier.max === undefined || tier.max === null) {
        if (!last) invalid(`${at}: max is missing (every tier but the last needs the upper bound of its cumulative ${quantity})`);
        return { price };
      }
      const max = decimalText(tier.max, `${at} max`);
      if (last) {
        unsupported.push(`${limit} (${at} has max ${max} ${quantity} and no tier above it)`);
        return { price };
      }
      if (max.startsWith('-') || isZero(max)) invalid(`${at} max ${max} ${quantity}: a tier bound must be above 0`);
      let bound: bigint;
      try {
        bound = parseDecimal(max, 3);
      } catch {
        unsupported.push(`tier bounds finer than 1 ${base} (${at} max ${max} ${quantity})`);
        return { price };
      }
      if (prev && bound <= prev.bound) invalid(`${at} max ${max} ${quantity}: tier bounds must increase (the tier below ends at ${prev.text} ${quantity})`);
      prev = { bound, text: max };
      return { price, upTo: bound };
    });
  });
}

/** Same prices and bounds (labels aside). */
function sameTiers(a: readonly TierDraft[], b: readonly TierDraft[]): boolean {
  return a.length === b.length && a.every((t, j) => sameDecimal(t.price, b[j]!.price) && t.upTo === b[j]!.upTo);
}

// ---------------------------------------------------------------------------------------------
// Features refused in this version

/**
 * Coincident demand, ratchets, reactive power and the like need quantities (the system peak, a
 * history of months, kVAR) that meterproof does not compute. A charge needing data the meter does
 * not measure may be left out on request (`leaveOut`); it then goes to `omitted`.
 */
function refuseUnpricedFeatures(item: Item, leaveOut: ReadonlySet<string>, unsupported: string[], omitted: string[], notes: string[]): void {
  const coincidentTable = item.structured('coincidentratestructure');
  if (coincidentTable !== undefined) {
    const table = readTierTable('coincidentratestructure', coincidentTable);
    const found: string[] = [];
    table.forEach((period, p) =>
      period.forEach((tier, t) => {
        const at = `coincidentratestructure period ${p} tier ${t}`;
        const rate = tier.rate === undefined || tier.rate === null ? '0' : decimalText(tier.rate, `${at} rate`);
        const adj = tier.adj === undefined || tier.adj === null ? '0' : decimalText(tier.adj, `${at} adj`);
        const price = addDecimals(rate, adj);
        if (!isZero(price)) found.push(`period ${p}${period.length > 1 ? ` tier ${t}` : ''}: ${price}`);
      }),
    );
    if (found.length > 0) {
      unsupported.push(`coincident demand charges (coincidentratestructure ${listSome(found)} $/${item.text('coincidentrateunit') ?? 'kW'})`);
    }
  }

  for (const [key, leavable] of Object.entries(LEAVABLE)) {
    const v = item.get(key);
    if (v === undefined) continue;
    const t = decimalText(v, key);
    if (isZero(t)) continue;
    const what = `${leavable.charge} (${key} ${t} ${leavable.unit})`;
    if (leaveOut.has(key)) {
      omitted.push(`${what}: the meter does not measure ${leavable.unmeasured}`);
      notes.push(`left out on request: ${what}; the tariff lists it under "omitted" and bills will not include it`);
    } else {
      unsupported.push(
        `${leavable.charge} (${key} ${t} ${leavable.unit}; needs ${leavable.unmeasured} readings, which the meter does not measure: leave it out explicitly with --leave-out ${key} to import the rest)`,
      );
    }
  }

  const scalar = (key: string, feature: (value: string) => string): void => {
    const v = item.get(key);
    if (v === undefined) return;
    const t = decimalText(v, key);
    if (!isZero(t)) unsupported.push(feature(t));
  };
  scalar('lookbackpercent', (t) => `demand ratchet (lookbackpercent ${t})`);
  scalar('lookbackrange', (t) => `demand ratchet (lookbackrange ${t})`);
  scalar('fixedchargeeaaddl', (t) => `additional-meter fixed charge (fixedchargeeaaddl ${t})`);

  // Lists of 12 monthly values: any non-zero (or true) entry is a price rule.
  const monthly = (key: string, feature: string): void => {
    const v = item.structured(key);
    if (v === undefined) return;
    if (!Array.isArray(v)) invalid(`${key}: expected a list of 12 monthly values, got ${describe(v)}`);
    const used = v.some((x: unknown, i) => {
      if (typeof x === 'boolean') return x;
      return x !== null && !isZero(decimalText(x, `${key}[${i}]`));
    });
    if (used) unsupported.push(`${feature} (${key})`);
  };
  monthly('lookbackmonths', 'demand ratchet');
  monthly('demandratchetpercentage', 'demand ratchet');
  monthly('fueladjustmentsmonthly', 'monthly fuel adjustments');
}

// ---------------------------------------------------------------------------------------------
// Energy

const fill = (p: number): number[][] => Array.from({ length: 12 }, () => new Array<number>(24).fill(p));

function readEnergy(item: Item, tierBasis: TierBasis | undefined, exportCredit: boolean, unsupported: string[], notes: string[]): EnergyDraft | undefined {
  const KEY = 'energyratestructure';
  const structure = item.structured(KEY);
  const weekdayRaw = item.structured('energyweekdayschedule');
  const weekendRaw = item.structured('energyweekendschedule');
  if (structure === undefined) {
    if (weekdayRaw !== undefined || weekendRaw !== undefined) invalid('energyratestructure: missing, but energy schedules are given');
    return undefined;
  }
  const table = readTierTable(KEY, structure);
  if (table.length === 0) invalid('energyratestructure: has no periods');

  // Units, sell rates and unknown tier fields.
  const units = new Map<'kWh' | 'kWh daily', string>(); // unit → first place it is used
  const perKw: string[] = [];
  // Sell rate of each tier (missing = 0), for exportCredit.
  const sells: string[][] = table.map(() => []);
  table.forEach((tiers, p) =>
    tiers.forEach((tier, t) => {
      const at = tiers.length > 1 ? `${KEY} period ${p} tier ${t}` : `${KEY} period ${p}`;
      const unit = tier.unit;
      const norm = unit === undefined || unit === null ? 'kwh' : typeof unit === 'string' ? unit.trim().toLowerCase().replace(/\s+/g, ' ') : '';
      if (norm === 'kwh' || norm === 'kwh daily') {
        const u = norm === 'kwh' ? 'kWh' : 'kWh daily';
        if (!units.has(u)) units.set(u, at);
      } else if (norm === 'kwh/kw') {
        perKw.push(at);
      } else {
        unsupported.push(`energy tier unit ${JSON.stringify(unit)} (${at})`);
      }
      const sell = tier.sell === undefined || tier.sell === null ? '0' : decimalText(tier.sell, `${at} sell`);
      sells[p]!.push(sell);
      if (!isZero(sell) && !exportCredit) unsupported.push(`sell rates (${at} sell ${sell} $/kWh) unless imported as an export credit (--export-credit)`);
      if (sell.startsWith('-') && exportCredit) invalid(`${at} sell ${sell} $/kWh: a sell rate is a credit per kWh exported and cannot be negative`);
      for (const key of Object.keys(tier)) {
        if (!['rate', 'adj', 'max', 'unit', 'sell'].includes(key)) unsupported.push(`energy tier field "${key}" (${at})`);
      }
    }),
  );
  if (perKw.length > 0) unsupported.push(`kWh/kW tier units (tiers that grow with peak demand: ${listSome(perKw)})`);
  if (units.size > 1) {
    unsupported.push(`mixed energy tier units (${KEY}: "kWh" in ${units.get('kWh')}, "kWh daily" in ${units.get('kWh daily')})`);
  }
  const per = units.size === 1 && units.has('kWh daily') ? 'day' : 'month';

  const tiers = readTiers(KEY, table, 'kWh', 'energy usage limit', unsupported);
  const labels = periodLabels(item.structured('energytoulabels'), table.length, notes);
  let weekday: number[][];
  let weekend: number[][];
  if (weekdayRaw === undefined && weekendRaw === undefined && table.length === 1) {
    // A flat rate needs no schedule: every hour is period 0.
    weekday = weekend = fill(0);
    notes.push('no energy schedules: the single energy period applies at all hours');
  } else {
    weekday = readSchedule('energyweekdayschedule', weekdayRaw, table.length, KEY);
    weekend = readSchedule('energyweekendschedule', weekendRaw, table.length, KEY);
  }
  const periods = tiers.map((t, p) => ({ label: labels[p]!, tiers: t }));
  const sell = exportCredit ? readSell(item, sells, unsupported, notes) : undefined;

  const plain = tiers.every((t) => t.length === 1);
  if (plain) {
    // One tier per period and no bound: a price per kWh, whatever the tier unit says.
    if (per === 'day') notes.push('energy tier unit "kWh daily" has no effect: no energy tier has a max');
    if (tierBasis !== undefined) notes.push(`tier basis "${tierBasis}" has no effect: the energy rates have no tiers`);
    noteUnused('energy', periods, weekday, weekend, notes);
    return { kind: 'tou', periods, weekday, weekend, ...(sell ? { sell } : {}) };
  }

  const bounds = per === 'day' ? 'kWh per day billed' : 'kWh in the billing month';
  if (periods.length === 1) {
    return { kind: 'tiered', basis: 'total', per, periods, weekday, weekend, ...(sell ? { sell } : {}) };
  }
  if (tierBasis === 'total') {
    const differ = periods.findIndex((p) => !sameTiers(p.tiers, periods[0]!.tiers));
    if (differ >= 0) {
      badOption(
        `tier basis "total" splits all kWh of the month by one set of tiers, so every energy period needs the same tiers; ` +
          `energyratestructure period 0 and period ${differ} differ (use tier basis "per-period")`,
      );
    }
    const names = new Set(periods.map((p) => p.label));
    const label = names.size === 1 ? periods[0]!.label : 'all periods';
    notes.push(`energy tiers count all ${bounds} together (tier basis total): the ${periods.length} periods have the same tiers and are priced as one`);
    if (sell) unsupported.push('sell rates with tier basis "total" (the export credit needs the time-of-use periods the total merges)');
    return { kind: 'tiered', basis: 'total', per, periods: [{ label, tiers: periods[0]!.tiers }], weekday: fill(0), weekend: fill(0) };
  }
  notes.push(
    `energy tiers count per time-of-use period: each period's own ${bounds} is split by that period's tiers ` +
      `(URDB does not say; tier basis "total" counts all kWh together when every period has the same tiers)`,
  );
  noteUnused('energy', periods, weekday, weekend, notes);
  return { kind: 'tiered', basis: 'per-period', per, periods, weekday, weekend, ...(sell ? { sell } : {}) };
}

/**
 * The sell rate of each energy period ($/kWh credited per kWh exported), for exportCredit: one per
 * period, so every tier of a period must have the same one. Undefined (and a `urdb.option` error) when
 * the tariff has no sell rate at all; netting rules the import cannot express are refused by name.
 */
function readSell(item: Item, sells: string[][], unsupported: string[], notes: string[]): string[] | undefined {
  if (sells.every((tiers) => tiers.every(isZero))) badOption('export credit: this tariff has no sell rates (energyratestructure "sell"), so there is no export to credit');
  const perPeriod = sells.map((tiers, p) => {
    if (tiers.some((t) => !sameDecimal(t, tiers[0]!))) unsupported.push(`sell rates that differ between the tiers of a period (energyratestructure period ${p}: ${tiers.join(', ')} $/kWh)`);
    return tiers[0]!;
  });
  const dg = item.text('dgrules');
  const rule = dg?.toLowerCase();
  if (rule === 'net billing hourly') unsupported.push(`hourly net billing (dgrules "${dg}": import and export netted each hour)`);
  else if (rule === 'net metering') {
    if (sells.some((tiers) => tiers.length > 1)) unsupported.push(`net metering with tiered energy rates (dgrules "${dg}")`);
    notes.push(`dgrules "${dg}": import and export (register 1) are netted per time-of-use period over the billing period; a positive net is charged at the energy rate, a negative one credited at the sell rate`);
  } else if (rule === undefined || rule === 'net billing instantaneous' || rule === 'buy all sell all') {
    notes.push(`export (register 1 of the meter, after import as register 0) is credited per kWh at the sell rate of its hour's energy period${dg ? ` (dgrules "${dg}")` : ''}`);
  } else unsupported.push(`distributed generation rule dgrules "${dg}"`);
  return perPeriod;
}

function noteUnused(what: string, periods: readonly PeriodDraft[], weekday: number[][], weekend: number[][], notes: string[]): void {
  const used = new Set([...weekday.flat(), ...weekend.flat()]);
  periods.forEach((period, p) => {
    if (!used.has(p)) notes.push(`${what} period ${p} ("${period.label}") is not used by either schedule`);
  });
}

function periodLabels(raw: unknown, count: number, notes: string[]): string[] {
  const given: unknown[] = raw === undefined ? [] : Array.isArray(raw) ? raw : invalid(`energytoulabels: expected a list of names, got ${describe(raw)}`);
  if (raw !== undefined && given.length !== count) {
    notes.push(`energytoulabels has ${given.length} names for ${count} energy periods; unnamed periods are called "period N"`);
  }
  return Array.from({ length: count }, (_, p) => {
    const l = given[p];
    return typeof l === 'string' && l.trim() !== '' ? l.trim().slice(0, 200) : `period ${p}`;
  });
}

/** A 12 × 24 matrix of period indexes, each naming a period of `structure` that exists. */
function readSchedule(name: string, raw: unknown, periods: number, structure: string): number[][] {
  if (raw === undefined) invalid(`${name}: missing (needed when ${structure} has ${periods} periods)`);
  if (!Array.isArray(raw) || raw.length !== 12) invalid(`${name}: expected 12 months of 24 hours, got ${Array.isArray(raw) ? `${raw.length} months` : describe(raw)}`);
  return raw.map((row: unknown, m) => {
    const month = `${name} month ${m} (${MONTHS[m]})`;
    if (!Array.isArray(row) || row.length !== 24) invalid(`${month}: expected 24 hours, got ${Array.isArray(row) ? row.length : describe(row)}`);
    return row.map((v: unknown, h) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) invalid(`${month} hour ${h}: expected a period index, got ${describe(v)}`);
      if (v >= periods) invalid(`${month} hour ${h}: period ${v} does not exist (${structure} has ${periods} periods, 0 to ${periods - 1})`);
      return v;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Demand

/**
 * The tier table of a demand structure, or undefined when there is none or every price is zero
 * (noted). Demand is priced per kW of the largest interval demand; other units are refused.
 */
function readDemandTiers(item: Item, key: string, name: string, unitKey: string, unsupported: string[], notes: string[]): TierDraft[][] | undefined {
  const raw = item.structured(key);
  if (raw === undefined) return undefined;
  const table = readTierTable(key, raw);
  if (table.length === 0 || allZero(key, table)) {
    notes.push(`${key} has no non-zero price: no ${name} charge`);
    return undefined;
  }
  for (const k of [unitKey, 'demandunits']) {
    const u = item.get(k);
    if (u !== undefined && !(typeof u === 'string' && u.trim().toLowerCase() === 'kw')) {
      unsupported.push(`demand unit ${JSON.stringify(u)} (${k}; meterproof prices demand in kW)`);
    }
  }
  table.forEach((tiers, p) =>
    tiers.forEach((tier, t) => {
      const at = tiers.length > 1 ? `${key} period ${p} tier ${t}` : `${key} period ${p}`;
      for (const [field, v] of Object.entries(tier)) {
        if (field === 'unit') {
          if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim().toLowerCase() === 'kw')) {
            unsupported.push(`demand unit ${JSON.stringify(v)} (${at}; meterproof prices demand in kW)`);
          }
        } else if (!['rate', 'adj', 'max'].includes(field)) {
          unsupported.push(`demand tier field "${field}" (${at})`);
        }
      }
    }),
  );
  const read = readTiers(key, table, 'kW', 'demand limit', unsupported);
  // The proof bounds the peak from one side only (a user may overstate it), so a demand price must
  // never fall as demand grows: no tier may have a negative price (src/tariff/limits.ts).
  read.forEach((tiers, p) =>
    tiers.forEach((tier, t) => {
      if (tier.price.startsWith('-') && !isZero(tier.price)) {
        const at = tiers.length > 1 ? `${key} period ${p} tier ${t}` : `${key} period ${p}`;
        invalid(`${at}: rate + adj is ${tier.price} $/kW, a negative demand price; meterproof refuses it, because a demand charge must not fall as demand grows (a bill proves only an upper bound on the peak)`);
      }
    }),
  );
  return read;
}

/** Flat demand: each month's largest demand, priced by the period `flatdemandmonths` gives the month. */
function readFlatDemand(item: Item, unsupported: string[], notes: string[]): DemandDraft | undefined {
  const KEY = 'flatdemandstructure';
  const tiers = readDemandTiers(item, KEY, 'flat demand', 'flatdemandunit', unsupported, notes);
  if (!tiers) return undefined;
  const raw = item.structured('flatdemandmonths');
  let months: number[];
  if (raw === undefined) {
    if (tiers.length !== 1) invalid(`flatdemandmonths: missing (needed when ${KEY} has ${tiers.length} periods)`);
    months = new Array<number>(12).fill(0);
    notes.push('no flatdemandmonths: the single flat demand period applies in every month');
  } else {
    if (!Array.isArray(raw) || raw.length !== 12) {
      invalid(`flatdemandmonths: expected 12 period indexes (one a month), got ${Array.isArray(raw) ? `${raw.length}` : describe(raw)}`);
    }
    months = raw.map((v: unknown, m) => {
      const month = `flatdemandmonths month ${m} (${MONTHS[m]})`;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) invalid(`${month}: expected a period index, got ${describe(v)}`);
      if (v >= tiers.length) invalid(`${month}: period ${v} does not exist (${KEY} has ${tiers.length} periods, 0 to ${tiers.length - 1})`);
      return v;
    });
  }
  const periods = tiers.map((t, p) => {
    const inMonths = months.flatMap((q, m) => (q === p ? [MONTHS[m]!] : []));
    if (inMonths.length === 0) notes.push(`flat demand period ${p} is not used by any month (flatdemandmonths)`);
    const label = inMonths.length === 12 ? 'all months' : inMonths.length === 0 ? `period ${p}` : inMonths.join(', ');
    return { label, tiers: t };
  });
  const schedule = months.map((p) => new Array<number>(24).fill(p));
  return { name: 'flat demand', periods, weekday: schedule, weekend: schedule.map((row) => [...row]) };
}

/** Time-of-use demand: the largest demand of each period in the month, priced by that period's tiers. */
function readTouDemand(item: Item, unsupported: string[], notes: string[]): DemandDraft | undefined {
  const KEY = 'demandratestructure';
  const tiers = readDemandTiers(item, KEY, 'time-of-use demand', 'demandrateunit', unsupported, notes);
  if (!tiers) return undefined;
  const weekdayRaw = item.structured('demandweekdayschedule');
  const weekendRaw = item.structured('demandweekendschedule');
  let weekday: number[][];
  let weekend: number[][];
  if (weekdayRaw === undefined && weekendRaw === undefined && tiers.length === 1) {
    weekday = weekend = fill(0);
    notes.push('no demand schedules: the single time-of-use demand period applies at all hours');
  } else {
    weekday = readSchedule('demandweekdayschedule', weekdayRaw, tiers.length, KEY);
    weekend = readSchedule('demandweekendschedule', weekendRaw, tiers.length, KEY);
  }
  const periods = tiers.map((t, p) => ({ label: `period ${p}`, tiers: t }));
  noteUnused('time-of-use demand', periods, weekday, weekend, notes);
  return { name: 'time-of-use demand', periods, weekday, weekend };
}

function noteDemandWindow(item: Item, notes: string[]): void {
  const window = item.get('demandwindow');
  notes.push(
    'demand is the largest average power over one meter interval (W = Wh × 3600 / interval seconds)' +
      (window === undefined ? '' : `; URDB demandwindow is ${describe(window)} minutes, so bill from readings of that length`),
  );
}

// ---------------------------------------------------------------------------------------------
// Fixed and minimum charges

function readFixedCharge(item: Item, unsupported: string[], notes: string[]): AmountDraft | undefined {
  const firstRaw = item.get('fixedchargefirstmeter');
  const olderRaw = item.get('fixedmonthlycharge');
  const first = firstRaw === undefined ? undefined : decimalText(firstRaw, 'fixedchargefirstmeter');
  const older = olderRaw === undefined ? undefined : decimalText(olderRaw, 'fixedmonthlycharge');
  const firstSet = first !== undefined && !isZero(first);
  const olderSet = older !== undefined && !isZero(older);
  if (firstSet && olderSet && first !== older) {
    invalid(`fixedchargefirstmeter (${first}) and fixedmonthlycharge (${older}) disagree; cannot tell which fixed charge applies`);
  }
  if (firstSet) {
    const rawUnits = item.get('fixedchargeunits');
    const units = typeof rawUnits === 'string' ? rawUnits.trim() : rawUnits;
    if (units === undefined) notes.push('fixedchargeunits missing: fixedchargefirstmeter taken as $/month (the URDB default)');
    const per = units === undefined || units === '$/month' ? 'month' : units === '$/day' ? 'day' : undefined;
    if (per === undefined) {
      unsupported.push(`fixed charge unit ${JSON.stringify(units)} (fixedchargefirstmeter ${first})`);
      return undefined;
    }
    return { amount: first, per };
  }
  if (olderSet) return { amount: older, per: 'month' };
  return undefined;
}

/** `mincharge` (with `minchargeunits`) or the older `minmonthlycharge`; an annual minimum is refused. */
function readMinimum(item: Item, unsupported: string[], notes: string[]): AmountDraft | undefined {
  const value = (key: string): string | undefined => {
    const v = item.get(key);
    if (v === undefined) return undefined;
    const t = decimalText(v, key);
    if (isZero(t)) return undefined;
    if (t.startsWith('-')) invalid(`${key}: a minimum charge cannot be negative (${t})`);
    return t;
  };
  const annual = value('annualmincharge');
  if (annual !== undefined) unsupported.push(`annual minimum charge (annualmincharge ${annual} $/year)`);

  let fromMin: AmountDraft | undefined;
  const min = value('mincharge');
  if (min !== undefined) {
    const rawUnits = item.get('minchargeunits');
    const units = typeof rawUnits === 'string' ? rawUnits.trim().toLowerCase() : rawUnits;
    if (units === undefined) notes.push('minchargeunits missing: mincharge taken as $/month');
    if (units === undefined || units === '$/month') fromMin = { amount: min, per: 'month' };
    else if (units === '$/day') fromMin = { amount: min, per: 'day' };
    else if (units === '$/year') unsupported.push(`annual minimum charge (mincharge ${min} $/year)`);
    else unsupported.push(`minimum charge unit ${JSON.stringify(rawUnits)} (mincharge ${min})`);
  }
  const monthly = value('minmonthlycharge');
  const fromMonthly: AmountDraft | undefined = monthly === undefined ? undefined : { amount: monthly, per: 'month' };
  if (fromMin && fromMonthly && (fromMin.per !== fromMonthly.per || !sameDecimal(fromMin.amount, fromMonthly.amount))) {
    invalid(`mincharge (${fromMin.amount} $/${fromMin.per}) and minmonthlycharge (${fromMonthly.amount} $/month) disagree; cannot tell which minimum charge applies`);
  }
  return fromMin ?? fromMonthly;
}

// ---------------------------------------------------------------------------------------------
// Everything else

function noteInformational(item: Item, unsupported: string[], notes: string[], exportCredited: boolean): void {
  const eligibility = ELIGIBILITY.filter((k) => item.get(k) !== undefined).map((k) => `${k} ${describe(item.get(k))}`);
  if (eligibility.length > 0) notes.push(`eligibility limits are not prices and are not checked: ${eligibility.join(', ')}`);

  for (const key of ATTRS) {
    const v = item.structured(key);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) {
      notes.push(`${key} is informational and was not applied: ${describe(v)}`);
    }
  }
  const dg = item.text('dgrules');
  if (dg && !exportCredited) notes.push(`dgrules "${dg}" not applied: only import energy (register 0) is priced`);
  if (item.get('approved') === false) notes.push('this URDB item is not approved (not reviewed by URDB editors)');
  const end = item.get('enddate');
  if (end !== undefined) notes.push(`the URDB item has an end date (enddate ${describe(end)})`);
  const supersedes = item.text('supersedes');
  if (supersedes) notes.push(`supersedes URDB item ${supersedes}`);

  for (const name of item.names()) {
    if (DESCRIPTIVE.has(name) || PRICED.has(name) || ELIGIBILITY.includes(name) || ATTRS.includes(name)) continue;
    const v = item.get(name);
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (PRICE_LIKE.test(name)) unsupported.push(`unrecognised field "${name}"`);
    else notes.push(`ignored unrecognised field "${name}"`);
  }
}

function tariffId(given: string | undefined, label: string | undefined, name: string | undefined): string {
  if (given !== undefined) {
    if (!ID_RE.test(given)) invalid(`id "${given}": use 1 to 128 letters, digits and . _ : -`);
    return given;
  }
  const base = label ?? name ?? 'tariff';
  const cleaned = base.replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^-+|-+$/g, '') || 'tariff';
  return `urdb-${cleaned}`.slice(0, 128);
}

function clip(text: string, notes: string[], what: string): string {
  if (text.length <= 200) return text;
  notes.push(`${what} shortened to 200 characters`);
  return text.slice(0, 200);
}

/** Provenance fields, only those present and of a JSON scalar type. */
function sourceRecord(item: Item): Record<string, string | number | boolean> {
  const source: Record<string, string | number | boolean> = {};
  const pairs: [string, string][] = [['urdb', 'label'], ['uri', 'uri'], ['utility', 'utility'], ['name', 'name'], ['startdate', 'startdate']];
  for (const [out, key] of pairs) {
    const v = item.get(key);
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) source[out] = v;
  }
  return source;
}
