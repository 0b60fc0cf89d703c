// What a route declares, read from the types `defineRoute` keeps, in the same
// precedence as @statuskit/core's status contract (its src/contract/types.ts;
// test/drift.test-d.ts holds the two together). Read structurally, so this
// package's types need nothing installed: a route is any value with a
// method, a path and a spec, and a model any Standard Schema.

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type ToNumber<T> = T extends `${infer N extends number}` ? N : never;
type ClassDigit = '1' | '2' | '3' | '4' | '5';

/** Every code of a class: `StatusesOfClass<'4'>` is `400 | 401 | ... | 499`. */
export type StatusesOfClass<C extends ClassDigit> = ToNumber<`${C}${Digit}${Digit}`>;

/** Every status a response can end with: 200 to 599. */
export type FinalStatus = StatusesOfClass<'2' | '3' | '4' | '5'>;

/** A Standard Schema (zod, valibot, arktype...), as far as its types go. */
export interface SchemaLike {
  readonly '~standard': {
    readonly types?: { readonly input: unknown; readonly output: unknown } | undefined;
  };
}

/** What a schema accepts. */
export type InputOf<M> = M extends SchemaLike
  ? NonNullable<M['~standard']['types']>['input']
  : unknown;

/** What a schema gives. */
export type OutputOf<M> = M extends SchemaLike
  ? NonNullable<M['~standard']['types']>['output']
  : unknown;

/** A route as `defineRoute` types it: method, path and spec. */
export interface RouteLike {
  readonly method: string;
  readonly path: string;
  readonly spec: {
    readonly method: string;
    readonly status?: number | undefined;
    readonly responses?: object | undefined;
    readonly response?: unknown;
    readonly request?: RequestLike | undefined;
    readonly security?: unknown;
  };
}

/** The request schemas of a route. */
export interface RequestLike {
  readonly body?: unknown;
  readonly query?: unknown;
  readonly params?: unknown;
  readonly headers?: unknown;
}

type Defined<T> = [Exclude<T, undefined>] extends [never] ? undefined : Exclude<T, undefined>;

/** The route's declared `status`; undefined when none. */
export type StatusOf<R extends RouteLike> = Defined<R['spec']['status']>;
/** The route's `responses`; undefined when none. */
export type ResponsesOf<R extends RouteLike> = Defined<R['spec']['responses']>;
/** The route's response model; undefined when none. */
export type ResponseOf<R extends RouteLike> = Defined<R['spec']['response']>;
/** The route's request schemas; an empty object type when none. */
export type RequestOf<R extends RouteLike> =
  Defined<R['spec']['request']> extends infer Q extends object ? Q : Record<never, never>;

/** True when the route declares neither `status` nor `responses` (or a status only known as number). */
export type IsOpen<R extends RouteLike> = [StatusOf<R>] extends [undefined]
  ? [ResponsesOf<R>] extends [undefined]
    ? true
    : false
  : number extends StatusOf<R>
    ? true
    : false;

type PolicyStatuses<M extends string> = string extends M
  ? 200 | 201 | 204
  : Uppercase<M> extends 'POST'
    ? 200 | 201
    : Uppercase<M> extends 'DELETE' | 'PUT' | 'PATCH'
      ? 200 | 204
      : 200;

/** The success statuses: the declared one, else what the built-in policies give the method. */
export type SuccessStatus<R extends RouteLike> =
  StatusOf<R> extends number ? StatusOf<R> : PolicyStatuses<R['spec']['method']>;

type KeyStatuses<K> = K extends number
  ? K
  : K extends `${infer C extends ClassDigit}XX`
    ? StatusesOfClass<C>
    : K extends 'default'
      ? FinalStatus
      : ToNumber<K>;

/** The exact statuses among the keys of `responses` (no classes, no `default`). */
export type ExactKeys<R extends RouteLike> = [ResponsesOf<R>] extends [undefined]
  ? never
  : keyof ResponsesOf<R> extends infer K
    ? K extends number
      ? K
      : ToNumber<K>
    : never;

/** The class digits of the `4XX`-style keys of `responses`. */
export type ClassKeys<R extends RouteLike> = keyof ResponsesOf<R> extends infer K
  ? K extends `${infer C extends ClassDigit}XX`
    ? C
    : never
  : never;

/** True when `responses` has a `default` key. */
export type HasDefault<R extends RouteLike> = 'default' extends keyof ResponsesOf<R> ? true : false;

/** Every status the route declares (its success and the keys of `responses`); number when open. */
export type DeclaredStatus<R extends RouteLike> =
  IsOpen<R> extends true
    ? number
    :
        | SuccessStatus<R>
        | ([ResponsesOf<R>] extends [undefined] ? never : KeyStatuses<keyof ResponsesOf<R>>);

type DocModel<E> = E extends { readonly model: infer M extends SchemaLike } ? M : undefined;
type Entry<Rs, K> = K extends keyof Rs ? DocModel<Rs[K]> : undefined;
type ClassKey<S extends number> = `${S}` extends `${infer C}${string}` ? `${C}XX` : never;
type Model<M> = M extends SchemaLike ? M : undefined;
type First<T extends unknown[]> = T extends [infer H, ...infer Rest]
  ? [H] extends [undefined]
    ? First<Rest>
    : H
  : undefined;

/**
 * The model of a status, first match wins: its own `responses` entry; the
 * `response` model for a success status; its class entry; the `response`
 * model for any 2xx; the `default` entry.
 */
export type ModelAt<R extends RouteLike, S extends number> = First<
  [
    Entry<ResponsesOf<R>, S>,
    Entry<ResponsesOf<R>, `${S}`>,
    [S] extends [SuccessStatus<R>] ? Model<ResponseOf<R>> : undefined,
    Entry<ResponsesOf<R>, ClassKey<S>>,
    `${S}` extends `2${string}` ? Model<ResponseOf<R>> : undefined,
    Entry<ResponsesOf<R>, 'default'>,
  ]
>;

/** The methods whose requests the core reads a body of. */
export type BodyMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A guard (`defineSecurity`), as far as its type goes. */
interface GuardLike {
  readonly verify: unknown;
  readonly scheme: unknown;
}

/** True when the route's `security` is a guard (or a list of them): the core answers 401 and 403. */
export type IsGuarded<R extends RouteLike> =
  Defined<R['spec']['security']> extends GuardLike | readonly GuardLike[] ? true : false;

/** True when the core reads the route's request body: a body schema, or a body method. */
export type ReadsBody<R extends RouteLike> =
  RequestOf<R> extends { readonly body: SchemaLike }
    ? true
    : Uppercase<R['method']> extends BodyMethod
      ? true
      : false;

/**
 * The statuses the core answers for the route itself (its contract's `core`
 * entries): routing (307, 400, 404, 405), a guard's 401 and 403, 422 when it
 * validates input, the body statuses when it reads a body, 500. A handler timeout's 503 is not
 * in the types (a route's `timeout` is not kept as a literal): it falls in
 * the arm of undeclared statuses. An operation's start adds 422 and 503.
 */
export type CoreStatus<R extends RouteLike> =
  | 307
  | 400
  | 404
  | 405
  | 500
  | (IsGuarded<R> extends true ? 401 | 403 : never)
  | ([keyof RequestOf<R>] extends [never] ? never : 422)
  | (ReadsBody<R> extends true ? 400 | 408 | 413 | 415 | 422 : never)
  | (IsOperation<R> extends true ? 422 | 503 : never);

/**
 * True for the start of an operation (its spec carries `operation: true`):
 * the core also answers 422 for an Idempotency-Key used with another request
 * and 503 while the operation store fails.
 */
export type IsOperation<R extends RouteLike> = R['spec'] extends { readonly operation: true }
  ? true
  : false;
