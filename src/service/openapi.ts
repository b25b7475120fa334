/**
 * The OpenAPI 3.1 document, generated from the route table and zod schemas in api.ts (zod 4's
 * toJSONSchema emits JSON Schema 2020-12, the dialect OpenAPI 3.1 uses), so it cannot drift from what
 * the handlers validate. Refinements JSON Schema cannot say (e.g. "the layout names as many registers
 * as records.registers") are checked by the server and not shown.
 */
import { z } from 'zod';
import { ErrorSchema, ERROR_STATUS, ROUTES, type RouteSpec } from './api.js';

const schema = (s: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return rest;
};

export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const path = spec.path.replace(/:([a-z]+)/g, '{$1}');
    const params = [...spec.path.matchAll(/:([a-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = spec.query ? Object.entries((schema(spec.query).properties ?? {}) as Record<string, unknown>).map(([k, v]) => ({ name: k, in: 'query', schema: v })) : [];
    const responses: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(spec.responses)) responses[status] = { description: 'success', content: { 'application/json': { schema: schema(s) } } };
    responses.default = { description: 'an error: a stable code (docs/service.md)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    (paths[path] ??= {})[spec.method.toLowerCase()] = {
      operationId: name,
      summary: spec.summary,
      ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(spec.body) } } } } : {}),
      ...(spec.provider ? { security: [{ providerToken: [] }] } : {}),
      responses,
    };
  }
  paths['/metrics'] = { get: { operationId: 'metrics', summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } } };
  paths['/openapi.json'] = { get: { operationId: 'openapi', summary: 'this document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'meterproof provider service', version, description: `Error codes: ${Object.keys(ERROR_STATUS).join(', ')}, and the bill and disclosure verifiers' reason codes.` },
    paths,
    components: {
      schemas: { Error: schema(ErrorSchema) },
      securitySchemes: { providerToken: { type: 'http', scheme: 'bearer', description: 'the provider API token' } },
    },
  };
}
