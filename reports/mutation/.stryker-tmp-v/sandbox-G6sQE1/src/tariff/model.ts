/**
 * The tariff model (PROTOCOL.md section 4): a JSON document the provider signs.
 *
 * Money is an integer number of 10^-scale units of the currency (`scale` = k). Every rate is an exact
 * integer of those units per base unit (the tariff's `unit`: Wh for electricity, m for distance, cpu-s
 * for compute time), written as a decimal string so no precision is lost in JSON; a rate that is not
 * exact at the chosen scale cannot be written at all, so it is never rounded. Rounding to cents happens
 * only on the revealed total, in public, by the tariff's `rounding` rule.
 *
 * A rate may be negative: a credit. Export credited at a sell rate is a `tou-energy` (or
 * `interval-prices`) component on the export register with negative rates, which stays linear; true
 * net metering (netting import against export per time-of-use period) is `net-energy`.
 */
// @ts-nocheck

import { z } from 'zod';
import { UNIT_HINT, UNIT_RE } from '../core/unit.js';

/**
 * An integer written as a decimal string: "0", "-12", "340000". No "+", no leading zeros, no exponent.
 * At most 40 characters, so parsing stays cheap; src/tariff/limits.ts bounds the values themselves.
 */
export const IntString = z.string().max(40).regex(/^-?(0|[1-9][0-9]*)$/, 'an integer written as a decimal string');

const Name = z.string().min(1).max(200);

/** 12 months × 24 local hours of period indexes (URDB layout: month 0 = January, hour 0 = 00:00–01:00). */
export const Schedule = z.array(z.array(z.number().int().min(0)).length(24)).length(12);

export const FixedCharge = z
  .object({
    kind: z.literal('fixed'),
    name: Name,
    /** 10^-scale currency units per `per`. */
    amount: IntString,
    per: z.enum(['month', 'day']),
  })
  .strict();

export const TouEnergy = z
  .object({
    kind: z.literal('tou-energy'),
    name: Name,
    /** The register the component prices; 0 is import energy (or a meter's first register). */
    register: z.number().int().min(0).max(255).default(0),
    /** Price per base unit, in 10^-scale currency units, of each period; negative for a credit. */
    periods: z.array(z.object({ label: Name, rate: IntString }).strict()).min(1),
    weekday: Schedule,
    weekend: Schedule,
  })
  .strict();

/** Published prices per interval (dynamic tariffs): the price of a reading is the price of the slot that contains it. */
export const IntervalPrices = z
  .object({
    kind: z.literal('interval-prices'),
    name: Name,
    register: z.number().int().min(0).max(255).default(0),
    /** Slots [start, end) in Unix seconds, sorted, non-overlapping; rate per base unit in 10^-scale units. */
    prices: z.array(z.object({ start: z.number().int(), end: z.number().int(), rate: IntString }).strict()).min(1),
  })
  .strict();

/**
 * Tiers of a piecewise-linear price: tier j covers amounts in (upTo_{j-1}, upTo_j], at `rate` per unit.
 * Every tier but the last has `upTo` (cumulative, strictly increasing); the last has none.
 */
export const Tier = z.object({ upTo: IntString.optional(), rate: IntString }).strict();
const Tiers = z.array(Tier).min(1).max(16);
const TieredPeriod = z.object({ label: Name, tiers: Tiers }).strict();

/** The fields every schedule-and-tiers component shares: which register, its periods and when they apply. */
const scheduledTiers = {
  name: Name,
  register: z.number().int().min(0).max(255).default(0),
  periods: z.array(TieredPeriod).min(1),
  weekday: Schedule,
  weekend: Schedule,
};

/**
 * Cumulative tiers over the billing period (PROTOCOL.md section 4). With basis "per-period" each
 * time-of-use period's total is split by that period's tiers; with "total" the period's whole total is
 * split (and there is one period). Breakpoints count per billing month, or per day ("kWh daily":
 * multiplied by the number of days billed).
 */
export const TieredEnergy = z
  .object({
    kind: z.literal('tiered-energy'),
    ...scheduledTiers,
    basis: z.enum(['per-period', 'total']),
    per: z.enum(['month', 'day']).default('month'),
  })
  .strict();

/** Per-reading blocks: each interval's own amount is split by the tiers of its time-of-use period. */
export const BlockEnergy = z
  .object({
    kind: z.literal('block-energy'),
    ...scheduledTiers,
  })
  .strict();

/** A polynomial price of each reading: Σ_i Σ_k a_k·q_i^k, with a_k per (base unit)^k, k = 1..degree. */
export const PolynomialEnergy = z
  .object({
    kind: z.literal('polynomial-energy'),
    name: Name,
    register: z.number().int().min(0).max(255).default(0),
    coefficients: z.array(IntString).min(1).max(4),
  })
  .strict();

/**
 * Maximum demand: in each demand period, the largest interval demand (W = Wh × 3600 / duration s) of the
 * billing period, priced by that period's tiers (per W). A flat monthly demand charge is a schedule whose
 * every hour of a month names the month's period.
 */
export const Demand = z
  .object({
    kind: z.literal('demand'),
    ...scheduledTiers,
  })
  .strict();

/**
 * Net metering: in each time-of-use period p, the net N_p = Σ_{i∈p} (q_i,import − q_i,export) of the
 * billing period; a positive net is charged at the period's `buy` rate and a negative one credited at its
 * `sell` rate (both per base unit, `sell` written as the positive credit per unit):
 *
 *   fee = Σ_p buy_p · max(N_p, 0) − sell_p · max(−N_p, 0).
 *
 * Needs range and OR proofs (see `netSplit` in src/statement/gadgets.ts).
 */
export const NetEnergy = z
  .object({
    kind: z.literal('net-energy'),
    name: Name,
    /** The register of energy taken from the grid. */
    import: z.number().int().min(0).max(255).default(0),
    /** The register of energy fed into the grid. */
    export: z.number().int().min(0).max(255).default(1),
    periods: z.array(z.object({ label: Name, buy: IntString, sell: IntString }).strict()).min(1),
    weekday: Schedule,
    weekend: Schedule,
  })
  .strict();

/** A minimum charge: the bill is at least `amount` per month (or per day billed); this component tops it up. */
export const MinimumCharge = z
  .object({
    kind: z.literal('minimum'),
    name: Name,
    amount: IntString,
    per: z.enum(['month', 'day']),
  })
  .strict();

export const Component = z.discriminatedUnion('kind', [
  FixedCharge,
  TouEnergy,
  IntervalPrices,
  NetEnergy,
  TieredEnergy,
  BlockEnergy,
  PolynomialEnergy,
  Demand,
  MinimumCharge,
]);

export const Rounding = z
  .object({
    /** Decimal places of the amount due, e.g. 2 for cents. */
    decimals: z.number().int().min(0).max(18),
    /**
     * How a total exactly halfway between two amounts is rounded. Both modes are symmetric about zero, so
     * a credit rounds as the same charge would, negated: "half-up" rounds half away from zero (−2.345 →
     * −2.35, as 2.345 → 2.35), "half-even" to the even neighbour (−2.345 → −2.34, −2.355 → −2.36).
     */
    mode: z.enum(['half-up', 'half-even']),
  })
  .strict();

export const TariffSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/tariff'),
    id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'letters, digits and . _ : - (1 to 128)'),
    name: Name,
    provider: z.string().max(200).optional(),
    /** ISO 4217 code. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD'),
    /** IANA time zone that local hours, days and months are taken in. */
    timezone: z.string().min(1).max(64),
    /** k: money is counted in 10^-k currency units. */
    scale: z.number().int().min(0).max(18),
    /**
     * The meter's base unit of the priced registers: "Wh" for electricity, or any other unit a meter
     * counts in ("m", "s", "cpu-s"). The prover refuses a log in another unit. Demand charges need "Wh".
     */
    unit: z.string().regex(UNIT_RE, UNIT_HINT),
    /**
     * The meter's registers by name, in the order its log lists them (["import", "export"]), when the
     * tariff prices more than one. Components name registers by index, so the prover refuses a log whose
     * registers are named differently or in another order rather than credit import as export.
     */
    registers: z.array(Name).min(1).max(255).optional(),
    /**
     * The most any priced register records per hour, in `unit` (W for a meter in Wh): the connection's
     * capacity. Range proofs of hidden amounts (tier fills above the last breakpoint, demand, net parts)
     * take their widths from it, so a proof's shape depends on this public figure and never on the
     * readings. Without it every such width is sized for the meter's limit (2^48 per interval), which is
     * correct but up to 4× slower to prove. A bill whose readings exceed it cannot be proven.
     */
    capacity: IntString.optional(),
    rounding: Rounding.optional(),
    /** Reveal (and prove) one subtotal per component. */
    itemised: z.boolean().default(false),
    components: z.array(Component).min(1),
    /** Charges the provider chose to leave out (data the meter does not measure); bills repeat this list. */
    omitted: z.array(z.string().min(1).max(300)).optional(),
    /** Where the tariff came from (URDB label and URI, say). Informative; covered by the signature. */
    source: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export type Tariff = z.infer<typeof TariffSchema>;
export type TariffComponent = z.infer<typeof Component>;
export type TouEnergyComponent = z.infer<typeof TouEnergy>;
export type IntervalPricesComponent = z.infer<typeof IntervalPrices>;
export type NetEnergyComponent = z.infer<typeof NetEnergy>;
export type FixedChargeComponent = z.infer<typeof FixedCharge>;
export type TieredEnergyComponent = z.infer<typeof TieredEnergy>;
export type BlockEnergyComponent = z.infer<typeof BlockEnergy>;
export type PolynomialEnergyComponent = z.infer<typeof PolynomialEnergy>;
export type DemandComponent = z.infer<typeof Demand>;
export type MinimumChargeComponent = z.infer<typeof MinimumCharge>;
export type TierSpec = z.infer<typeof Tier>;
