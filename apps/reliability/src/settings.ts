/** Reads a positive integer from the environment, or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`[statuskit] reliability: ${name}=${raw} is not a non-negative integer.`);
  }
  return value;
}

/** Settings of a fuzz run, from the environment (see docs/reliability.md). */
export interface FuzzSettings {
  /** Generated requests, each sent to every adapter (`RELIABILITY_RUNS`, default 2,000). */
  readonly runs: number;
  /** fast-check seed to replay (`RELIABILITY_SEED`). */
  readonly seed: number | undefined;
  /** fast-check path to replay only the shrunk counterexample (`RELIABILITY_PATH`). */
  readonly path: string | undefined;
  /** Bound on every request, in ms (`RELIABILITY_TIMEOUT_MS`, default 5,000). */
  readonly timeoutMs: number;
  /** Write the run's figures as JSON here (`RELIABILITY_REPORT`). */
  readonly report: string | undefined;
  /**
   * Generated requests for the second pass, with each framework's JSON body
   * parser installed before statuskit (`RELIABILITY_BODY_PARSER_RUNS`, default 1,000).
   */
  readonly bodyParserRuns: number;
  /** Fail on known, reported divergences too (`RELIABILITY_STRICT=1`). */
  readonly strict: boolean;
  /**
   * Generated requests per framework for the host-app pass: the app's and the
   * kit's paths, statuskit inside a host app (`RELIABILITY_HOST_RUNS`, default 500).
   */
  readonly hostRuns: number;
}

/** The fuzz settings in force. */
export function fuzzSettings(): FuzzSettings {
  const seed = process.env.RELIABILITY_SEED;
  return {
    runs: envInt('RELIABILITY_RUNS', 2000),
    seed: seed === undefined || seed === '' ? undefined : Number(seed),
    path: process.env.RELIABILITY_PATH || undefined,
    timeoutMs: envInt('RELIABILITY_TIMEOUT_MS', 5000),
    report: process.env.RELIABILITY_REPORT || undefined,
    bodyParserRuns: envInt('RELIABILITY_BODY_PARSER_RUNS', 1000),
    strict: process.env.RELIABILITY_STRICT === '1',
    hostRuns: envInt('RELIABILITY_HOST_RUNS', 500),
  };
}
