import type { SeedOptions } from './fixture/app.js';
import type { Policy } from './fixture/seed.js';

export type { Policy };

/** RFC 2119 level: MUST failures fail the run, SHOULD failures only warn (in the CLI). */
export type Level = 'MUST' | 'SHOULD';

/** One HTTP request, as plain data. */
export interface CaseRequest {
  readonly method: string;
  /** Request target sent as is: path plus query, still percent-encoded. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A UTF-8 string, or raw bytes as base64 (for invalid UTF-8). */
  readonly body?: string | { readonly base64: string };
  /** Send the body with `transfer-encoding: chunked` instead of a content-length. */
  readonly chunked?: boolean;
}

/** What the body must be. */
export type BodyExpectation =
  /** Deep-equal JSON (object key order ignored, array order kept). */
  | { readonly json: unknown }
  /** Exact UTF-8 text. */
  | { readonly text: string }
  /** Zero bytes. */
  | { readonly empty: true }
  /** JSON containing at least these members (arrays: same length, element-wise). */
  | { readonly jsonSubset: unknown };

/** What a response must look like. */
export interface Expectation {
  readonly status: number;
  /**
   * Significant headers: a string must be sent exactly once with that value,
   * null must be absent. Headers not named are compared only across adapters.
   */
  readonly headers?: Readonly<Record<string, string | null>>;
  readonly body?: BodyExpectation;
  /** Strings that must appear nowhere in the response headers or body (no leaks). */
  readonly absent?: readonly string[];
}

/**
 * Where a captured value comes from: a member of the JSON body, by JSON Pointer
 * (`{ json: '/id' }`), or a response header (`{ header: 'location' }`).
 */
export type CaptureSource = { readonly json: string } | { readonly header: string };

/** Send one request and check the answer. */
export interface RequestStep {
  readonly kind: 'request';
  readonly request: CaseRequest;
  readonly expect: Expectation;
  /** Replaces `expect` under one policy (e.g. `fastapi` answers 200 where `rest` answers 201). */
  readonly expectFor?: Readonly<Partial<Record<Policy, Expectation>>>;
  /**
   * Values to keep from the answer, by name: `{ op: { json: '/id' } }`. From
   * then on (this step's expectation included), `{{op}}` in any string of the
   * case (paths, header values, bodies, expectations) stands for the value.
   * The differential pass sees `{{op}}` in its place, so opaque ids that
   * differ between servers compare equal.
   */
  readonly capture?: Readonly<Record<string, CaptureSource>>;
}

/** Repeat a request until it matches, a bounded number of times (background tasks). */
export interface PollStep {
  readonly kind: 'poll';
  readonly request: CaseRequest;
  readonly until: Expectation;
  readonly attempts: number;
  readonly intervalMs: number;
}

/** Send GET and HEAD to the same target: same status and significant headers, HEAD without a body. */
export interface HeadStep {
  readonly kind: 'head';
  /** Request target, as in {@link CaseRequest.path}. */
  readonly path: string;
}

/** Send all requests at once; each must get its own answer. */
export interface ConcurrentStep {
  readonly kind: 'concurrent';
  readonly steps: readonly RequestStep[];
}

/**
 * A request exactly as it goes on the wire, for what node:http refuses to send:
 * header names with spaces, request lines over 16 KiB, a body without framing
 * (it becomes garbage after the request). Method, target and headers are byte
 * strings (one character per byte). The client writes the request line, then
 * `host` and `connection: close`, then `headers` in order, then the framing.
 */
export interface RawRequest {
  readonly method: string;
  readonly target: string;
  readonly headers?: ReadonlyArray<readonly [name: string, value: string]>;
  /** A UTF-8 string, or raw bytes as base64. */
  readonly body?: string | { readonly base64: string };
  /**
   * `content-length` (the default; none for an empty body), `chunked`, or
   * `none`: no framing header, so the server reads the body as a second request.
   */
  readonly framing?: 'content-length' | 'chunked' | 'none';
}

/** Send raw bytes over a fresh TCP connection and check the first answer. */
export interface RawStep {
  readonly kind: 'raw';
  readonly request: RawRequest;
  readonly expect: Expectation;
  /**
   * The server must send nothing after this answer (no second response to
   * the garbage that followed the request) and close the connection.
   */
  readonly nothingAfter?: boolean;
}

/** One step of a case, told apart by `kind`. */
export type Step = RequestStep | PollStep | HeadStep | ConcurrentStep | RawStep;

/** One conformance case: data only, no runner inside. */
export interface ConformanceCase {
  /**
   * Stable: S01..S30 seed rows, H.. HTTP rules, B.. bad input, G.. background
   * tasks, C.. concurrency, A.. auth guards, R001.. requests the reliability fuzzer caught.
   */
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  /**
   * Where the rule is written: a row of docs/seed-scenarios.md, a section of
   * docs/http-rules.md, an entry of docs/fastapi-behaviour.md, an RFC section.
   */
  readonly ref: string;
  /** The policies the case runs under; default both ({@link POLICIES}). */
  readonly policies?: readonly Policy[];
  /**
   * Body-parser modes the case runs in (default both). A case about bytes an
   * app's own parser never hands on (invalid UTF-8 that express.json() turns
   * into U+FFFD) runs only without one.
   */
  readonly bodyParsers?: readonly boolean[];
  /** Overrides for the seed app (error format, body limit, ...); the policy comes from the run. */
  readonly app?: Omit<SeedOptions, 'policy'>;
  readonly steps: readonly Step[];
}

/** Every method-default policy, in report order: what a case without `policies` runs under. */
export const POLICIES: readonly Policy[] = ['rest', 'fastapi'];

/** The policies a case runs under. */
export function policiesOf(c: Pick<ConformanceCase, 'policies'>): readonly Policy[] {
  return c.policies ?? POLICIES;
}

/** Headers every case compares: the seed's significant headers. */
export const SIGNIFICANT_HEADERS: readonly string[] = [
  'content-type',
  'content-length',
  'location',
  'allow',
  'www-authenticate',
  'retry-after',
];
