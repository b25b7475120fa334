/**
 * JSON Schemas (draft 2020-12) of every file format, generated from the zod schemas the library checks
 * files with (zod 4's `z.toJSONSchema`, input side: what a file may contain). `npm run schemas` writes
 * them to schemas/; a test checks the committed copies are what this produces. The zod schemas stay the
 * authority: some checks are not expressible in JSON Schema (a tariff's consistency, a digest that
 * matches, a signature) and are made only by the library.
 */
import { z } from 'zod';
import { BillSchema } from './bill/message.js';
import { ConsentSchema } from './disclosure/consent.js';
import { DisclosureSchema } from './disclosure/message.js';
import { QuerySchema } from './disclosure/query.js';
import { LogFileSchema, PrivateFileSchema } from './meter/log.js';
import { TariffSchema } from './tariff/model.js';
import { SignedTariffSchema } from './tariff/signed.js';

/** What `meterproof disclose --query` reads: the consent's terms and the query. */
export const RequestSchema = z
  .object({
    recipient: z.string(),
    purpose: z.string(),
    expires: z.string(),
    issued: z.string().optional(),
    query: z.unknown(),
  })
  .strict();

interface Format {
  readonly title: string;
  readonly description: string;
  readonly schema: z.ZodType;
}

export const FORMATS: Readonly<Record<string, Format>> = {
  log: { title: 'meterproof meter log (log.json)', description: 'The meter\'s signed hash-chained log: public.', schema: LogFileSchema },
  private: { title: 'meterproof private file (private.json)', description: 'The user\'s readings and opening seed: secret, written with mode 0600.', schema: PrivateFileSchema },
  tariff: { title: 'meterproof tariff', description: 'A tariff as imported (tariff import-urdb, import-prices), before it is signed.', schema: TariffSchema },
  'signed-tariff': {
    title: 'meterproof signed tariff',
    description: 'A tariff with the provider\'s Ed25519 signature on the SHA-256 digest of its RFC 8785 canonical JSON.',
    schema: SignedTariffSchema.extend({ tariff: TariffSchema }),
  },
  bill: { title: 'meterproof bill (payment message)', description: 'The fee of a billing period with its commitments and zero-knowledge proofs; no reading.', schema: BillSchema },
  query: { title: 'meterproof query', description: 'The facts a disclosure answers.', schema: QuerySchema },
  consent: { title: 'meterproof consent', description: 'What the user signs: recipient, purpose, the query\'s digest and an expiry.', schema: ConsentSchema },
  disclosure: { title: 'meterproof disclosure', description: 'Answers to a consented query about signed records, each proven.', schema: DisclosureSchema },
  request: {
    title: 'meterproof disclosure request (disclose --query)',
    description: 'The consent\'s terms and the query the user consents to.',
    schema: RequestSchema.extend({ query: QuerySchema }),
  },
};

/** Every format's JSON Schema, keyed by the file name it is written to (bill.schema.json, …). */
export function jsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(FORMATS)) {
    const { $schema, ...body } = z.toJSONSchema(f.schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
    out[`${name}.schema.json`] = { $schema, $id: `urn:meterproof:schema:${name}`, title: f.title, description: f.description, ...body };
  }
  return out;
}
