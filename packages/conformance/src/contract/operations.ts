// The operations of an OpenAPI 3.1 document (the app's own `toOpenApi`, or a
// running app's /openapi.json): what each one takes, for the generator, and
// where each one sits in the document, for the checks.
import type { Resolve } from './arbitrary.js';

type Json = Record<string, unknown>;

/** A path, query or header parameter. */
export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: unknown;
}

/** One operation: a route of the app. */
export interface Operation {
  /** `GET /items/{id}`, the route's id. */
  readonly id: string;
  readonly method: string;
  /** The path template, `/items/{id}`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  readonly body: { readonly schema: unknown; readonly required: boolean } | undefined;
  /** The documented responses, by status, class (`4XX`) or `default`. */
  readonly responses: Readonly<Record<string, unknown>>;
  /** Where the operation is in the document, as a JSON pointer (`/paths/~1items/get`). */
  readonly pointer: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON pointer's token: `~` as `~0`, `/` as `~1`. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Resolves local references (`#/components/schemas/Item`) in `document`. */
export function resolverOf(document: unknown): Resolve {
  return (ref) => {
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = isObject(node) ? node[token] : undefined;
    }
    return node;
  };
}

function parameterOf(raw: unknown, resolve: Resolve): Parameter | undefined {
  const p = isObject(raw) && typeof raw.$ref === 'string' ? resolve(raw.$ref) : raw;
  if (!isObject(p) || typeof p.name !== 'string') return undefined;
  if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') return undefined;
  return { name: p.name, in: p.in, required: p.required === true, schema: p.schema ?? {} };
}

function bodyOf(raw: unknown, resolve: Resolve): Operation['body'] {
  const body = isObject(raw) && typeof raw.$ref === 'string' ? resolve(raw.$ref) : raw;
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const json = body.content['application/json'];
  if (!isObject(json)) return undefined;
  return { schema: json.schema ?? {}, required: body.required === true };
}

/** Every operation of an OpenAPI 3.1 document, in the document's order. */
export function operationsOf(document: unknown): Operation[] {
  const resolve = resolverOf(document);
  const paths = isObject(document) && isObject(document.paths) ? document.paths : {};
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const parameters = [...shared, ...own]
        .map((p) => parameterOf(p, resolve))
        .filter((p): p is Parameter => p !== undefined);
      out.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters,
        body: bodyOf(op.requestBody, resolve),
        responses: isObject(op.responses) ? op.responses : {},
        pointer: `/paths/${escapePointer(path)}/${method}`,
      });
    }
  }
  return out;
}

/** True when a request to the operation can fail validation (it takes input). */
export function takesInput(op: Operation): boolean {
  return op.parameters.length > 0 || op.body !== undefined;
}

/** The documented response key for a status: itself, its class (`4XX`), or `default`. */
export function documentedKey(op: Operation, status: number): string | undefined {
  const exact = String(status);
  if (exact in op.responses) return exact;
  const range = `${exact[0]}XX`;
  if (range in op.responses) return range;
  return 'default' in op.responses ? 'default' : undefined;
}
