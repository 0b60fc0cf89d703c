import { ErrorCode, StatuskitError } from '../errors.js';
import type { ResponseHeaderDoc } from '../route.js';
import type { Models } from './models.js';
import type { JsonSchema } from './types.js';

/** A response header as OpenAPI writes it. */
export interface HeaderObject {
  description: string;
  required?: boolean;
  schema: JsonSchema;
  example?: string;
}

// Headers the core sends or requires on some statuses, with what they carry.
const WELL_KNOWN: Readonly<Record<string, { description: string; schema: JsonSchema }>> = {
  location: {
    description: 'Where the resource is: the redirect target, or the resource just created.',
    schema: { type: 'string', format: 'uri-reference' },
  },
  'retry-after': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0 },
  },
  'www-authenticate': {
    description: 'How to authenticate: the challenge of each accepted scheme.',
    schema: { type: 'string' },
  },
  allow: {
    description: 'The methods this resource supports.',
    schema: { type: 'string' },
  },
};

/** A well-known header (`location`, `retry-after`, `www-authenticate`, `allow`), required. */
export function knownHeader(name: string, extra: Partial<HeaderObject> = {}): HeaderObject {
  const known = WELL_KNOWN[name]!;
  return { description: known.description, required: true, schema: known.schema, ...extra };
}

/** The headers a status always carries from the core: `location` on redirects, `allow` on 405, ... */
export function statusHeaders(status: string): Record<string, HeaderObject> {
  if (/^30[12378]$/.test(status)) return { location: knownHeader('location') };
  if (status === '401') return { 'www-authenticate': knownHeader('www-authenticate') };
  if (status === '405') return { allow: knownHeader('allow') };
  return {};
}

/** A route's declared headers as OpenAPI header objects; names are lower-cased. */
export function declaredHeaders(
  headers: Readonly<Record<string, ResponseHeaderDoc | string>>,
  models: Models,
  hint: string,
  where: string,
): Record<string, HeaderObject> {
  const out: Record<string, HeaderObject> = {};
  for (const [rawName, raw] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (name === 'content-type') {
      // OpenAPI ignores a content-type response header: the media type is content's key.
      throw new StatuskitError(
        ErrorCode.INVALID_ROUTE,
        `toOpenApi: ${where} documents a content-type header; write \`contentType\` on the response instead.`,
      );
    }
    const doc: ResponseHeaderDoc = typeof raw === 'string' ? { description: raw } : raw;
    const known = WELL_KNOWN[name];
    const given = doc.schema;
    const schema =
      given === undefined
        ? (known?.schema ?? { type: 'string' })
        : '~standard' in given
          ? models.schema(given as never, 'output', `${hint}Header`, `${where} header ${name}`)
          : (given as JsonSchema);
    const header: HeaderObject = {
      description: doc.description ?? known?.description ?? name,
      schema,
    };
    if (doc.required !== undefined) header.required = doc.required;
    out[name] = header;
  }
  return out;
}
