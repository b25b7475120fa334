/**
 * A tiny, safe parser for Python literals as written by `repr()` of lists and dicts.
 *
 * Some URDB exports (notably ones that passed through pandas) store structures such as
 * `energyratestructure` as the Python repr of a list: `[[{'rate': 0.1405, 'adj': 0.0003}]]`.
 * That is not JSON (single quotes, True/False/None), and evaluating it is out of the question,
 * so this is a hand-written recursive-descent parser for the literal subset only:
 *
 *   value  = list | tuple | dict | string | number | True | False | None (and JSON true/false/null)
 *   list   = '[' [value (',' value)* [',']] ']'      tuple = '(' ... ')'   (both become arrays)
 *   dict   = '{' [string ':' value (',' string ':' value)* [',']] '}'
 *   string = ['u'] ( '...' | "..." ) with Python escapes \\ \' \" \n \r \t \b \f \a \v \0 \xHH \uHHHH \UHHHHHHHH
 *
 * It is a superset of JSON's value grammar, so a JSON text parses too. Anything else is an error
 * that names the offset; nothing is guessed.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import { numberToDecimalText } from './money.js';

export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

/** Nesting deeper than this is refused rather than risking a stack overflow on hostile input. */
const MAX_DEPTH = 64;

const NUMBER_RE = /-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const WORD_RE = /[A-Za-z_][A-Za-z0-9_]*/y;
const WORDS: Record<string, PyValue> = { True: true, False: false, None: null, true: true, false: false, null: null };
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', a: '\x07', v: '\v', '0': '\0',
};

/** Parses one Python literal (the whole text, surrounding whitespace allowed). Throws `pylist.invalid`. */
export function parsePyLiteral(text: string): PyValue {
  let pos = 0;

  const fail = (what: string): never => {
    throw new MeterproofError('pylist.invalid', `${what} at offset ${pos}`);
  };

  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };

  const expect = (ch: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail(`expected "${ch}"${pos < text.length ? ` but found "${text[pos]}"` : ' but the text ended'}`);
    pos++;
  };

  /** Comma-separated items up to `close`, allowing Python's trailing comma. */
  const items = (close: string, item: () => void): void => {
    skipSpace();
    if (text[pos] === close) {
      pos++;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        skipSpace();
        if (text[pos] === close) {
          pos++;
          return;
        }
        continue;
      }
      expect(close);
      return;
    }
  };

  const parseString = (): string => {
    const quote = text[pos]!;
    pos++;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const ch = text[pos]!;
      if (ch === quote) {
        pos++;
        return out;
      }
      if (ch === '\n' || ch === '\r') fail('line break inside a string');
      if (ch !== '\\') {
        out += ch;
        pos++;
        continue;
      }
      const esc = text[pos + 1];
      if (esc !== undefined && esc in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[esc];
        pos += 2;
        continue;
      }
      const hexLen = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
      const hex = text.slice(pos + 2, pos + 2 + hexLen);
      if (hexLen === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLen) fail('unknown string escape');
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) fail('escape beyond Unicode');
      out += String.fromCodePoint(code);
      pos += 2 + hexLen;
    }
  };

  const parseNumber = (): number => {
    NUMBER_RE.lastIndex = pos;
    const m = NUMBER_RE.exec(text);
    if (!m) return fail('expected a value');
    const literal = m[0];
    const n = Number(literal);
    if (!Number.isFinite(n)) fail(`number ${literal} is out of range`);
    // Rates must arrive exactly as written: refuse a plain decimal that a double cannot hold,
    // e.g. 0.12345678901234567891 (repr() never writes one; a hand-edited file might).
    if (!/[eE]/.test(literal) && canonicalDecimal(literal) !== numberToDecimalText(n)) {
      fail(`number ${literal} has more digits than a double can hold exactly`);
    }
    pos += literal.length;
    return n;
  };

  const parseValue = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    skipSpace();
    const ch = text[pos];
    if (ch === undefined) return fail('expected a value but the text ended');
    if (ch === '[' || ch === '(') {
      pos++;
      const list: PyValue[] = [];
      items(ch === '[' ? ']' : ')', () => list.push(parseValue(depth + 1)));
      return list;
    }
    if (ch === '{') {
      pos++;
      const dict: { [key: string]: PyValue } = {};
      items('}', () => {
        skipSpace();
        const key = parseValue(depth + 1);
        if (typeof key !== 'string') fail('dict keys must be strings');
        const k = key as string;
        if (Object.prototype.hasOwnProperty.call(dict, k)) fail(`duplicate dict key "${k}"`);
        expect(':');
        // defineProperty, not assignment: a key "__proto__" must stay a plain own property.
        Object.defineProperty(dict, k, { value: parseValue(depth + 1), enumerable: true, writable: true, configurable: true });
      });
      return dict;
    }
    if (ch === "'" || ch === '"') return parseString();
    if ((ch === 'u' || ch === 'U') && (text[pos + 1] === "'" || text[pos + 1] === '"')) {
      pos++; // Python 2 unicode prefix: u'Peak'
      return parseString();
    }
    WORD_RE.lastIndex = pos;
    const word = WORD_RE.exec(text);
    if (word) {
      if (!Object.prototype.hasOwnProperty.call(WORDS, word[0])) fail(`unknown name "${word[0]}"`);
      pos += word[0].length;
      return WORDS[word[0]]!;
    }
    return parseNumber();
  };

  const value = parseValue(0);
  skipSpace();
  if (pos !== text.length) fail('unexpected text after the value');
  return value;
}

/** "007.50" → "7.5", "-0.0" → "0", "5." → "5": the form numberToDecimalText prints. */
function canonicalDecimal(literal: string): string {
  const neg = literal.startsWith('-');
  const [int0 = '', frac0 = ''] = (neg ? literal.slice(1) : literal).split('.');
  const int = int0.replace(/^0+/, '') || '0';
  const frac = frac0.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return neg && body !== '0' ? `-${body}` : body;
}
