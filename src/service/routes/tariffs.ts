/** Tariffs: the provider publishes signed tariffs with the terms they are in force under; anyone reads them. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { canonicalJson } from '../../core/jcs.js';
import { isoUtc } from '../../core/time.js';
import { checkSignedTariff } from '../../tariff/signed.js';
import { ACCOUNT_ID_RE } from '../../bill/message.js';
import { ROUTES, type InForceQuery, type PublishTariffRequest, type TariffSummary } from '../api.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import type { Sql } from '../store/db.js';
import { addRoute, json, param, type Authorize } from './route.js';

interface TermsRow {
  digest: string;
  tariff_id: string;
  currency: string;
  timezone: string;
  from_date: string;
  to_date: string | null;
  accounts: unknown;
  published: string;
  signed?: unknown;
}

const SELECT = 'SELECT tt.digest, t.tariff_id, t.currency, t.timezone, tt.from_date, tt.to_date, tt.accounts, tt.published, t.signed FROM tariff_terms tt JOIN tariffs t ON t.digest = tt.digest';

function summary(r: TermsRow): z.infer<typeof TariffSummary> {
  const accounts = r.accounts === null ? undefined : json<string[]>(r.accounts);
  return {
    digest: r.digest,
    id: r.tariff_id,
    currency: r.currency,
    timezone: r.timezone,
    from: r.from_date,
    ...(r.to_date !== null ? { to: r.to_date } : {}),
    ...(accounts ? { accounts } : {}),
    published: r.published,
  };
}

/** The first day of a period label: YYYY-MM → YYYY-MM-01; a days period → its first day. */
export function firstDay(label: string): string {
  return label.length === 7 ? `${label}-01` : label.slice(0, 10);
}

/**
 * The tariff in force for an account and period: the terms published last whose [from, to) holds the
 * period's first day and that name the account or every account.
 */
export async function tariffInForce(q: Sql, account: string, period: string): Promise<TermsRow | null> {
  const day = firstDay(period);
  const rows = await q.query<TermsRow>(
    `${SELECT} WHERE tt.from_date <= $1 AND (tt.to_date IS NULL OR tt.to_date > $1) AND (tt.accounts IS NULL OR tt.accounts @> $2::jsonb) ORDER BY tt.id DESC LIMIT 1`,
    [day, JSON.stringify([account])],
  );
  return rows[0] ?? null;
}

export function registerTariffRoutes(app: FastifyInstance, ctx: ServiceContext, authorize: Authorize): void {
  addRoute<z.infer<typeof PublishTariffRequest>>(app, ROUTES.publishTariff, authorize, async ({ body }) => {
    const check = checkSignedTariff(body.signedTariff, ctx.providerPublic);
    if (!check.ok) {
      throw new ServiceError(check.reason === 'tariff.malformed' ? 'tariff.invalid' : 'tariff.signature', check.detail);
    }
    if (body.to !== undefined && body.to <= body.from) throw new ServiceError('request.schema', 'body: to: must be after from');
    const digest = body.signedTariff.digest;
    const accounts = body.accounts ? [...new Set(body.accounts)].sort() : null;
    const termsKey = canonicalJson({ digest, from: body.from, to: body.to ?? null, accounts });
    const published = isoUtc(Math.floor(ctx.now() / 1000));
    const created = await ctx.db.tx(async (q) => {
      await q.query('INSERT INTO tariffs (digest, tariff_id, signed, currency, timezone) VALUES ($1, $2, $3::jsonb, $4, $5) ON CONFLICT (digest) DO NOTHING', [
        digest,
        check.tariff.id,
        JSON.stringify(body.signedTariff),
        check.tariff.currency,
        check.tariff.timezone,
      ]);
      const ins = await q.query(
        'INSERT INTO tariff_terms (digest, from_date, to_date, accounts, terms_key, published) VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (terms_key) DO NOTHING RETURNING id',
        [digest, body.from, body.to ?? null, accounts === null ? null : JSON.stringify(accounts), termsKey, published],
      );
      return ins.length === 1;
    });
    const [row] = await ctx.db.query<TermsRow>(`${SELECT} WHERE tt.terms_key = $1`, [termsKey]);
    return { status: created ? 201 : 200, body: { tariff: summary(row!) } };
  });

  addRoute(app, ROUTES.listTariffs, authorize, async () => {
    const rows = await ctx.db.query<TermsRow>(`${SELECT} ORDER BY tt.id`);
    return { status: 200, body: { tariffs: rows.map(summary) } };
  });

  addRoute(app, ROUTES.fetchTariff, authorize, async (r) => {
    const digest = param(r, 'digest', /^[0-9a-f]{64}$/);
    const [row] = await ctx.db.query<TermsRow>(`${SELECT} WHERE tt.digest = $1 ORDER BY tt.id DESC LIMIT 1`, [digest]);
    if (!row) throw new ServiceError('tariff.unknown', `no tariff with digest ${digest}`);
    return { status: 200, body: { tariff: summary(row), signedTariff: json(row.signed) } };
  });

  addRoute<unknown, z.infer<typeof InForceQuery>>(app, ROUTES.inForce, authorize, async (r) => {
    const account = param(r, 'account', ACCOUNT_ID_RE);
    const row = await tariffInForce(ctx.db, account, r.query.period);
    if (!row) throw new ServiceError('tariff.none', `no tariff is in force for account ${account} in ${r.query.period}`);
    return { status: 200, body: { tariff: summary(row), signedTariff: json(row.signed) } };
  });
}
