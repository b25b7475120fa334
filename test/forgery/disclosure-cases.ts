/** A few disclosure queries over the disclosure fixtures (test/disclosure/fixtures.ts), one per fact kind. */
import type { QueryItem } from '../../src/disclosure/query.js';
import { at, sumOf } from '../disclosure/fixtures.js';

export { maxOf, prove, reason, sumOf, wh } from '../disclosure/fixtures.js';

export const KINDS: Record<string, QueryItem[]> = {
  reading: [{ kind: 'reading', at: at(3, true) }],
  sum: [{ kind: 'sum', from: at(0), to: at(24) }],
  linear: [{ kind: 'linear', terms: [{ at: at(1), coefficient: '3' }, { at: at(2, true), coefficient: '-2' }], constant: '-5' }],
  threshold: [{ kind: 'threshold', from: at(0), to: at(6), threshold: String(sumOf(0, 6)) }],
  max: [{ kind: 'max', from: at(10), to: at(30) }],
};
