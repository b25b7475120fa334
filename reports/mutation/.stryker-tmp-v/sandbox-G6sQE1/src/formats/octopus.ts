/**
 * Octopus Energy consumption JSON, as the API returns it from
 * `/v1/electricity-meter-points/{mpan}/meters/{serial}/consumption/`:
 *
 *   { "count": 48, "next": null, "previous": null,
 *     "results": [ { "consumption": 0.123,
 *                    "interval_start": "2023-03-26T02:00:00+01:00",
 *                    "interval_end": "2023-03-26T02:30:00+01:00" }, … ] }
 *
 * `consumption` is kWh for electricity meters and must be a whole number of Wh. Times carry their
 * offset (Z in winter, +01:00 in British Summer Time), so no time zone is needed. Results come newest
 * first unless the request asked `order_by=period`; either order reads the same. A response that is one
 * page of several (`next` set) is read as it is, and a note says so: the rest is not fetched.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { numberToWh } from './decimal.js';
import { parseIsoInstant } from './iso.js';
import {
  DEFAULT_REGISTERS,
  ImportError,
  normaliseReadings,
  type DuplicatePolicy,
  type ImportedReadings,
  type Reading,
} from './readings.js';

export interface OctopusOptions {
  readonly duplicates?: DuplicatePolicy;
}

export function parseOctopusConsumption(text: string, opts: OctopusOptions = {}): ImportedReadings {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // The parser's message quotes the input; give the position only.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new ImportError(`not valid JSON${at === undefined ? '' : ` (at character ${at})`}: expected an Octopus consumption response`);
  }
  if (!isObject(doc) || !Array.isArray(doc.results)) {
    throw new ImportError('expected an Octopus consumption response: a JSON object with a "results" array');
  }
  const results: unknown[] = doc.results;
  if (results.length === 0) throw new ImportError('no readings: "results" is empty');

  const readings: Reading[] = results.map((item, i) => readResult(item, `results[${i}]`));
  const normalised = normaliseReadings(readings, {
    duplicates: opts.duplicates ?? 'error',
    locate: (i) => `results[${i}]`,
  });

  const notes = ['consumption read as kWh (an electricity meter)'];
  const count = typeof doc.count === 'number' ? doc.count : undefined;
  if ((typeof doc.next === 'string' && doc.next !== '') || (count !== undefined && count > results.length)) {
    notes.push(
      `this is one page of the response (${results.length} results${count === undefined ? '' : ` of ${count}`}); ` +
        'the other pages are not included',
    );
  }
  const dropped = readings.length - normalised.length;
  if (dropped > 0) notes.push(`dropped ${dropped} identical duplicate reading${dropped === 1 ? '' : 's'}`);
  return { readings: normalised, registers: [...DEFAULT_REGISTERS], source: 'octopus-json', notes };
}

function readResult(item: unknown, where: string): Reading {
  if (!isObject(item)) throw new ImportError('expected an object with consumption, interval_start and interval_end', where);
  const time = (name: 'interval_start' | 'interval_end'): number => {
    const v = item[name];
    if (typeof v !== 'string') throw new ImportError(`${name} is ${v === undefined ? 'missing' : 'not a string'}`, where);
    return parseIsoInstant(v, name, where);
  };
  if (!('consumption' in item)) throw new ImportError('consumption is missing', where);
  const start = time('interval_start');
  const end = time('interval_end');
  if (end <= start) throw new ImportError('interval_end is not after interval_start', where);
  return { start, duration: end - start, wh: numberToWh(item.consumption, 'kWh', 'consumption', where) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
