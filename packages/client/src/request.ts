// What a call sends, typed from the route's schemas and path template, and
// how it is put on the wire: path parameters percent-encoded into the
// template, the query as repeated keys, the body as JSON.
import type { InputOf, RequestLike, RequestOf, RouteLike, SchemaLike } from './contract.js';
import { ClientError } from './errors.js';

/** A value a path parameter, query parameter or header is written from. */
export type Scalar = string | number | boolean;

/** What the wire carries for a schema's input: its scalars, or any scalar where it takes anything. */
export type Wire<T> = T extends undefined
  ? undefined
  : unknown extends T
    ? Scalar
    : T extends Scalar
      ? T
      : T extends readonly (infer E)[]
        ? readonly Wire<E>[]
        : Scalar;

// Optional keys take undefined too (left out of the request), whatever exactOptionalPropertyTypes says.
type WireObject<T> = {
  [K in keyof T]: Wire<T[K]> | (undefined extends T[K] ? undefined : never);
};

type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? K | ParamNames<Rest>
  : never;

type Part<Q extends RequestLike, K extends keyof RequestLike> = Q extends {
  readonly [P in K]: infer S extends SchemaLike;
}
  ? S
  : undefined;

// Required when it has a required key, optional otherwise.
type Field<Name extends string, T> =
  Record<never, never> extends T ? { readonly [N in Name]?: T } : { readonly [N in Name]: T };

type ParamsField<R extends RouteLike> =
  Part<RequestOf<R>, 'params'> extends infer S extends SchemaLike
    ? Field<'params', WireObject<InputOf<S>>>
    : [ParamNames<R['path']>] extends [never]
      ? { readonly params?: undefined }
      : string extends R['path']
        ? { readonly params?: Readonly<Record<string, Scalar>> }
        : { readonly params: { readonly [K in ParamNames<R['path']>]: Scalar } };

type QueryField<R extends RouteLike> =
  Part<RequestOf<R>, 'query'> extends infer S extends SchemaLike
    ? Field<'query', WireObject<InputOf<S>>>
    : { readonly query?: Readonly<Record<string, Scalar | readonly Scalar[] | undefined>> };

type HeadersField<R extends RouteLike> =
  Part<RequestOf<R>, 'headers'> extends infer S extends SchemaLike
    ? Field<'headers', WireObject<InputOf<S>>>
    : { readonly headers?: Readonly<Record<string, string>> };

type BodyField<R extends RouteLike> =
  Part<RequestOf<R>, 'body'> extends infer S extends SchemaLike
    ? undefined extends InputOf<S>
      ? { readonly body?: InputOf<S> }
      : { readonly body: InputOf<S> }
    : Uppercase<R['method']> extends 'POST' | 'PUT' | 'PATCH' | 'DELETE'
      ? { readonly body?: unknown }
      : { readonly body?: undefined };

/**
 * An abort signal: the global `AbortSignal` where there is one (browsers,
 * Node), read from the global scope so that no DOM types are needed.
 */
export type SignalLike = typeof globalThis extends { AbortSignal: { prototype: infer S } }
  ? S
  : { readonly aborted: boolean };

/** What a call of route `R` takes: params, query, headers and body as its schemas say. */
export type CallInit<R extends RouteLike> = ParamsField<R> &
  QueryField<R> &
  HeadersField<R> &
  BodyField<R> & {
    /** Aborts the call (fetch's `signal`). */
    readonly signal?: SignalLike;
  };

/** The arguments after the route: the init, optional when nothing in it is required. */
export type CallArgs<R extends RouteLike> =
  Record<never, never> extends CallInit<R> ? [init?: CallInit<R>] : [init: CallInit<R>];

/** The init of a call as the run time sees it, whatever the route. */
export interface AnyInit {
  readonly params?: Readonly<Record<string, unknown>> | undefined;
  readonly query?: Readonly<Record<string, unknown>> | undefined;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
  readonly body?: unknown;
  readonly signal?: SignalLike | undefined;
}

/** A request ready for fetch. */
export interface WireRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ClientError(
    'STATUSKIT_CLIENT_INVALID_INIT',
    `${where} is ${value === null ? 'null' : typeof value}; pass a string, number or boolean.`,
  );
}

/** `/items/{id}` with `{ id: 'a b' }` is `/items/a%20b`; a missing parameter throws. */
export function fillPath(
  template: string,
  params: Readonly<Record<string, unknown>> = {},
  route: string = template,
): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new ClientError(
        'STATUSKIT_CLIENT_INVALID_INIT',
        `${route}: path parameter {${name}} is missing; pass it in \`params\`.`,
      );
    }
    return encodeURIComponent(scalar(value, `${route}: path parameter {${name}}`));
  });
}

/** The query string (with its `?`), repeated keys for arrays, undefined values left out. */
export function queryString(
  query: Readonly<Record<string, unknown>> = {},
  route: string = '',
): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown): void => {
    const text = scalar(value, `${route}: query parameter ${key}`);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  };
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else add(key, value);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** Builds the request of one call: URL, method, headers and JSON body. */
export function wireRequest(
  baseUrl: string,
  key: string,
  init: AnyInit,
  defaults: Readonly<Record<string, string>>,
): WireRequest {
  const space = key.indexOf(' ');
  const method = key.slice(0, space);
  const template = key.slice(space + 1);
  const url =
    baseUrl.replace(/\/+$/, '') +
    fillPath(template, init.params, key) +
    queryString(init.query, key);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = scalar(value, `${key}: header ${name}`);
  }
  let body: string | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  return { url, method, headers, body };
}
