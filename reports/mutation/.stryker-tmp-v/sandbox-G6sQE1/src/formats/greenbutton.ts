/**
 * Green Button (NAESB ESPI) XML importer.
 *
 * A Green Button file is an Atom feed whose entries hold ESPI resources:
 * `ReadingType` (unit and scale) and `IntervalBlock`s of `IntervalReading`s
 * (timePeriod.start in Unix seconds, timePeriod.duration in seconds, value).
 * Utilities spell the namespaces differently (default namespace, `espi:`,
 * PG&E's `ns0:`/`ns1:`), so we strip prefixes and search the tree for the
 * elements by local name instead of following a fixed path.
 *
 * Portable core: takes the file content as a string, no `node:` imports.
 */
// @ts-nocheck

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  DEFAULT_REGISTERS,
  ImportError,
  normaliseReadings,
  quote,
  type DuplicatePolicy,
  type ImportedReadings,
  type Reading,
} from './readings.js';

export interface GreenButtonOptions {
  readonly duplicates?: DuplicatePolicy;
}

/** ESPI UnitSymbolKind for watt-hours. */
const UOM_WH = 72;
/** ESPI AccumulationKind "deltaData": each value is the energy used in its own interval. */
const DELTA_DATA = 4;
/** ESPI FlowDirectionKind "forward": energy delivered to the customer. */
const FORWARD = 1;
/** A few other units, only to make the "wrong unit" error readable. */
const UOM_NAMES: Record<number, string> = { 38: 'W', 42: 'm³', 61: 'VA', 63: 'VAr', 71: 'VAh', 73: 'VArh' };

/** The parts of a ReadingType that change what a value means. */
interface ValueType {
  readonly uom: number | undefined;
  readonly powerOfTenMultiplier: number;
  readonly accumulationBehaviour: number | undefined;
  readonly flowDirection: number | undefined;
}

export function parseGreenButton(xml: string, opts: GreenButtonOptions = {}): ImportedReadings {
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ImportError('empty input: expected a Green Button (ESPI) XML feed');

  // fast-xml-parser's parser is lenient (it accepts unclosed tags), so validate first.
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new ImportError(`XML is not well-formed: ${msg}`, `line ${line}, column ${col}`);
  }

  const doc: unknown = new XMLParser({
    removeNSPrefix: true, // ns0:IntervalBlock, espi:IntervalBlock and IntervalBlock all become IntervalBlock
    parseTagValue: false, // keep numbers as text: we parse them exactly ourselves
    ignoreAttributes: true, // nothing we read is in an attribute
    processEntities: false, // numbers never need entities; skips entity-expansion tricks
  }).parse(text);

  const found: Found = { blocks: [], readingTypes: [], strayReadings: 0 };
  walk(doc, found);
  if (found.strayReadings > 0) {
    throw new ImportError(`${found.strayReadings} IntervalReading element(s) outside any IntervalBlock`);
  }

  const readingCount = found.blocks.reduce<number>((n, b) => n + children(b, 'IntervalReading').length, 0);
  if (readingCount === 0) {
    const what = found.blocks.length === 0 ? 'the feed has no IntervalBlock' : 'its IntervalBlocks hold no IntervalReading';
    const onlyTypes =
      found.readingTypes.length > 0
        ? ` (it holds ${found.readingTypes.length} ReadingType entries only; the interval data must be in another file)`
        : '';
    throw new ImportError(`no readings: ${what}${onlyTypes}`);
  }

  const notes: string[] = [];
  const type = chooseValueType(found.readingTypes, notes);
  const p10 = type.powerOfTenMultiplier;
  if (p10 !== 0) notes.push(`scaled by powerOfTenMultiplier ${p10} (Wh = value × 10^${p10})`);

  const readings: Reading[] = [];
  const locations: string[] = [];
  found.blocks.forEach((block, b) => {
    children(block, 'IntervalReading').forEach((node, r) => {
      const where = `IntervalBlock ${b + 1}, IntervalReading ${r + 1}`;
      readings.push(readInterval(node, p10, where));
      locations.push(where);
    });
  });

  const normalised = normaliseReadings(readings, {
    duplicates: opts.duplicates ?? 'error',
    locate: (i) => locations[i] ?? `reading ${i + 1}`,
  });
  const dropped = readings.length - normalised.length;
  if (dropped > 0) notes.push(`dropped ${dropped} identical duplicate reading${dropped === 1 ? '' : 's'}`);
  return { readings: normalised, registers: [...DEFAULT_REGISTERS], source: 'greenbutton', notes };
}

interface Found {
  blocks: unknown[];
  readingTypes: unknown[];
  strayReadings: number;
}

/**
 * Collects IntervalBlock and ReadingType elements wherever they are. Feeds
 * differ (Atom feed, single entry, bare resource), so searching by name is
 * more robust than a fixed path. Depth is bounded by the parser's maxNestedTags.
 */
function walk(node: unknown, found: Found): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'IntervalBlock') found.blocks.push(...asArray(child));
    else if (key === 'ReadingType') found.readingTypes.push(...asArray(child));
    else if (key === 'IntervalReading') found.strayReadings += asArray(child).length;
    else walk(child, found);
  }
}

/** Decides the unit and scale of the values from the feed's ReadingType(s). */
function chooseValueType(nodes: unknown[], notes: string[]): ValueType {
  if (nodes.length === 0) {
    notes.push('the feed has no ReadingType: assumed uom 72 (Wh) and powerOfTenMultiplier 0');
    return { uom: UOM_WH, powerOfTenMultiplier: 0, accumulationBehaviour: undefined, flowDirection: undefined };
  }
  const types = nodes.map((n, i) => readValueType(n, `ReadingType ${i + 1}`));
  // Several entries are fine if they agree on everything that changes a value's meaning
  // (intervalLength, phase, etc. do not). Otherwise we would have to follow the feed's
  // MeterReading → ReadingType links to pair data with its type, which is not supported yet.
  const distinct = [...new Map(types.map((t) => [describeType(t), t])).values()];
  if (distinct.length > 1) {
    throw new ImportError(
      `the feed has ${types.length} ReadingTypes of ${distinct.length} different kinds ` +
        `(${distinct.map(describeType).slice(0, 4).join('; ')}${distinct.length > 4 ? '; …' : ''}); ` +
        'feeds with several reading types are not supported yet',
    );
  }
  const type = distinct[0]!;
  if (types.length > 1) notes.push(`the feed has ${types.length} ReadingTypes that agree (${describeType(type)})`);

  if (type.uom === undefined) {
    notes.push('the ReadingType has no uom: assumed 72 (Wh)');
  } else if (type.uom !== UOM_WH) {
    const name = UOM_NAMES[type.uom];
    throw new ImportError(`ReadingType uom ${type.uom}${name ? ` (${name})` : ''} is not supported: only 72 (Wh) is`);
  }
  if (type.accumulationBehaviour !== undefined && type.accumulationBehaviour !== DELTA_DATA) {
    // e.g. 1 bulkQuantity / 3 cumulative are meter register totals, not usage per interval.
    throw new ImportError(
      `ReadingType accumulationBehaviour ${type.accumulationBehaviour} is not supported: ` +
        'only 4 (deltaData, the energy used in each interval) is',
    );
  }
  if (type.flowDirection !== undefined && type.flowDirection !== FORWARD) {
    throw new ImportError(
      `ReadingType flowDirection ${type.flowDirection} is not supported yet: ` +
        'only 1 (forward, energy delivered to the customer) is',
    );
  }
  return type;
}

function readValueType(node: unknown, where: string): ValueType {
  const optionalInt = (name: string): number | undefined => {
    const raw = leafText(node, name, where);
    return raw === undefined ? undefined : Number(parseInteger(raw, name, where));
  };
  const p10 = optionalInt('powerOfTenMultiplier') ?? 0;
  // 10^18 Wh is far beyond any meter; the bound keeps BigInt powers small.
  if (p10 < -18 || p10 > 18) throw new ImportError(`powerOfTenMultiplier ${p10} is out of range (-18..18)`, where);
  return {
    uom: optionalInt('uom'),
    powerOfTenMultiplier: p10,
    accumulationBehaviour: optionalInt('accumulationBehaviour'),
    flowDirection: optionalInt('flowDirection'),
  };
}

function describeType(t: ValueType): string {
  const parts = [`uom ${t.uom ?? '?'}`, `powerOfTenMultiplier ${t.powerOfTenMultiplier}`];
  if (t.accumulationBehaviour !== undefined) parts.push(`accumulationBehaviour ${t.accumulationBehaviour}`);
  if (t.flowDirection !== undefined) parts.push(`flowDirection ${t.flowDirection}`);
  return parts.join(', ');
}

/** One IntervalReading → Reading, with the value scaled to whole Wh. */
function readInterval(node: unknown, p10: number, where: string): Reading {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw new ImportError('IntervalReading has no timePeriod or value', where);
  }
  const period = children(node, 'timePeriod');
  if (period.length !== 1) {
    throw new ImportError(period.length === 0 ? 'missing timePeriod' : 'more than one timePeriod', where);
  }
  const startText = leafText(period[0], 'start', where);
  const durationText = leafText(period[0], 'duration', where);
  const valueText = leafText(node, 'value', where);
  if (startText === undefined) throw new ImportError('missing timePeriod.start', where);
  if (durationText === undefined) throw new ImportError('missing timePeriod.duration', where);
  if (valueText === undefined) throw new ImportError('missing value', where);

  const start = parseInteger(startText, 'timePeriod.start', where);
  const duration = parseInteger(durationText, 'timePeriod.duration', where);
  const value = parseInteger(valueText, 'value', where);
  if (start < 0n || start > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ImportError(`timePeriod.start ${start} is not a valid Unix time in seconds`, where);
  }
  if (duration <= 0n || duration > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ImportError(`timePeriod.duration ${duration} is not a positive number of seconds`, where);
  }
  if (value < 0n) {
    // Negative values are energy sent to the grid; billing them needs net metering rules.
    throw new ImportError(`value ${value} is negative (reverse flow / export); net metering is not supported yet`, where);
  }
  return { start: Number(start), duration: Number(duration), wh: scaleToWh(value, p10, where) };
}

/** value × 10^p10 as an exact whole number of Wh, or an error: we never round energy. */
function scaleToWh(value: bigint, p10: number, where: string): number {
  let wh: bigint;
  if (p10 >= 0) {
    wh = value * 10n ** BigInt(p10);
  } else {
    const divisor = 10n ** BigInt(-p10);
    if (value % divisor !== 0n) {
      throw new ImportError(
        `value ${value} × 10^${p10} is not a whole number of Wh (powerOfTenMultiplier ${p10})`,
        where,
      );
    }
    wh = value / divisor;
  }
  if (wh > BigInt(Number.MAX_SAFE_INTEGER)) throw new ImportError(`value ${value} × 10^${p10} Wh is too large`, where);
  return Number(wh);
}

/** Strict integer text (optional sign, digits only): no decimals, exponents or hex, and no precision loss. */
function parseInteger(text: string, name: string, where: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new ImportError(`${name} ${quote(text)} is not an integer`, where);
  return BigInt(text);
}

/** Text of the single child element `name`, or undefined if absent. */
function leafText(node: unknown, name: string, where: string): string | undefined {
  const found = children(node, name);
  if (found.length === 0) return undefined;
  if (found.length > 1) throw new ImportError(`more than one ${name}`, where);
  const v = found[0];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  throw new ImportError(`${name} is not a plain number`, where);
}

/** Child elements called `name`: the parser gives one child as a value and several as an array. */
function children(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  return asArray((node as Record<string, unknown>)[name]);
}

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
