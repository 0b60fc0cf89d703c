import {
  BodyReadError,
  isJsonContentType,
  nestsDeeperThan,
  parseJson,
  readBody,
  tooDeepIssue,
} from './body.js';
import { type Diagnostic, DiagnosticCode } from './diagnostic.js';
import type { ErrorFormat } from './error-format.js';
import { assertFinalStatus, ErrorCode, StatuskitError } from './errors.js';
import { assertHeader, type HeaderList } from './headers.js';
import { HttpException, isHttpException } from './http-exception.js';
import { carriesBody, headerValue, type NeutralRequest, parseQuery, splitUrl } from './request.js';
import { type Outcome, type Resolved, type RoutePlan, resolve, statusFor } from './resolve.js';
import { fromFetchResponse, isExplicitResponse, isFetchResponse, redirect } from './response.js';
import type {
  AnyRoute,
  BackgroundTasks,
  HandlerContext,
  NativeObjects,
  RouteInfo,
} from './route.js';
import { type Schema, type SchemaResult, type ValidationIssue, validate } from './schema.js';
import { statusAllowsBody } from './status.js';

/** The life of one request; the core owns every transition. */
export type ExchangeState = 'created' | 'running' | 'resolved' | 'committed' | 'finished';

/** Names the route (or the unmatched request) an error or task belongs to. */
export interface ExchangeInfo {
  /** `GET /items/{id}`, or `GET /nope` when no route matched. */
  readonly route: string;
  readonly method: string;
  readonly url: string;
}

/** Logging hooks; each receives what happened and where. */
export interface Hooks {
  /** An error thrown by a handler (the client got a 500 that says nothing more). */
  readonly onError: (error: unknown, info: ExchangeInfo) => void;
  /** A response that went out differently than the handler asked, or broke an HTTP rule. */
  readonly onDiagnostic: (diagnostic: Diagnostic) => void;
  /** A background task that failed after the response was sent. */
  readonly onBackgroundError: (
    error: unknown,
    info: ExchangeInfo & { readonly task: number },
  ) => void;
}

/** Everything about a route the exchange needs, computed once at start-up. */
export interface CompiledRoute extends RoutePlan {
  readonly route: AnyRoute;
  /** Models by status from `responses`, plus the success model for 2xx. */
  readonly models: ReadonlyMap<number, Schema>;
  readonly successModel: Schema | undefined;
  readonly backgroundOnError: boolean;
  /** Milliseconds the handler may take before the client gets 503; undefined: no limit. */
  readonly timeout: number | undefined;
}

/** App-wide settings an exchange reads. */
export interface ExchangeConfig {
  readonly errorFormat: ErrorFormat;
  readonly debug: boolean;
  readonly bodyLimit: number;
  /** Milliseconds the whole request body may take to arrive before the client gets 408. */
  readonly bodyTimeout: number;
  /** Seconds sent in `retry-after` with the 503 of a handler that outlived its timeout. */
  readonly retryAfter: number;
  readonly maxJsonDepth: number;
  readonly malformedJsonStatus: 400 | 422;
  readonly hooks: Hooks;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function illegal(from: ExchangeState, action: string, route: string): StatuskitError {
  return new StatuskitError(
    ErrorCode.ILLEGAL_TRANSITION,
    `${route}: cannot ${action} while the exchange is ${from}.`,
  );
}

function toOutcome(value: unknown): Outcome {
  if (isHttpException(value)) return { kind: 'exception', exception: value };
  if (isExplicitResponse(value)) return { kind: 'response', response: value };
  if (isFetchResponse(value)) return { kind: 'response', response: fromFetchResponse(value) };
  return { kind: 'value', value };
}

/** The outcome of a thrown value: an HttpException answers itself, anything else is a 500. */
export function thrown(error: unknown): Outcome {
  return isHttpException(error)
    ? { kind: 'exception', exception: error }
    : { kind: 'error', error };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** What {@link Exchange.finishAfter} needs of a native response (Node's ServerResponse has it). */
export interface ClosingResponse {
  readonly closed?: boolean;
  readonly destroyed?: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * One request and its response: the handler's context while it runs, then a
 * state machine that resolves the status once, lets the adapter commit it
 * once, and runs background tasks after the adapter reports the response
 * finished. Refused transitions throw STATUSKIT_ILLEGAL_TRANSITION; a status
 * change after resolution throws STATUSKIT_STATUS_FROZEN.
 */
export class Exchange implements HandlerContext {
  /** Where the exchange is in its life. */
  state: ExchangeState = 'created';
  readonly route: RouteInfo;
  readonly method: string;
  readonly url: string;
  params: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: unknown = undefined;
  readonly native: NativeObjects;
  private queryValue: Readonly<Record<string, string | string[]>> | undefined;
  private status: number | undefined;
  private headerList: HeaderList | undefined;
  private tasks: Array<() => unknown> | undefined;
  private backgroundValue: BackgroundTasks | undefined;
  private result: Resolved | undefined;
  private outcomeKind: Outcome['kind'] | undefined;

  constructor(
    private readonly plan: CompiledRoute | undefined,
    private readonly request: NeutralRequest,
    params: Record<string, string>,
    private readonly config: ExchangeConfig,
    /** Set when the framework or router already decided the answer (404, 405, 413, ...). */
    private readonly preset?: Outcome | undefined,
  ) {
    this.route = plan?.route ?? unmatched(request);
    this.method = request.method;
    this.url = request.url;
    this.params = params;
    this.headers = request.headers;
    this.native = request.native;
  }

  /** The query string, parsed on first use. */
  get query(): Readonly<Record<string, string | string[]>> {
    if (this.queryValue === undefined) this.queryValue = parseQuery(splitUrl(this.url).query);
    return this.queryValue;
  }

  /** Queue of tasks to run after the response has been sent. */
  get background(): BackgroundTasks {
    if (this.backgroundValue === undefined) {
      this.backgroundValue = {
        add: (task: () => unknown): void => {
          if (this.state !== 'created' && this.state !== 'running') {
            throw illegal(
              this.state,
              'add a background task (only the handler may add them)',
              this.route.id,
            );
          }
          if (typeof task !== 'function') {
            throw new StatuskitError(
              ErrorCode.INVALID_OPTION,
              `${this.route.id}: a background task must be a function.`,
            );
          }
          (this.tasks ??= []).push(task);
        },
      };
    }
    return this.backgroundValue;
  }

  /** The resolved response, once the exchange is resolved. */
  get response(): Resolved | undefined {
    return this.result;
  }

  // Handlers destructure their context (`({ body, setStatus }) => ...`), so these
  // are functions that need no `this`; bound on first use, not per request.
  private boundSetStatus: ((status: number) => void) | undefined;
  private boundSetHeader: ((name: string, value: string) => void) | undefined;

  /** Sets the status, FastAPI's `response.status_code = ...`; frozen once resolved. */
  get setStatus(): (status: number) => void {
    return (this.boundSetStatus ??= (status: number): void => this.writeStatus(status));
  }

  /** Adds a response header (not sent when the handler raises). */
  get setHeader(): (name: string, value: string) => void {
    return (this.boundSetHeader ??= (name: string, value: string): void =>
      this.writeHeader(name, value));
  }

  private writeStatus(status: number): void {
    this.assertMutable('set the status');
    assertFinalStatus(status, `route ${this.route.id} setStatus()`);
    this.status = status;
  }

  private writeHeader(name: string, value: string): void {
    this.assertMutable(`set header ${name}`);
    assertHeader(name, value, `route ${this.route.id} setHeader()`);
    const lower = name.toLowerCase();
    const list = (this.headerList ??= []);
    for (let i = list.length - 1; i >= 0; i--) if (list[i]![0] === lower) list.splice(i, 1);
    list.push([lower, value]);
  }

  private assertMutable(action: string): void {
    if (this.state === 'created' || this.state === 'running') return;
    const sent = this.result ? ` (${this.result.status} was decided)` : '';
    throw new StatuskitError(
      ErrorCode.STATUS_FROZEN,
      `${this.route.id}: cannot ${action} after the response was resolved${sent}; background tasks and late callbacks cannot change what the client gets.`,
    );
  }

  /** created -> running. */
  start(): void {
    if (this.state !== 'created') throw illegal(this.state, 'start', this.route.id);
    this.state = 'running';
  }

  /** running -> resolved: applies precedence and the HTTP rules to an outcome. */
  settle(outcome: Outcome): Resolved {
    if (this.state !== 'running') throw illegal(this.state, 'resolve', this.route.id);
    const plan = this.plan ?? fallbackPlan(this.route.id);
    const resolved = resolve(
      plan,
      this.method,
      outcome,
      { status: this.status, headers: this.headerList },
      this.config,
    );
    this.state = 'resolved';
    this.result =
      resolved.body === null ||
      typeof resolved.body === 'string' ||
      resolved.body instanceof Uint8Array
        ? resolved
        : { ...resolved, body: this.watch(resolved.body) };
    this.outcomeKind = outcome.kind;
    if (outcome.kind === 'error')
      this.report(() => this.config.hooks.onError(outcome.error, this.info()));
    if (resolved.diagnostics) {
      for (const d of resolved.diagnostics) this.report(() => this.config.hooks.onDiagnostic(d));
    }
    return this.result;
  }

  // A streamed body can fail after the status went out; the adapter cuts the
  // response, and this makes sure the failure is reported, not lost.
  private watch(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    const exchange = this;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          yield* body;
        } catch (error) {
          exchange.report(() =>
            exchange.config.hooks.onDiagnostic({
              code: DiagnosticCode.STREAM_FAILED,
              route: exchange.route.id,
              status: exchange.result?.status ?? 500,
              message: `[statuskit] ${exchange.route.id}: the response body stream failed after the status was sent; the connection was cut so the client sees an incomplete response.`,
              error,
            }),
          );
          throw error;
        }
      },
    };
  }

  /** resolved -> committed: the adapter is about to write; returns what to write. */
  commit(): Resolved {
    if (this.state !== 'resolved') throw illegal(this.state, 'commit', this.route.id);
    this.state = 'committed';
    return this.result!;
  }

  /**
   * committed -> finished: call when the native response has finished (or the
   * client went away). Runs the queued background tasks in order; each
   * failure goes to onBackgroundError and does not stop the tasks after it.
   */
  async finish(): Promise<void> {
    if (this.state !== 'committed') throw illegal(this.state, 'finish', this.route.id);
    this.state = 'finished';
    const tasks = this.tasks;
    if (tasks === undefined) return;
    this.tasks = undefined;
    const raised = this.outcomeKind === 'exception' || this.outcomeKind === 'error';
    if (raised && !this.plan?.backgroundOnError) return;
    for (let i = 0; i < tasks.length; i++) {
      try {
        const r = tasks[i]!();
        if (isThenable(r)) await r;
      } catch (error) {
        this.report(() => this.config.hooks.onBackgroundError(error, { ...this.info(), task: i }));
      }
    }
  }

  /**
   * committed -> finished at the right time for a native response: at once when no
   * background task waits (no listener added) or the response has already closed,
   * else when it closes. Task failures go to onBackgroundError; nothing rejects.
   */
  finishAfter(response: ClosingResponse): void {
    const finish = (): void => {
      this.finish().catch(() => {});
    };
    if (this.pendingTasks === 0 || response.closed === true || response.destroyed === true) {
      finish();
    } else response.once('close', finish);
  }

  /** Number of background tasks waiting to run. */
  get pendingTasks(): number {
    return this.tasks?.length ?? 0;
  }

  private info(): ExchangeInfo {
    return { route: this.route.id, method: this.method, url: this.url };
  }

  // A throwing hook must not turn a decided response into a crash.
  private report(call: () => void): void {
    try {
      call();
    } catch {
      /* the hook's own failure has nowhere better to go */
    }
  }

  /** created -> resolved: validates the request, runs the handler, resolves the outcome. */
  run(): Promise<Resolved> {
    try {
      const r = this.runNow();
      return isThenable(r) ? r : Promise.resolve(r);
    } catch (error) {
      // Only a refused transition gets here; handler failures became outcomes.
      return Promise.reject(error);
    }
  }

  /**
   * created -> resolved, synchronously when nothing has to be awaited (a
   * synchronous handler with no body to read): the resolved result itself,
   * else a promise of it. Throws only for a refused transition.
   */
  runSync(): Resolved | Promise<Resolved> {
    return this.runNow();
  }

  private runNow(): Resolved | Promise<Resolved> {
    this.start();
    if (this.preset !== undefined) return this.settle(this.preset);
    const plan = this.plan;
    if (plan === undefined) {
      const error = new StatuskitError(
        ErrorCode.INVALID_ROUTE,
        `${this.route.id}: an exchange needs a route or a preset outcome; create exchanges through kit.handle().`,
      );
      return this.settle({ kind: 'error', error });
    }
    // The hot path: nothing to validate or read and a synchronous handler (most GETs,
    // every raise). It settles without a single await; a raise is caught here, not
    // turned into a rejected promise.
    if (
      plan.route.spec.request === undefined &&
      plan.timeout === undefined &&
      !this.readsBody(plan)
    ) {
      let outcome: Outcome;
      try {
        const returned = (plan.route.handler as (ctx: HandlerContext) => unknown)(this);
        if (isThenable(returned)) return this.complete(Promise.resolve(returned).then(toOutcome));
        outcome = toOutcome(returned);
      } catch (error) {
        outcome = thrown(error);
      }
      const modelled = outcome.kind === 'value' ? this.applyModel(plan, outcome) : outcome;
      return isThenable(modelled)
        ? Promise.resolve(modelled).then((o) => this.settle(o))
        : this.settle(modelled);
    }
    return this.complete(this.invoke());
  }

  private async complete(pending: Promise<Outcome>): Promise<Resolved> {
    let outcome: Outcome;
    try {
      outcome = await pending;
    } catch (error) {
      outcome = thrown(error);
    }
    if (outcome.kind === 'value' && this.plan !== undefined) {
      outcome = await this.applyModel(this.plan, outcome);
    }
    return this.settle(outcome);
  }

  private readsBody(plan: CompiledRoute): boolean {
    return (
      plan.route.spec.request?.body !== undefined ||
      (BODY_METHODS.has(this.method) && this.requestCarriesBody())
    );
  }

  private async invoke(): Promise<Outcome> {
    const plan = this.plan!;
    const spec = plan.route.spec.request;
    let issues: ValidationIssue[] | undefined;
    const collect = async (
      schema: Schema | undefined,
      value: unknown,
      where: string,
    ): Promise<unknown> => {
      if (schema === undefined) return value;
      let r: SchemaResult | Promise<SchemaResult> = validate(schema, value, where);
      if (r instanceof Promise) r = await r;
      if (r.ok) return r.value;
      (issues ??= []).push(...r.issues);
      return value;
    };
    if (spec !== undefined) {
      this.params = (await collect(spec.params, this.params, 'path')) as Record<string, string>;
      if (spec.query !== undefined)
        this.queryValue = (await collect(spec.query, this.query, 'query')) as Record<
          string,
          string
        >;
      this.headers = (await collect(spec.headers, this.headers, 'header')) as Record<
        string,
        string
      >;
    }
    const bodySchema = spec?.body;
    if (this.readsBody(plan)) {
      const read = await this.readBody(bodySchema !== undefined);
      if (read.kind === 'outcome') return read.outcome;
      if (read.kind === 'issue') (issues ??= []).push(read.issue);
      else this.body = await collect(bodySchema, read.value, 'body');
    }
    if (issues !== undefined) {
      const status = issues.some((i) => i.type === 'json_invalid')
        ? this.config.malformedJsonStatus
        : 422;
      return { kind: 'exception', exception: new HttpException(status, issues as never) };
    }
    const returned = (plan.route.handler as (ctx: HandlerContext) => unknown)(this);
    if (!isThenable(returned)) return toOutcome(returned);
    if (plan.timeout === undefined) return toOutcome(await returned);
    return this.withinTimeout(returned, plan.timeout, plan.id);
  }

  // Races the handler against its timeout. The loser is not cancelled (JS cannot),
  // so a late result or failure is reported as a diagnostic and never sent.
  private withinTimeout(
    pending: PromiseLike<unknown>,
    ms: number,
    route: string,
  ): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      let settled = false;
      const late = (what: string, error?: unknown): void =>
        this.report(() =>
          this.config.hooks.onDiagnostic({
            code: DiagnosticCode.LATE_RESULT,
            route,
            status: 503,
            message: `[statuskit] ${route}: the handler ${what} after its ${ms} ms timeout; the client already got 503 and the result was dropped.`,
            ...(error === undefined ? {} : { error }),
          }),
        );
      const timer = setTimeout(() => {
        settled = true;
        resolve(timedOut(this.config.retryAfter));
        pending.then(
          () => late('finished'),
          (error: unknown) => late('failed', error),
        );
      }, ms);
      pending.then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(toOutcome(value));
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private requestCarriesBody(): boolean {
    const body = this.request.body;
    return body.kind === 'parsed' || body.kind === 'bytes' || carriesBody(this.request.headers);
  }

  private async readBody(
    required: boolean,
  ): Promise<
    | { kind: 'value'; value: unknown }
    | { kind: 'issue'; issue: ValidationIssue }
    | { kind: 'outcome'; outcome: Outcome }
  > {
    const source = this.request.body;
    if (source.kind === 'parsed') {
      // The framework's parser has no depth limit: apply the core's, as for bytes.
      return nestsDeeperThan(source.value, this.config.maxJsonDepth)
        ? { kind: 'issue', issue: tooDeepIssue(this.config.maxJsonDepth) }
        : { kind: 'value', value: source.value };
    }
    // The core is pure and decodes no content coding (RFC 9110 8.4): a gzip body it cannot
    // read is a 415, never a JSON parse of compressed bytes.
    const coding = headerValue(this.request.headers, 'content-encoding');
    if (
      coding !== undefined &&
      coding.trim().toLowerCase() !== 'identity' &&
      coding.trim() !== ''
    ) {
      if (
        (source.kind === 'bytes' && source.bytes.byteLength > 0) ||
        carriesBody(this.request.headers)
      ) {
        return { kind: 'outcome', outcome: rejected(415) };
      }
    }
    let bytes: Uint8Array | undefined;
    if (source.kind === 'bytes') {
      // The same limit whoever read the body: an adapter may hand over bytes it buffered itself.
      if (source.bytes.byteLength > this.config.bodyLimit) {
        return { kind: 'outcome', outcome: rejected(413) };
      }
      bytes = source.bytes;
    } else if (source.kind === 'stream' && carriesBody(this.request.headers)) {
      const declared = Number(headerValue(this.request.headers, 'content-length'));
      if (declared > this.config.bodyLimit) return { kind: 'outcome', outcome: rejected(413) };
      try {
        bytes = await readBody(source.stream, this.config.bodyLimit, this.config.bodyTimeout);
      } catch (error) {
        const reason = error instanceof BodyReadError ? error.reason : 'aborted';
        return {
          kind: 'outcome',
          outcome: rejected(reason === 'too-large' ? 413 : reason === 'timeout' ? 408 : 400),
        };
      }
    }
    if (bytes === undefined || bytes.byteLength === 0) {
      return required
        ? {
            kind: 'issue',
            issue: { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
          }
        : { kind: 'value', value: undefined };
    }
    if (!isJsonContentType(headerValue(this.request.headers, 'content-type'))) {
      return required
        ? { kind: 'outcome', outcome: rejected(415) }
        : { kind: 'value', value: bytes };
    }
    const parsed = parseJson(bytes, this.config.maxJsonDepth);
    return parsed.ok
      ? { kind: 'value', value: parsed.value }
      : { kind: 'issue', issue: parsed.issue };
  }

  // Synchronous when the model is (zod, valibot and most schemas are), so the hot path stays await-free.
  private applyModel(
    plan: CompiledRoute,
    outcome: Outcome & { kind: 'value' },
  ): Outcome | Promise<Outcome> {
    const status = statusFor(plan, outcome, { status: this.status, headers: undefined });
    if (!statusAllowsBody(status)) return outcome;
    const model = plan.models.get(status) ?? (status < 300 ? plan.successModel : undefined);
    if (model === undefined) return outcome;
    // A model that throws (instead of returning issues) is a 500 like any handler failure.
    let r: SchemaResult | Promise<SchemaResult>;
    try {
      r = validate(model, outcome.value, 'response');
    } catch (error) {
      return { kind: 'error', error };
    }
    return r instanceof Promise
      ? r.then(
          (result) => this.modelled(plan, status, result),
          (error: unknown): Outcome => ({ kind: 'error', error }),
        )
      : this.modelled(plan, status, r);
  }

  private modelled(plan: CompiledRoute, status: number, r: SchemaResult): Outcome {
    if (r.ok) return { kind: 'value', value: r.value };
    const issues = r.issues;
    this.report(() =>
      this.config.hooks.onDiagnostic({
        code: DiagnosticCode.RESPONSE_VALIDATION,
        route: plan.id,
        status,
        message: `[statuskit] ${plan.id}: the handler's value does not match the response model for ${status}; the client got a 500. Fix the handler or the model.`,
        issues,
      }),
    );
    return {
      kind: 'error',
      error: new StatuskitError(
        ErrorCode.RESPONSE_VALIDATION,
        `${plan.id}: the handler's value does not match the response model for ${status}.`,
        { cause: issues },
      ),
    };
  }
}

const rejections = new Map<number, Outcome>();

/**
 * A shared outcome for a framework-level rejection (400, 404, 413, ...):
 * HttpExceptions are immutable. 408 and 413 close the connection, since the
 * rest of that request's body was never read.
 */
export function rejected(status: number): Outcome {
  let outcome = rejections.get(status);
  if (outcome === undefined) {
    const headers = status === 408 || status === 413 ? { connection: 'close' } : {};
    outcome = { kind: 'exception', exception: new HttpException(status, undefined, { headers }) };
    rejections.set(status, outcome);
  }
  return outcome;
}

function timedOut(retryAfter: number): Outcome {
  return {
    kind: 'exception',
    exception: new HttpException(503, undefined, {
      headers: { 'retry-after': String(retryAfter) },
    }),
  };
}

const notAllowed = new Map<string, Outcome>();

/** The 405 outcome for an allow list, shared between requests. */
export function methodNotAllowed(allow: string): Outcome {
  let outcome = notAllowed.get(allow);
  if (outcome === undefined) {
    outcome = {
      kind: 'exception',
      exception: new HttpException(405, undefined, { headers: { allow } }),
    };
    if (notAllowed.size < 1000) notAllowed.set(allow, outcome);
  }
  return outcome;
}

/** The trailing-slash redirect outcome. */
export function slashRedirect(location: string): Outcome {
  return { kind: 'response', response: redirect(location) };
}

function unmatched(request: NeutralRequest): RouteInfo {
  const { path } = splitUrl(request.url);
  return { id: `${request.method} ${path}`, method: request.method, path };
}

function fallbackPlan(id: string): RoutePlan {
  return { id, valueStatus: 200, emptyStatus: 200 };
}
