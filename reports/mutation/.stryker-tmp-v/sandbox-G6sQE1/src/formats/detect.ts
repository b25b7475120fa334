/**
 * Which readings format a file is in, told from its content where that is unambiguous: each format
 * opens with something the others never do (XML, a JSON object with "results", PG&E's header row, the
 * London LCLid header, the plain CSV header).
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { isPgeHeaderRow } from './pge.js';

export const READINGS_FORMATS = ['greenbutton', 'csv', 'pge-csv', 'octopus-json', 'london-csv'] as const;
export type ReadingsFormat = (typeof READINGS_FORMATS)[number];

/** Formats whose times are local without an offset: importing them needs a time zone. */
export const LOCAL_TIME_FORMATS: readonly ReadingsFormat[] = ['pge-csv', 'london-csv'];

/** PG&E puts a few lines about the customer before its header row; look this far for it. */
const PGE_HEADER_WITHIN = 50;

/** The format of `text`, or undefined when its content does not say. */
export function sniffReadingsFormat(text: string): ReadingsFormat | undefined {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) return 'greenbutton';
  if (t.startsWith('{')) return /"results"\s*:/.test(t) ? 'octopus-json' : undefined;
  const lines = t.split(/\r?\n/, PGE_HEADER_WITHIN);
  if (lines.some(isPgeHeaderRow)) return 'pge-csv';
  const first = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('#'))?.trim() ?? '';
  if (/^lclid\s*,/i.test(first)) return 'london-csv';
  if (/^start\s*,\s*duration_s\s*,/i.test(first)) return 'csv';
  return undefined;
}
