import type { CompiledRoute } from '../compile.js';
import { checkAnswer } from '../contract/check.js';
import { DiagnosticCode } from '../diagnostic.js';
import { callHook, type ExchangeInfo, type ResolvedOptions } from '../options.js';
import { type Outcome, thrown, unroutable } from '../outcome.js';
import type { NeutralRequest } from '../request.js';
import { type Resolved, type RoutePlan, resolveWith } from '../resolve.js';
import type { HandlerContext, RouteInfo } from '../route.js';
import { authenticate } from '../security/guard.js';
import { readsBody, validateRequest } from './intake.js';
import { isThenable, toOutcome, withinTimeout } from './invoke.js';
import { HandlerScope, illegal } from './scope.js';

/** What {@link Exchange.finishAfter} needs of a native response (Node's ServerResponse has it). */
export interface ClosingResponse {
  readonly closed?: boolean;
  readonly destroyed?: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * An exchange as an adapter sees it: the core has decided the answer; the
 * adapter commits it once, writes it, and says when the response is done.
 */
export interface Exchange {
  /** The route that answered, or `GET /nope` when none matched. */
  readonly route: RouteInfo;
  /** Takes the decided answer to write, once; a second call throws STATUSKIT_ILLEGAL_TRANSITION. */
  commit(): Resolved;
  /**
   * Call once the answer is written: background tasks run when the native response has
   * closed (or at once when none wait). Resolves once they have run; never rejects.
   */
  finishAfter(response: ClosingResponse): Promise<void>;
}

/**
 * One request and its response: the handler's context while it runs (the
 * {@link HandlerScope} it extends), then a state machine that resolves the
 * status once, lets the adapter commit it once, and runs background tasks
 * after the adapter reports the response finished. Refused transitions throw
 * STATUSKIT_ILLEGAL_TRANSITION; a status change after resolution throws
 * STATUSKIT_STATUS_FROZEN.
 */
export class RequestExchange extends HandlerScope implements Exchange {
  /** A handler raised (an exception or an error): background tasks then wait for backgroundOnError. */
  private raised = false;

  constructor(
    private readonly plan: CompiledRoute | undefined,
    request: NeutralRequest,
    params: Record<string, string>,
    private readonly config: ResolvedOptions,
    /** Set when the framework or router already decided the answer (404, 405, 413, ...). */
    private readonly preset?: Outcome | undefined,
  ) {
    super(plan?.route, request, params);
  }

  /**
   * The kit's settings and the raw request headers behind a handler's context,
   * for the core's own handlers that answer as the kit would (operations/);
   * undefined for a context that is not an exchange of this core.
   */
  static internalsOf(
    ctx: unknown,
  ): { readonly settings: ResolvedOptions; readonly request: NeutralRequest } | undefined {
    return ctx instanceof RequestExchange
      ? { settings: ctx.config, request: ctx.request }
      : undefined;
  }

  /** The resolved response, once the exchange is resolved. */
  get response(): Resolved | undefined {
    return this.result;
  }

  /** created -> running. */
  start(): void {
    if (this.current !== 'created') throw illegal(this.current, 'start', this.route.id);
    this.current = 'running';
  }

  /** running -> resolved: applies precedence and the HTTP rules to an outcome. */
  settle(outcome: Outcome): Resolved {
    if (this.current !== 'running') throw illegal(this.current, 'resolve', this.route.id);
    const plan = this.plan ?? new UnmatchedPlan(this);
    const resolved = resolveWith(
      plan,
      this.method,
      outcome,
      this.status,
      this.headerList,
      this.config,
    );
    this.current = 'resolved';
    this.result =
      resolved.body === null ||
      typeof resolved.body === 'string' ||
      resolved.body instanceof Uint8Array
        ? resolved
        : { ...resolved, body: this.watch(resolved.body) };
    this.raised = outcome.kind === 'exception' || outcome.kind === 'error';
    if (outcome.kind === 'error')
      callHook(() => this.config.hooks.onError(outcome.error, this.info()));
    if (resolved.diagnostics) {
      for (const d of resolved.diagnostics) callHook(() => this.config.hooks.onDiagnostic(d));
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
          callHook(() =>
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
    if (this.current !== 'resolved') throw illegal(this.current, 'commit', this.route.id);
    this.current = 'committed';
    return this.result!;
  }

  /**
   * committed -> finished: call when the native response has finished (or the
   * client went away). Runs the queued background tasks in order; each
   * failure goes to onBackgroundError and does not stop the tasks after it.
   * Without tasks (nearly always) nothing is allocated: one settled promise
   * serves every exchange.
   */
  finish(): Promise<void> {
    if (this.current !== 'committed') {
      return Promise.reject(illegal(this.current, 'finish', this.route.id));
    }
    this.current = 'finished';
    const tasks = this.takeTasks();
    if (tasks === undefined || (this.raised && !this.plan?.backgroundOnError)) return DONE;
    return this.runTasks(tasks);
  }

  // The first task starts before finish() returns, as it did when finish was async.
  private async runTasks(tasks: ReadonlyArray<() => unknown>): Promise<void> {
    for (let i = 0; i < tasks.length; i++) {
      try {
        const r = tasks[i]!();
        if (isThenable(r)) await r;
      } catch (error) {
        callHook(() => this.config.hooks.onBackgroundError(error, { ...this.info(), task: i }));
      }
    }
  }

  /**
   * committed -> finished at the right time for a native response: at once when no
   * background task waits (no listener added) or the response has already closed,
   * else when it closes. Resolves once the tasks have run; task failures go to
   * onBackgroundError, and it never rejects.
   */
  finishAfter(response: ClosingResponse): Promise<void> {
    if (this.pendingTasks === 0 || response.closed === true || response.destroyed === true) {
      const done = this.finish();
      return done === DONE ? DONE : done.catch(ignore);
    }
    return new Promise((resolve) => {
      response.once('close', () => {
        this.finish().catch(ignore).then(resolve);
      });
    });
  }

  private info(): ExchangeInfo {
    return { route: this.route.id, method: this.method, url: this.url };
  }

  /**
   * created -> resolved: validates the request, runs the handler and resolves
   * the outcome; synchronously when nothing has to be awaited (a synchronous
   * handler with no body to read), else a promise of the result. Throws only
   * for a refused transition; handler failures become outcomes.
   */
  run(): Resolved | Promise<Resolved> {
    this.start();
    if (this.preset !== undefined) return this.settle(this.preset);
    const plan = this.plan;
    if (plan === undefined) return this.settle(unroutable(this.route.id));
    // The hot path: nothing to validate or read and a synchronous handler (most GETs,
    // every raise). It settles without a single await; a raise is caught here, not
    // turned into a rejected promise.
    if (
      plan.route.spec.request === undefined &&
      plan.timeout === undefined &&
      plan.guards === undefined &&
      !readsBody(plan, this.request)
    ) {
      let outcome: Outcome;
      try {
        const returned = (plan.route.handler as (ctx: HandlerContext) => unknown)(this);
        if (isThenable(returned)) return this.complete(Promise.resolve(returned).then(toOutcome));
        outcome = toOutcome(returned);
      } catch (error) {
        outcome = thrown(error);
      }
      const modelled = checkAnswer(plan, outcome, this.status, this.config);
      return isThenable(modelled)
        ? Promise.resolve(modelled).then((o) => this.settle(o))
        : this.settle(modelled);
    }
    return this.complete(this.invoke(plan));
  }

  private async complete(pending: Promise<Outcome>): Promise<Resolved> {
    let outcome: Outcome;
    try {
      outcome = await pending;
    } catch (error) {
      outcome = thrown(error);
    }
    if (this.plan !== undefined) {
      outcome = await checkAnswer(this.plan, outcome, this.status, this.config);
    }
    return this.settle(outcome);
  }

  private async invoke(plan: CompiledRoute): Promise<Outcome> {
    // The guard first: a request without valid credentials learns nothing about validation.
    if (plan.guards !== undefined) {
      const guarded = await authenticate(plan.guards, this);
      if (!guarded.ok) return guarded.outcome;
      this.auth = guarded.auth;
    }
    const intake = await validateRequest(plan, this, this.request, this.config);
    if (!intake.ok) return intake.outcome;
    const { params, query, headers, body } = intake.value;
    this.params = params;
    if (query !== undefined) this.validatedQuery(query);
    this.headers = headers;
    this.body = body;
    const returned = (plan.route.handler as (ctx: HandlerContext) => unknown)(this);
    if (!isThenable(returned)) return toOutcome(returned);
    if (plan.timeout === undefined) return toOutcome(await returned);
    return withinTimeout(returned, plan.timeout, plan.id, this.config);
  }
}

const DONE: Promise<void> = Promise.resolve();

// finish() rejects only for a refused transition, which an adapter calling
// finishAfter() twice would cause; nothing more useful can be done with it.
function ignore(): void {}

// The plan of an answer no route gave (404, 405, a refusal): its id, read only by a
// diagnostic, names the request and is made only then.
class UnmatchedPlan implements RoutePlan {
  readonly valueStatus = 200;
  readonly emptyStatus = 200;
  constructor(private readonly scope: { readonly route: RouteInfo }) {}
  get id(): string {
    return this.scope.route.id;
  }
}
