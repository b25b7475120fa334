/** Request validation with the API's zod schemas: the first issue, named by path, as `request.schema`. */
import type { z } from 'zod';
import { ServiceError } from './errors.js';

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  const where = i.path.length > 0 ? i.path.join('.') : '(top)';
  throw new ServiceError('request.schema', `${what}: ${where}: ${i.message}`);
}
