import { assertFinalStatus, ErrorCode, StatuskitError } from '../errors.js';
import { assertHeader, type HeaderList } from '../headers.js';
import { HttpException, type HttpExceptionOptions } from '../http-exception.js';
import type { JsonValue } from '../json.js';
import { type NeutralRequest, parseQuery, splitUrl } from '../request.js';
import type { Resolved } from '../resolve.js';
import type { BackgroundTasks, HandlerContext, NativeObjects, RouteInfo } from '../route.js';

/** The life of one request; the core owns every transition. */
export type ExchangeState = 'created' | 'running' | 'resolved' | 'committed' | 'finished';

/** The STATUSKIT_ILLEGAL_TRANSITION error of an action the state does not allow. */
export function illegal(from: ExchangeState, action: string, route: string): StatuskitError {
  return new StatuskitError(
    ErrorCode.ILLEGAL_TRANSITION,
    `${route}: cannot ${action} while the exchange is ${from}.`,
  );
}

// ctx.error needs no `this`: one function for every exchange.
function raise(status: number, detail?: JsonValue, options?: HttpExceptionOptions): HttpException {
  return new HttpException(status, detail, options);
}

/** The route identity of a request no route matched: `GET /nope`. */
export function unmatched(request: NeutralRequest): RouteInfo {
  const { path } = splitUrl(request.url);
  return { id: `${request.method} ${path}`, method: request.method, path };
}

/**
 * What a handler set or asked for beyond its params and body: most handlers
 * use none of it, so it lives apart and is made on first use.
 */
interface Extras {
  auth: unknown;
  headers: Readonly<Record<string, string | string[] | undefined>> | undefined;
  query: Readonly<Record<string, string | string[]>> | undefined;
  status: number | undefined;
  headerList: HeaderList | undefined;
  tasks: Array<() => unknown> | undefined;
  background: BackgroundTasks | undefined;
  setStatus: ((status: number) => void) | undefined;
  setHeader: ((name: string, value: string) => void) | undefined;
}

function extras(): Extras {
  return {
    auth: undefined,
    headers: undefined,
    query: undefined,
    status: undefined,
    headerList: undefined,
    tasks: undefined,
    background: undefined,
    setStatus: undefined,
    setHeader: undefined,
  };
}

/**
 * What a handler sees of its request: the {@link HandlerContext}. The
 * exchange extends it, so one object per request serves both the handler and
 * the state machine. What the handler sets (status, headers, tasks) is kept
 * here until the exchange resolves; after that every change is refused.
 * Small on purpose (one is made per request): method, url and native are
 * read from the request, and everything a handler may set or ask for lives
 * in {@link Extras}, made on first use.
 */
export class HandlerScope implements HandlerContext {
  // Written once more by the exchange after validation (a schema may transform them).
  params: Readonly<Record<string, string>>;
  body: unknown = undefined;
  /** Where the exchange is in its life; only the exchange moves it. */
  protected current: ExchangeState = 'created';
  /** The decided response, once resolved. */
  protected result: Resolved | undefined;
  protected extra: Extras | undefined;
  private routeInfo: RouteInfo | undefined;

  constructor(
    route: RouteInfo | undefined,
    protected readonly request: NeutralRequest,
    params: Record<string, string>,
  ) {
    this.routeInfo = route;
    this.params = params;
  }

  /** The route that answers; `GET /nope` (made on first use) when none matched. */
  get route(): RouteInfo {
    return (this.routeInfo ??= unmatched(this.request));
  }

  /** The request's method, as received. */
  get method(): string {
    return this.request.method;
  }

  /** The raw request target. */
  get url(): string {
    return this.request.url;
  }

  /** The framework's own objects. */
  get native(): NativeObjects {
    return this.request.native;
  }

  /** The request headers; the header schema's output once validated. */
  get headers(): Readonly<Record<string, string | string[] | undefined>> {
    return this.extra?.headers ?? this.request.headers;
  }

  set headers(value: Readonly<Record<string, string | string[] | undefined>>) {
    if (value !== this.request.headers || this.extra !== undefined) {
      (this.extra ??= extras()).headers = value;
    }
  }

  /** What the route's guard returned; set by the exchange before the handler runs. */
  get auth(): unknown {
    return this.extra?.auth;
  }

  set auth(value: unknown) {
    (this.extra ??= extras()).auth = value;
  }

  /** Where the exchange is in its life. */
  get state(): ExchangeState {
    return this.current;
  }

  /** The query string, parsed on first use. */
  get query(): Readonly<Record<string, string | string[]>> {
    const extra = (this.extra ??= extras());
    if (extra.query === undefined) extra.query = parseQuery(splitUrl(this.url).query);
    return extra.query;
  }

  /** Queue of tasks to run after the response has been sent. */
  get background(): BackgroundTasks {
    const extra = (this.extra ??= extras());
    if (extra.background === undefined) {
      extra.background = {
        add: (task: () => unknown): void => {
          if (this.current !== 'created' && this.current !== 'running') {
            throw illegal(
              this.current,
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
          (extra.tasks ??= []).push(task);
        },
      };
    }
    return extra.background;
  }

  // Handlers destructure their context (`({ body, setStatus }) => ...`), so these
  // are functions that need no `this`; bound on first use, not per request.

  /** Sets the status, FastAPI's `response.status_code = ...`; frozen once resolved. */
  get setStatus(): (status: number) => void {
    const extra = (this.extra ??= extras());
    return (extra.setStatus ??= (status: number): void => this.writeStatus(status));
  }

  /** An HttpException to raise: `throw ctx.error(404, 'Item not found')` (typed in HandlerContext). */
  get error(): (
    status: number,
    detail?: JsonValue,
    options?: HttpExceptionOptions,
  ) => HttpException {
    return raise;
  }

  /** Adds a response header (not sent when the handler raises). */
  get setHeader(): (name: string, value: string) => void {
    const extra = (this.extra ??= extras());
    return (extra.setHeader ??= (name: string, value: string): void =>
      this.writeHeader(name, value));
  }

  /** Number of background tasks waiting to run. */
  get pendingTasks(): number {
    return this.extra?.tasks?.length ?? 0;
  }

  /** What setStatus() set; undefined when it was not called. */
  protected get status(): number | undefined {
    return this.extra?.status;
  }

  /** What setHeader() set; undefined when it was not called. */
  protected get headerList(): HeaderList | undefined {
    return this.extra?.headerList;
  }

  /** The query schema's output: what `query` answers from now on. */
  protected validatedQuery(query: Readonly<Record<string, string | string[]>>): void {
    (this.extra ??= extras()).query = query;
  }

  /** Takes the queued background tasks (the exchange runs them once). */
  protected takeTasks(): Array<() => unknown> | undefined {
    const tasks = this.extra?.tasks;
    if (tasks !== undefined) this.extra!.tasks = undefined;
    return tasks;
  }

  private writeStatus(status: number): void {
    this.assertMutable('set the status');
    assertFinalStatus(status, `route ${this.route.id} setStatus()`);
    this.extra!.status = status;
  }

  private writeHeader(name: string, value: string): void {
    this.assertMutable(`set header ${name}`);
    assertHeader(name, value, `route ${this.route.id} setHeader()`);
    const lower = name.toLowerCase();
    const list = (this.extra!.headerList ??= []);
    for (let i = list.length - 1; i >= 0; i--) if (list[i]![0] === lower) list.splice(i, 1);
    list.push([lower, value]);
  }

  private assertMutable(action: string): void {
    if (this.current === 'created' || this.current === 'running') return;
    const sent = this.result ? ` (${this.result.status} was decided)` : '';
    throw new StatuskitError(
      ErrorCode.STATUS_FROZEN,
      `${this.route.id}: cannot ${action} after the response was resolved${sent}; background tasks and late callbacks cannot change what the client gets.`,
    );
  }
}
