/**
 * The user's disclosure policy: which requests the agent may answer on the user's behalf. Everything a
 * rule does not allow is refused; there is no "ask me later" and no partial answer (a consent signs the
 * whole query, so the agent answers all of it or none).
 *
 * A policy file, written by the user:
 *
 *   { "v": 1, "type": "meterproof/policy",
 *     "allow": [ { "recipient": "grid-operator", "kinds": ["daily-sum"], "purpose": "network planning",
 *                  "maxDays": 31, "maxConsentDays": 30 } ] }
 *
 * A request is answered when ONE rule matches all of it:
 *   recipient       equals the rule's recipient (exact, case-sensitive: it is the id the consent names);
 *   kinds           every query item's kind is listed (daily-sum = the query kind `daily`, one sum per
 *                   local day; sum, reading, linear, threshold, max as in the query);
 *   purpose         if the rule names one (a string or a list), the request's purpose is one of them;
 *   registers       if the rule names them, every item's register is one of them (an item without a
 *                   register asks about the meter's first register);
 *   maxDays         if set, no item spans more than this many days (a window's length, a daily series'
 *                   day count; a reading or a linear term spans no time);
 *   maxConsentDays  if set, the consent the agent signs expires at most this many days after now.
 *
 * Portable: no Node built-ins (the browser app can reuse it).
 */
import { z } from 'zod';
import { MeterproofError } from '../core/errors.js';
import { parseUtc } from '../disclosure/consent.js';
import { parseInstant, parseQuery, type Query, type QueryItem } from '../disclosure/query.js';

export const POLICY_TYPE = 'meterproof/policy';

/** Policy kinds: the query's item kinds, with the daily series named for what it reveals. */
export const POLICY_KINDS = ['daily-sum', 'sum', 'reading', 'linear', 'threshold', 'max'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

const Text = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'no control characters');

export const PolicyRuleSchema = z
  .object({
    recipient: Text(128),
    kinds: z.array(z.enum(POLICY_KINDS)).min(1),
    purpose: z.union([Text(500), z.array(Text(500)).min(1)]).optional(),
    registers: z.array(z.string().min(1).max(64)).min(1).optional(),
    maxDays: z.number().int().min(1).max(400).optional(),
    maxConsentDays: z.number().int().min(1).max(3660).optional(),
  })
  .strict();

export const PolicySchema = z
  .object({
    v: z.literal(1),
    type: z.literal(POLICY_TYPE),
    allow: z.array(PolicyRuleSchema),
  })
  .strict();

export type PolicyRule = z.infer<typeof PolicyRuleSchema>;
export type Policy = z.infer<typeof PolicySchema>;

/** A policy that allows nothing: what the agent uses when the user wrote none. */
export const REFUSE_ALL: Policy = { v: 1, type: POLICY_TYPE, allow: [] };

export function parsePolicy(x: unknown, what = 'policy file'): Policy {
  const r = PolicySchema.safeParse(x);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new MeterproofError('policy.invalid', `${what}: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  return r.data;
}

/** What a provider asks: the query and the consent terms it proposes. */
export interface DisclosureAsk {
  readonly recipient: string;
  readonly purpose: string;
  /** The expiry the consent would have, UTC "YYYY-MM-DDTHH:MM:SSZ"; absent: the agent picks it (consentExpiry). */
  readonly expires?: string;
  readonly query: unknown;
}

export type PolicyDecision =
  | { readonly answer: true; readonly rule: number; readonly query: Query }
  | { readonly answer: false; readonly reason: string };

const DAY = 86400;

function policyKind(item: QueryItem): PolicyKind {
  return item.kind === 'daily' ? 'daily-sum' : item.kind;
}

/** Days an item spans (rounded up), or 0 for items about single records. */
function itemDays(item: QueryItem): number {
  switch (item.kind) {
    case 'daily': {
      const [a, b] = [item.from, item.to].map((d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 1000);
      return (b! - a!) / DAY + 1;
    }
    case 'sum':
    case 'max':
      return Math.ceil((parseInstant(item.to) - parseInstant(item.from)) / DAY);
    case 'threshold':
      return item.from !== undefined && item.to !== undefined ? Math.ceil((parseInstant(item.to) - parseInstant(item.from)) / DAY) : 0;
    case 'reading':
    case 'linear':
      return 0;
  }
}

function itemRegisters(item: QueryItem, first: string): string[] {
  if (item.kind === 'linear') return item.terms.map((t) => t.register ?? first);
  return [item.register ?? first];
}

/** Why `rule` does not allow `ask` (the first mismatch), or undefined when it does. */
function mismatch(rule: PolicyRule, ask: DisclosureAsk, query: Query, now: number): string | undefined {
  if (rule.recipient !== ask.recipient) return `recipient ${JSON.stringify(ask.recipient)} is not ${JSON.stringify(rule.recipient)}`;
  if (rule.purpose !== undefined) {
    const purposes = typeof rule.purpose === 'string' ? [rule.purpose] : rule.purpose;
    if (!purposes.includes(ask.purpose)) return `purpose ${JSON.stringify(ask.purpose)} is not allowed`;
  }
  for (const [i, item] of query.items.entries()) {
    const kind = policyKind(item);
    if (!rule.kinds.includes(kind)) return `item ${i} asks for ${kind}, which is not allowed`;
    if (rule.registers !== undefined) {
      const bad = itemRegisters(item, query.registers[0]!).find((r) => !rule.registers!.includes(r));
      if (bad !== undefined) return `item ${i} asks about register ${bad}, which is not allowed`;
    }
    if (rule.maxDays !== undefined) {
      const days = itemDays(item);
      if (days > rule.maxDays) return `item ${i} spans ${days} days, more than ${rule.maxDays}`;
    }
  }
  if (rule.maxConsentDays !== undefined && ask.expires !== undefined) {
    const expires = parseUtc(ask.expires)!;
    if (expires - now > rule.maxConsentDays * DAY) return `the consent would last until ${ask.expires}, more than ${rule.maxConsentDays} days`;
  }
  return undefined;
}

/**
 * Decides a request: answered when one rule allows all of it, refused otherwise, with the reason the
 * user reads in the agent's log (why the closest rule did not match, or that no rule names the recipient).
 * A malformed query or expiry is refused, never answered.
 */
export function decide(policy: Policy, ask: DisclosureAsk, now: number = Math.floor(Date.now() / 1000)): PolicyDecision {
  let query: Query;
  try {
    query = parseQuery(ask.query);
  } catch (e) {
    return { answer: false, reason: `the query is not valid: ${(e as Error).message}` };
  }
  if (ask.expires !== undefined) {
    const expires = parseUtc(ask.expires);
    if (expires === undefined) return { answer: false, reason: `the proposed expiry ${JSON.stringify(ask.expires)} is not a UTC time` };
    if (expires <= now) return { answer: false, reason: `the proposed consent has already expired (${ask.expires})` };
  }
  let why: string | undefined;
  for (const [i, rule] of policy.allow.entries()) {
    let m: string | undefined;
    try {
      m = mismatch(rule, ask, query, now);
    } catch (e) {
      m = `the query is not valid: ${(e as Error).message}`;
    }
    if (m === undefined) return { answer: true, rule: i, query };
    // The reason worth reporting is the one from a rule for this recipient, if any.
    if (why === undefined || rule.recipient === ask.recipient) why = m;
  }
  if (policy.allow.length === 0) return { answer: false, reason: 'the policy allows no disclosure' };
  if (!policy.allow.some((r) => r.recipient === ask.recipient)) return { answer: false, reason: `no rule allows recipient ${JSON.stringify(ask.recipient)}` };
  return { answer: false, reason: why! };
}

/** Days a consent the agent signs lasts when the rule sets no limit. */
export const DEFAULT_CONSENT_DAYS = 30;

/** The expiry of the consent the agent signs under `rule`: now + maxConsentDays (default 30 days), UTC. */
export function consentExpiry(rule: PolicyRule, now: number): string {
  const t = now + (rule.maxConsentDays ?? DEFAULT_CONSENT_DAYS) * DAY;
  return new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
