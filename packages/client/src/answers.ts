// What a call can answer, as a union discriminated by status: every status
// the route declares with its model's body, the core's own statuses with the
// body the core renders (422: FastAPI's list of problems), bodiless statuses
// and HEAD with `body: undefined`, and one arm for every status nobody
// declared (a proxy's 502, a rate limiter's 429), whose body is `unknown`.
import type {
  ClassKeys,
  CoreStatus,
  ExactKeys,
  FinalStatus,
  HasDefault,
  IsOpen,
  IsOperation,
  ModelAt,
  OutputOf,
  ReadsBody,
  ResponsesOf,
  RouteLike,
  SchemaLike,
  StatusesOfClass,
  SuccessStatus,
} from './contract.js';

/** The error body format of the app: FastAPI's `{"detail": ...}` (default) or RFC 9457. */
export type ErrorFormat = 'detail' | 'problem';

/** One problem found in a request, in FastAPI's shape (the items of a 422's `detail`). */
export interface ValidationIssue {
  readonly type: string;
  readonly loc: ReadonlyArray<string | number>;
  readonly msg: string;
  readonly input?: unknown;
}

/** The headers of an answer: the fetch `Headers` object. */
export interface AnswerHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  forEach(callback: (value: string, name: string) => void): void;
}

/** One answer of a call. */
export interface Answer<S extends number, B> {
  readonly status: S;
  readonly headers: AnswerHeaders;
  /** The parsed JSON, a string for text, bytes otherwise; undefined when there is no body. */
  readonly body: B;
}

/** The statuses whose answers never have a body. */
export type Bodiless = 204 | 205 | 304;

/** An RFC 9457 problem, as the core renders its errors with `errorFormat: 'problem'`. */
export interface Problem<S extends number> {
  readonly type: string;
  readonly title: string;
  readonly status: S;
  readonly detail?: string;
  readonly errors?: readonly ValidationIssue[];
}

/** The body of the core's refusal with a message (404, 405, 413, 500...). */
export type CoreErrorBody<S extends number, F extends ErrorFormat> = F extends 'problem'
  ? Problem<S> & { readonly detail: string }
  : { readonly detail: string };

/** The body of a validation failure (422, or 400 for malformed JSON when so configured). */
export type ValidationErrorBody<S extends number, F extends ErrorFormat> = F extends 'problem'
  ? Problem<S> & { readonly errors: readonly ValidationIssue[] }
  : { readonly detail: readonly ValidationIssue[] };

/** What the core itself sends with one of its statuses for this route. */
export type CoreBody<R extends RouteLike, S extends number, F extends ErrorFormat> = S extends 307
  ? undefined
  : S extends 422
    ? IsOperation<R> extends true
      ? ValidationErrorBody<S, F> | CoreErrorBody<S, F>
      : ValidationErrorBody<S, F>
    : S extends 400
      ? ReadsBody<R> extends true
        ? CoreErrorBody<S, F> | ValidationErrorBody<S, F>
        : CoreErrorBody<S, F>
      : CoreErrorBody<S, F>;

/** The statuses that get an arm of their own: success, exact `responses` keys, the core's (`Core`). */
export type ExactStatus<R extends RouteLike, Core extends number = CoreStatus<R>> =
  | SuccessStatus<R>
  | Core
  | (IsOpen<R> extends true ? never : ExactKeys<R>);

/** The body of one exact status: its model's output, the core's body, or unknown. */
export type BodyOf<
  R extends RouteLike,
  S extends number,
  F extends ErrorFormat,
  Core extends number = CoreStatus<R>,
> = S extends Bodiless
  ? undefined
  : ModelAt<R, S> extends infer M extends SchemaLike
    ? OutputOf<M> | (S extends Core ? CoreBody<R, S, F> : never)
    : S extends SuccessStatus<R> | ExactKeys<R>
      ? unknown
      : S extends Core
        ? CoreBody<R, S, F>
        : unknown;

type Body<Head extends boolean, B> = Head extends true ? undefined : B;

// A group of statuses sharing one body, with its bodiless members apart.
type Group<S extends number, B, Head extends boolean> =
  | ([Exclude<S, Bodiless>] extends [never] ? never : Answer<Exclude<S, Bodiless>, Body<Head, B>>)
  | ([Extract<S, Bodiless>] extends [never] ? never : Answer<Extract<S, Bodiless>, undefined>);

type ExactArms<
  R extends RouteLike,
  F extends ErrorFormat,
  Head extends boolean,
  Core extends number,
> =
  ExactStatus<R, Core> extends infer S
    ? S extends number
      ? Answer<S, Body<Head, BodyOf<R, S, F, Core>>>
      : never
    : never;

type ClassModelBody<R extends RouteLike, C extends string> = `${C}XX` extends keyof ResponsesOf<R>
  ? ResponsesOf<R>[`${C}XX`] extends { readonly model: infer M extends SchemaLike }
    ? OutputOf<M>
    : unknown
  : unknown;

type DefaultModelBody<R extends RouteLike> = 'default' extends keyof ResponsesOf<R>
  ? ResponsesOf<R>['default'] extends { readonly model: infer M extends SchemaLike }
    ? OutputOf<M>
    : unknown
  : unknown;

type ClassStatuses<R extends RouteLike> =
  ClassKeys<R> extends infer C
    ? C extends '1' | '2' | '3' | '4' | '5'
      ? StatusesOfClass<C>
      : never
    : never;

type ClassArms<R extends RouteLike, Head extends boolean, Core extends number> =
  IsOpen<R> extends true
    ? never
    : ClassKeys<R> extends infer C
      ? C extends '1' | '2' | '3' | '4' | '5'
        ? Group<Exclude<StatusesOfClass<C>, ExactStatus<R, Core>>, ClassModelBody<R, C>, Head>
        : never
      : never;

type Listed<R extends RouteLike, Core extends number> = ExactStatus<R, Core> | ClassStatuses<R>;

type DefaultArm<R extends RouteLike, Head extends boolean, Core extends number> =
  HasDefault<R> extends true
    ? Group<Exclude<FinalStatus, Listed<R, Core>>, DefaultModelBody<R>, Head>
    : never;

/** The statuses nobody declared for the route: its honest arm has `body: unknown`. */
export type UndeclaredStatus<R extends RouteLike, Core extends number = CoreStatus<R>> =
  HasDefault<R> extends true ? never : Exclude<FinalStatus, Listed<R, Core>>;

type UndeclaredArm<R extends RouteLike, Head extends boolean, Core extends number> = [
  UndeclaredStatus<R, Core>,
] extends [never]
  ? never
  : Answer<UndeclaredStatus<R, Core>, Body<Head, unknown>>;

/**
 * Every answer a call of route `R` can get, discriminated by `status`
 * (`Head`: a HEAD request, so no body at all; `Core`: the statuses the core
 * answers with its own bodies, by default those of a route).
 */
export type AnswerOf<
  R extends RouteLike,
  F extends ErrorFormat = 'detail',
  Head extends boolean = false,
  Core extends number = CoreStatus<R>,
> =
  | ExactArms<R, F, Head, Core>
  | ClassArms<R, Head, Core>
  | DefaultArm<R, Head, Core>
  | UndeclaredArm<R, Head, Core>;
