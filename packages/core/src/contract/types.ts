// The status contract as types: which statuses a route declares and which body
// each one carries, computed from the literal types `defineRoute` keeps (its
// method, path, `status`, `responses` and `response`). The run-time value is
// in contract.ts; both follow the same precedence, so the types accept what
// the run-time check lets through.
//
// The helpers (json(), empty(), ...) learn a route's contract from where they
// are called: the handler's return type carries `ExplicitResponse<Declaration>`,
// and TypeScript infers a call's type parameters from the type its result is
// expected to have. The check then happens on the call's own arguments, so an
// error points at the `status` or the body of the `return` line.
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { JsonValue } from '../json.js';

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type ToNumber<T> = T extends `${infer N extends number}` ? N : never;
type ClassDigit = '1' | '2' | '3' | '4' | '5';

/** Every code of a class: `StatusesOfClass<'4'>` is `400 | 401 | ... | 499`. */
export type StatusesOfClass<C extends ClassDigit> = ToNumber<`${C}${Digit}${Digit}`>;

/** Every status a response can end with: 200 to 599. */
export type FinalStatus = StatusesOfClass<'2' | '3' | '4' | '5'>;

/** The statuses a key of `responses` stands for: `404`, a class (`4XX`), or `default` (all). */
export type ResponseKeyStatuses<K> = K extends number
  ? K
  : K extends `${infer C extends ClassDigit}XX`
    ? StatusesOfClass<C>
    : K extends 'default'
      ? FinalStatus
      : ToNumber<K>;

/**
 * The success statuses of a route that declares no `status`: what the built-in
 * policies (`rest` and `fastapi`) can give its method. A custom policy may
 * give others; the run-time check knows them, the types cannot.
 */
export type PolicyStatuses<M extends string> = string extends M
  ? 200 | 201 | 204
  : Uppercase<M> extends 'POST'
    ? 200 | 201
    : Uppercase<M> extends 'DELETE' | 'PUT' | 'PATCH'
      ? 200 | 204
      : 200;

/**
 * What a route declares about its answers, as types: the method, the
 * declared `status`, the `responses` and the `response` model. The handler's
 * context and result carry it; the client reads it.
 */
export interface Declaration<M extends string = string, S = unknown, R = unknown, Res = unknown> {
  readonly method: M;
  readonly status: S;
  readonly responses: R;
  readonly response: Res;
}

/** True when the route declares neither `status` nor `responses`: every status is allowed. */
export type IsOpen<D> = [D] extends [never]
  ? true
  : D extends Declaration<string, infer S, infer R>
    ? [S] extends [undefined]
      ? [R] extends [undefined]
        ? true
        : false
      : number extends S
        ? true
        : false
    : true;

/** The success statuses of a declaration: the declared `status`, else the policy's. */
export type SuccessStatus<D> =
  D extends Declaration<infer M, infer S> ? (S extends number ? S : PolicyStatuses<M>) : never;

type KeysOf<R> = [R] extends [undefined]
  ? never
  : string extends keyof R
    ? FinalStatus
    : ResponseKeyStatuses<keyof R>;

/**
 * The statuses a handler may answer with: its success status and the keys of
 * its `responses` (a class key accepts its class). `number` for an open route.
 */
export type DeclaredStatus<D> =
  IsOpen<D> extends true
    ? number
    : D extends Declaration<string, unknown, infer R>
      ? SuccessStatus<D> | KeysOf<R>
      : never;

type DocModel<E> = E extends { readonly model: infer M extends StandardSchemaV1 } ? M : undefined;
type ClassKey<S extends number> = `${S}` extends `${infer C}${string}` ? `${C}XX` : never;
type Model<Res> = Res extends StandardSchemaV1 ? Res : undefined;

type Entry<R, K> = K extends keyof R ? DocModel<R[K]> : undefined;
type First<T extends unknown[]> = T extends [infer H, ...infer Rest]
  ? [H] extends [undefined]
    ? First<Rest>
    : H
  : undefined;

/**
 * The model of a status, in the run-time precedence (contract.ts
 * `modelOfStatus`), the first entry that has one: its own `responses` entry;
 * the `response` model for a success status; its class entry (`4XX`); the
 * `response` model for any 2xx; the `default` entry.
 */
export type ModelAt<D, S extends number> =
  D extends Declaration<string, unknown, infer R, infer Res>
    ? First<
        [
          Entry<R, S>,
          Entry<R, `${S}`>,
          [S] extends [SuccessStatus<D>] ? Model<Res> : undefined,
          Entry<R, ClassKey<S>>,
          `${S}` extends `2${string}` ? Model<Res> : undefined,
          Entry<R, 'default'>,
        ]
      >
    : undefined;

type Input<M> = M extends StandardSchemaV1 ? StandardSchemaV1.InferInput<M> : unknown;

/**
 * What `json(body, { status })` may send: the input of the status's model,
 * `unknown` without one. `S` never: no status given, so the success status.
 */
export type BodyAt<D, S extends number> = [D] extends [never]
  ? unknown
  : Input<ModelAt<D, [S] extends [never] ? SuccessStatus<D> : S>>;

/** The statuses `redirect()` takes: the declared 3xx (any status on an open route). */
export type RedirectStatus<D> =
  IsOpen<D> extends true ? number : Extract<DeclaredStatus<D>, StatusesOfClass<'3'>>;

/**
 * The statuses `ctx.error()` raises: the declared 4xx and 5xx (any of them on
 * an open route).
 */
export type ErrorStatus<D> =
  IsOpen<D> extends true ? number : Extract<DeclaredStatus<D>, StatusesOfClass<'4' | '5'>>;

/**
 * The detail `ctx.error(status, detail)` takes. A status's model describes the
 * body the client gets, `{"detail": ...}` in the default error format, so the
 * detail is the model's `detail`; any JSON without a model.
 */
export type DetailAt<D, S extends number> = [D] extends [never]
  ? JsonValue
  : ModelAt<D, S> extends infer M extends StandardSchemaV1
    ? StandardSchemaV1.InferInput<M> extends { readonly detail?: infer T }
      ? T
      : never
    : JsonValue;

type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? K | ParamNames<Rest>
  : never;

/**
 * The parameters of a path template: `/items/{id}` gives `{ readonly id: string }`,
 * and no other key; a path only known as `string` gives a string record.
 */
export type PathParams<P extends string> = string extends P
  ? Readonly<Record<string, string>>
  : { readonly [K in ParamNames<P>]: string };
