/** The disclosure policy: what the agent answers on the user's behalf, and that it refuses everything else. */
import { describe, expect, it } from 'vitest';
import { decide, parsePolicy, REFUSE_ALL, type DisclosureAsk } from '../../src/agent/policy.js';

const NOW = Date.UTC(2011, 7, 15) / 1000;
const query = (items: unknown[], registers = ['import']) => ({ v: 1, type: 'meterproof/query', meter: 'home-1', registers, items });
const daily = { kind: 'daily', from: '2011-07-01', to: '2011-07-31', timezone: 'America/Los_Angeles' };
const ask = (over: Partial<DisclosureAsk> = {}): DisclosureAsk => ({
  recipient: 'grid-operator',
  purpose: 'network planning',
  expires: '2011-09-01T00:00:00Z',
  query: query([daily]),
  ...over,
});
const policy = parsePolicy({
  v: 1,
  type: 'meterproof/policy',
  allow: [{ recipient: 'grid-operator', kinds: ['daily-sum'], purpose: ['network planning', 'outage study'], maxDays: 31, maxConsentDays: 30 }],
});

describe('policy', () => {
  it('answers a request one rule allows', () => {
    const d = decide(policy, ask(), NOW);
    expect(d).toMatchObject({ answer: true, rule: 0 });
  });

  it('refuses everything by default', () => {
    expect(decide(REFUSE_ALL, ask(), NOW)).toEqual({ answer: false, reason: 'the policy allows no disclosure' });
  });

  it.each([
    ['another recipient', { recipient: 'insurer' }, /no rule allows recipient "insurer"/],
    ['another purpose', { purpose: 'marketing' }, /purpose "marketing" is not allowed/],
    ['a kind not listed', { query: query([daily, { kind: 'reading', at: '2011-07-04T18:00:00-07:00' }]) }, /item 1 asks for reading/],
    ['a max', { query: query([{ kind: 'max', from: '2011-07-04T00:00:00-07:00', to: '2011-07-05T00:00:00-07:00' }]) }, /asks for max/],
    ['too many days', { query: query([{ ...daily, to: '2011-08-31' }]) }, /spans 62 days, more than 31/],
    ['too long a consent', { expires: '2012-01-01T00:00:00Z' }, /more than 30 days/],
    ['an expired consent', { expires: '2011-08-01T00:00:00Z' }, /already expired/],
    ['a malformed expiry', { expires: 'tomorrow' }, /not a UTC time/],
    ['a malformed query', { query: { v: 1, type: 'meterproof/query' } }, /query is not valid/],
    ['a recipient differing in case', { recipient: 'Grid-Operator' }, /no rule allows/],
  ])('refuses %s', (_, over, reason) => {
    const d = decide(policy, ask(over as Partial<DisclosureAsk>), NOW);
    expect(d.answer).toBe(false);
    expect(d.answer === false && d.reason).toMatch(reason);
  });

  it('limits registers when the rule names them', () => {
    const p = parsePolicy({ v: 1, type: 'meterproof/policy', allow: [{ recipient: 'grid-operator', kinds: ['sum', 'daily-sum'], registers: ['import'] }] });
    const q2 = (register?: string) => query([{ kind: 'sum', from: '2011-07-01T00:00:00-07:00', to: '2011-08-01T00:00:00-07:00', ...(register ? { register } : {}) }], ['import', 'export']);
    expect(decide(p, ask({ query: q2() }), NOW).answer).toBe(true);
    expect(decide(p, ask({ query: q2('import') }), NOW).answer).toBe(true);
    const d = decide(p, ask({ query: q2('export') }), NOW);
    expect(d.answer === false && d.reason).toMatch(/register export/);
  });

  it('tries every rule: a later rule may allow what the first does not', () => {
    const p = parsePolicy({
      v: 1,
      type: 'meterproof/policy',
      allow: [
        { recipient: 'grid-operator', kinds: ['sum'] },
        { recipient: 'grid-operator', kinds: ['daily-sum', 'threshold'] },
      ],
    });
    expect(decide(p, ask(), NOW)).toMatchObject({ answer: true, rule: 1 });
  });

  it('refuses a policy file it cannot read, by name', () => {
    expect(() => parsePolicy({ v: 1, type: 'meterproof/policy', allow: [{ recipient: 'x', kinds: ['everything'] }] })).toThrow(/allow\.0\.kinds\.0/);
    expect(() => parsePolicy({ v: 1, type: 'meterproof/policy', allow: [{ recipient: 'x', kinds: ['sum'], extra: true }] })).toThrow(/policy file/);
  });
});
