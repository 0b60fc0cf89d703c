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
 * What a handler sees of its request: the {@link HandlerContext}. The
 * exchange extends it, so one object per request serves both the handler and
 * the state machine. What the handler sets (status, headers, tasks) is kept
 * here until the exchange resolves; after that every change is refused.
 */
export class HandlerScope implements HandlerContext {
  readonly route: RouteInfo;
  readonly method: string;
  readonly url: string;
  // Written once more by the exchange after validation (a schema may transform them).
  params: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: unknown = undefined;
  /** What the route's guard returned; set by the exchange before the handler runs. */
  auth: unknown = undefined;
  readonly native: NativeObjects;
  /** Where the exchange is in its life; only the exchange moves it. */
  protected current: ExchangeState = 'created';
  /** The decided response, once resolved. */
  protected result: Resolved | undefined;
  protected queryValue: Readonly<Record<string, string | string[]>> | undefined;
  /** What setStatus() set; undefined when it was not called. */
  protected status: number | undefined;
  protected headerList: HeaderList | undefined;
  protected tasks: Array<() => unknown> | undefined;
  private backgroundValue: BackgroundTasks | undefined;
  // Handlers destructure their context (`({ body, setStatus }) => ...`), so these
  // are functions that need no `this`; bound on first use, not per request.
  private boundSetStatus: ((status: number) => void) | undefined;
  private boundSetHeader: ((name: string, value: string) => void) | undefined;

  constructor(route: RouteInfo, request: NeutralRequest, params: Record<string, string>) {
    this.route = route;
    this.method = request.method;
    this.url = request.url;
    this.params = params;
    this.headers = request.headers;
    this.native = request.native;
  }

  /** Where the exchange is in its life. */
  get state(): ExchangeState {
    return this.current;
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
          (this.tasks ??= []).push(task);
        },
      };
    }
    return this.backgroundValue;
  }

  /** Sets the status, FastAPI's `response.status_code = ...`; frozen once resolved. */
  get setStatus(): (status: number) => void {
    return (this.boundSetStatus ??= (status: number): void => this.writeStatus(status));
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
    return (this.boundSetHeader ??= (name: string, value: string): void =>
      this.writeHeader(name, value));
  }

  /** Number of background tasks waiting to run. */
  get pendingTasks(): number {
    return this.tasks?.length ?? 0;
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
    if (this.current === 'created' || this.current === 'running') return;
    const sent = this.result ? ` (${this.result.status} was decided)` : '';
    throw new StatuskitError(
      ErrorCode.STATUS_FROZEN,
      `${this.route.id}: cannot ${action} after the response was resolved${sent}; background tasks and late callbacks cannot change what the client gets.`,
    );
  }
}
