import { isDeepStrictEqual } from 'node:util';

/** What a route must answer beyond its status, checked once before any load. */
export interface AnswerCheck {
  /** The body parsed as JSON equals this (key order free). */
  readonly json?: unknown;
  /** `content-type` starts with this (case-insensitive). */
  readonly contentType?: string;
  /** The body is empty. */
  readonly empty?: boolean;
  /** The body contains this text (a handler's answer, not a router's miss). */
  readonly includes?: string;
}

/** One answer as the check request got it; header names in lower case. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const clip = (body: string): string =>
  body.length === 0 ? '(empty body)' : JSON.stringify(body.slice(0, 120));

/**
 * Why an answer is not the one expected, or undefined when it is: a server that
 * answers wrongly is reported and left out, never measured (its figures would
 * compare different work).
 */
export function answerProblem(
  status: number,
  check: AnswerCheck | undefined,
  a: Answer,
): string | undefined {
  if (a.status !== status) return `answered ${a.status}, expected ${status}: ${clip(a.body)}`;
  if (check === undefined) return undefined;
  const type = a.headers['content-type'] ?? '';
  if (
    check.contentType !== undefined &&
    !type.toLowerCase().startsWith(check.contentType.toLowerCase())
  ) {
    return `content-type ${type === '' ? '(none)' : JSON.stringify(type)}, expected ${check.contentType}`;
  }
  if (check.empty === true && a.body !== '') return `a ${status} with a body: ${clip(a.body)}`;
  if (check.includes !== undefined && !a.body.includes(check.includes)) {
    return `body without ${JSON.stringify(check.includes)}: ${clip(a.body)}`;
  }
  if (check.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(a.body);
    } catch {
      return `body is not JSON: ${clip(a.body)}`;
    }
    if (!isDeepStrictEqual(parsed, check.json)) {
      return `body ${clip(a.body)}, expected ${JSON.stringify(check.json)}`;
    }
  }
  return undefined;
}
