/**
 * OpenEI Utility Rate Database (URDB, API v7) item → meterproof tariff.
 *
 * The importer is deliberately conservative. A bill proven against a tariff that silently dropped
 * a demand charge or a minimum charge would be a wrong bill with a valid proof, so every priced
 * feature this version cannot express is refused BY NAME (all of them in one message,
 * `urdb.unsupported`), and malformed input is refused naming the field (`urdb.invalid`).
 * Fields that are not prices (eligibility limits, comments, attribute lists) are accepted and
 * reported in `notes`.
 *
 * Money is exact: URDB's JSON numbers are turned into the decimal text the publisher wrote
 * (`numberToDecimalText`) and added as integers, never as floats.
 */
import { MeterproofError } from '../core/errors.js';
import { TariffSchema, type Tariff, type TariffComponent } from './model.js';
import { decimalPlaces, formatDecimal, numberToDecimalText, parseDecimal } from './money.js';
import { parsePyLiteral } from './pylist.js';

export interface UrdbImportOptions {
  /** IANA time zone the schedules' local hours are taken in (URDB does not record one). */
  timezone: string;
  /** Index into `items[]` of a URDB response; default 0. */
  item?: number;
  /** Tariff id; default `urdb-<label>`. */
  id?: string;
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

/** Descriptive fields: read for the name/source or not at all. None of them changes a price. */
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

/** An unknown field whose name looks like money is refused rather than ignored. */
const PRICE_LIKE = /rate|charge|price|adj|fee|credit|tier|sell|ratchet|lookback|fuel|demand|cost|tax|rider/i;

function invalid(message: string): never {
  throw new MeterproofError('urdb.invalid', message);
}

/**
 * Imports one URDB item. `json` is a bare item or a response `{ items: [...] }` (already
 * JSON-parsed). Throws `urdb.invalid` or `urdb.unsupported`, never anything else.
 */
export function importUrdb(json: unknown, opts: UrdbImportOptions): UrdbImport {
  checkTimezone(opts.timezone);
  const item = new Item(pickItem(json, opts.item ?? 0));
  const notes: string[] = [];
  const unsupported: string[] = [];

  refuseUnpricedFeatures(item, unsupported);
  const energy = readEnergy(item, unsupported, notes);
  const fixed = readFixedCharge(item, unsupported, notes);
  noteInformational(item, unsupported, notes);

  if (unsupported.length > 0) {
    throw new MeterproofError(
      'urdb.unsupported',
      `this tariff uses features meterproof cannot price yet: ${unsupported.join(', ')}`,
    );
  }
  if (!energy) invalid('energyratestructure: missing; meterproof imports tariffs that price energy');

  // k: the smallest scale (at least MIN_SCALE) at which every price is an exact integer.
  // $/kWh → $/Wh divides by 1000, so a rate with d decimals in $/kWh needs d + 3.
  const needed = [
    ...energy.periods.map((p) => decimalPlaces(p.perKwh) + 3),
    ...(fixed ? [decimalPlaces(fixed.amount)] : []),
  ];
  const scale = Math.max(MIN_SCALE, ...needed);
  if (scale > MAX_SCALE) {
    throw new MeterproofError(
      'urdb.unsupported',
      `this tariff uses features meterproof cannot price yet: prices finer than 10^-${MAX_SCALE} $/Wh (more than ${MAX_SCALE - 3} decimal places in $/kWh)`,
    );
  }
  if (scale > MIN_SCALE) notes.push(`scale ${scale}: a price needs ${scale} decimal places of a dollar per Wh to be exact`);

  const components: TariffComponent[] = [];
  if (fixed) {
    // parseDecimal throws on an inexact value, so the amounts are exact by construction.
    components.push({ kind: 'fixed', name: 'fixed charge', amount: parseDecimal(fixed.amount, scale).toString(), per: fixed.per });
  }
  components.push({
    kind: 'tou-energy',
    name: 'energy',
    register: 0,
    // A $/kWh decimal read at scale k-3 is the same integer as the $/Wh price at scale k.
    periods: energy.periods.map((p) => ({ label: p.label, rate: parseDecimal(p.perKwh, scale - 3).toString() })),
    weekday: energy.weekday,
    weekend: energy.weekend,
  });

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
    rounding: { decimals: 2, mode: 'half-up' },
    components,
    source: sourceRecord(item),
  };
  const parsed = TariffSchema.safeParse(draft);
  if (!parsed.success) {
    // Should not happen for input that got this far; still an error naming the field, not a stack trace.
    invalid(`the imported tariff is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { tariff: parsed.data, notes };
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
// Features refused in this version

/**
 * Demand charges, ratchets, minimum charges and the like need quantities (peak kW, kVAR, a
 * history of months, a monthly floor) that the energy proof does not compute yet.
 */
function refuseUnpricedFeatures(item: Item, unsupported: string[]): void {
  const demandUnit = (key: string): string => item.text(key) ?? 'kW';

  const nonZeroPrices = (key: string): string | undefined => {
    const table = item.structured(key);
    if (table === undefined) return undefined;
    const found: string[] = [];
    readTierTable(key, table).forEach((period, p) =>
      period.forEach((tier, t) => {
        const rate = tier.rate === undefined || tier.rate === null ? '0' : decimalText(tier.rate, `${key} period ${p} tier ${t} rate`);
        const adj = tier.adj === undefined || tier.adj === null ? '0' : decimalText(tier.adj, `${key} period ${p} tier ${t} adj`);
        const price = addDecimals(rate, adj);
        if (!isZero(price)) found.push(`period ${p}${period.length > 1 ? ` tier ${t}` : ''}: ${price}`);
      }),
    );
    if (found.length === 0) return undefined;
    return found.length <= 3 ? found.join(', ') : `${found.slice(0, 3).join(', ')} and ${found.length - 3} more`;
  };

  const flat = nonZeroPrices('flatdemandstructure');
  if (flat) unsupported.push(`flat demand charges (flatdemandstructure ${flat} $/${demandUnit('flatdemandunit')})`);
  const tou = nonZeroPrices('demandratestructure');
  if (tou) unsupported.push(`time-of-use demand charges (demandratestructure ${tou} $/${demandUnit('demandrateunit')})`);
  const coincident = nonZeroPrices('coincidentratestructure');
  if (coincident) {
    unsupported.push(`coincident demand charges (coincidentratestructure ${coincident} $/${demandUnit('coincidentrateunit')})`);
  }

  const scalar = (key: string, feature: (value: string) => string): void => {
    const v = item.get(key);
    if (v === undefined) return;
    const t = decimalText(v, key);
    if (!isZero(t)) unsupported.push(feature(t));
  };
  scalar('demandreactivepowercharge', (t) => `reactive power demand charge (demandreactivepowercharge ${t} $/kVAR; needs kVAR readings)`);
  const minUnits = item.text('minchargeunits') ?? '$/month';
  scalar('mincharge', (t) => `minimum charge (mincharge ${t} ${minUnits})`);
  scalar('minmonthlycharge', (t) => `minimum charge (minmonthlycharge ${t} $/month)`);
  scalar('annualmincharge', (t) => `annual minimum charge (annualmincharge ${t} $/year)`);
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

interface Energy {
  periods: { label: string; perKwh: string }[];
  weekday: number[][];
  weekend: number[][];
}

function readEnergy(item: Item, unsupported: string[], notes: string[]): Energy | undefined {
  const structure = item.structured('energyratestructure');
  const weekdayRaw = item.structured('energyweekdayschedule');
  const weekendRaw = item.structured('energyweekendschedule');
  if (structure === undefined) {
    if (weekdayRaw !== undefined || weekendRaw !== undefined) invalid('energyratestructure: missing, but energy schedules are given');
    return undefined;
  }
  const table = readTierTable('energyratestructure', structure);
  if (table.length === 0) invalid('energyratestructure: has no periods');

  const tiered: string[] = [];
  const periods = table.map((tiers, p) => {
    const where = `energyratestructure period ${p}`;
    if (tiers.length === 0) invalid(`${where}: has no tiers`);
    if (tiers.length > 1) tiered.push(`period ${p} has ${tiers.length} tiers`);
    tiers.forEach((tier, t) => {
      const at = tiers.length > 1 ? `${where} tier ${t}` : where;
      const unit = tier.unit;
      if (unit !== undefined && unit !== null && String(unit).toLowerCase() !== 'kwh') unsupported.push(`energy tier unit ${JSON.stringify(unit)} (${at})`);
      if (tier.sell !== undefined && tier.sell !== null) {
        const sell = decimalText(tier.sell, `${at} sell`);
        if (!isZero(sell)) unsupported.push(`sell rates (${at} sell ${sell} $/kWh)`);
      }
      for (const key of Object.keys(tier)) {
        if (!['rate', 'adj', 'max', 'unit', 'sell'].includes(key)) unsupported.push(`energy tier field "${key}" (${at})`);
      }
    });
    // A single tier with a usage cap leaves energy above the cap unpriced: refuse, do not guess.
    const only = tiers[0]!;
    if (tiers.length === 1 && only.max !== undefined && only.max !== null) {
      unsupported.push(`energy usage limit (${where} has max ${decimalText(only.max, `${where} max`)} kWh and no tier above it)`);
    }
    if (only.rate === undefined || only.rate === null) invalid(`${where} tier 0: rate is missing`);
    const rate = decimalText(only.rate, `${where} rate`);
    const adj = only.adj === undefined || only.adj === null ? '0' : decimalText(only.adj, `${where} adj`);
    return addDecimals(rate, adj);
  });
  if (tiered.length > 0) unsupported.push(`tiered energy rates (energyratestructure ${tiered.join(', ')})`);

  const labels = periodLabels(item.structured('energytoulabels'), periods.length, notes);
  let weekday: number[][];
  let weekend: number[][];
  if (weekdayRaw === undefined && weekendRaw === undefined && periods.length === 1) {
    // A flat rate needs no schedule: every hour is period 0.
    weekday = weekend = Array.from({ length: 12 }, () => new Array<number>(24).fill(0));
    notes.push('no energy schedules: the single energy period applies at all hours');
  } else {
    weekday = readSchedule('energyweekdayschedule', weekdayRaw, periods.length);
    weekend = readSchedule('energyweekendschedule', weekendRaw, periods.length);
  }
  const used = new Set([...weekday.flat(), ...weekend.flat()]);
  periods.forEach((_, p) => {
    if (!used.has(p)) notes.push(`energy period ${p} ("${labels[p]}") is not used by either schedule`);
  });
  return { periods: periods.map((perKwh, p) => ({ label: labels[p]!, perKwh })), weekday, weekend };
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

/** A 12 × 24 matrix of period indexes, each naming a period that exists. */
function readSchedule(name: string, raw: unknown, periods: number): number[][] {
  if (raw === undefined) invalid(`${name}: missing (needed when energyratestructure has ${periods} periods)`);
  if (!Array.isArray(raw) || raw.length !== 12) invalid(`${name}: expected 12 months of 24 hours, got ${Array.isArray(raw) ? `${raw.length} months` : describe(raw)}`);
  return raw.map((row: unknown, m) => {
    const month = `${name} month ${m} (${MONTHS[m]})`;
    if (!Array.isArray(row) || row.length !== 24) invalid(`${month}: expected 24 hours, got ${Array.isArray(row) ? row.length : describe(row)}`);
    return row.map((v: unknown, h) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) invalid(`${month} hour ${h}: expected a period index, got ${describe(v)}`);
      if (v >= periods) invalid(`${month} hour ${h}: period ${v} does not exist (energyratestructure has ${periods} periods, 0 to ${periods - 1})`);
      return v;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Fixed charge

interface Fixed {
  /** Dollars, exact decimal text. */
  amount: string;
  per: 'month' | 'day';
}

function readFixedCharge(item: Item, unsupported: string[], notes: string[]): Fixed | undefined {
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

// ---------------------------------------------------------------------------------------------
// Everything else

function noteInformational(item: Item, unsupported: string[], notes: string[]): void {
  const eligibility = ELIGIBILITY.filter((k) => item.get(k) !== undefined).map((k) => `${k} ${describe(item.get(k))}`);
  if (eligibility.length > 0) notes.push(`eligibility limits are not prices and are not checked: ${eligibility.join(', ')}`);

  for (const key of ATTRS) {
    const v = item.structured(key);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) {
      notes.push(`${key} is informational and was not applied: ${describe(v)}`);
    }
  }
  const dg = item.text('dgrules');
  if (dg) notes.push(`dgrules "${dg}" not applied: only import energy (register 0) is priced`);
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
