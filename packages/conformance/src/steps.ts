import { Captures } from './captures.js';
import type {
  CaseRequest,
  ConformanceCase,
  Expectation,
  Policy,
  RawStep,
  RequestStep,
  Step,
} from './case.js';
import { SIGNIFICANT_HEADERS } from './case.js';
import { type ClientResponse, send } from './client.js';
import { compare, type Fingerprint, fingerprint, headerValues, preview } from './compare.js';
import { sendRaw } from './raw-client.js';

/** One request the case sent and the answer, reduced for the differential pass. */
export interface RecordedExchange {
  readonly request: { readonly method: string; readonly path: string };
  readonly response: Fingerprint;
}

/** x-headers a case names: compared across adapters besides the significant ones. */
export function namedHeaders(c: ConformanceCase): string[] {
  const names = new Set<string>();
  const add = (e: Expectation | undefined): void => {
    for (const name of Object.keys(e?.headers ?? {})) if (name.startsWith('x-')) names.add(name);
  };
  const visit = (s: Step): void => {
    switch (s.kind) {
      case 'request':
        add(s.expect);
        for (const e of Object.values(s.expectFor ?? {})) add(e);
        break;
      case 'raw':
        add(s.expect);
        break;
      case 'poll':
        add(s.until);
        break;
      case 'concurrent':
        s.steps.forEach(visit);
        break;
      case 'head':
        break;
    }
  };
  c.steps.forEach(visit);
  return [...names].sort();
}

function label(r: { readonly method: string; readonly path: string }): string {
  return `${r.method} ${r.path.length > 80 ? `${r.path.slice(0, 80)}…` : r.path}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the steps of one case to one server and checks the answers. */
export class StepRunner {
  readonly exchanges: RecordedExchange[] = [];
  private readonly captures = new Captures();
  constructor(
    private readonly url: string,
    private readonly policy: Policy,
    private readonly extra: readonly string[],
    private readonly timeoutMs: number | undefined,
  ) {}

  private async fetch(r: CaseRequest, record = true): Promise<ClientResponse> {
    const opts = this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs };
    const response = await send(this.url, r, opts);
    if (record) this.recordOne(r, response);
    return response;
  }

  private recordOne(r: { method: string; path: string }, response: ClientResponse): void {
    const c = this.captures;
    this.exchanges.push({
      request: { method: r.method, path: c.mask(r.path) },
      response: c.maskFingerprint(fingerprint(response, this.extra)),
    });
  }

  private expectation(s: RequestStep): Expectation {
    return s.expectFor?.[this.policy] ?? s.expect;
  }

  /** Runs one step, `{{name}}` filled in with what earlier steps captured; returns its failures. */
  async run(template: Step): Promise<string[]> {
    const s = this.captures.fill(template);
    switch (s.kind) {
      case 'request': {
        const response = await this.fetch(s.request, false);
        const lost = s.capture === undefined ? [] : this.captures.take(s.capture, response);
        this.recordOne(s.request, response);
        const expected = this.captures.fill(this.expectation(template as RequestStep));
        return [...lost, ...compare(response, expected, s.request.method)].map(
          (m) => `${label(s.request)}: ${m}`,
        );
      }
      case 'raw':
        return this.raw(s);
      case 'poll':
        return this.poll(s.request, s.until, s.attempts, s.intervalMs);
      case 'head':
        return this.head(s.path);
      case 'concurrent':
        return this.concurrent(s.steps);
    }
  }

  private async raw(s: RawStep): Promise<string[]> {
    const request = { method: s.request.method, path: s.request.target };
    const opts = this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs };
    const { responses, rest, end } = await sendRaw(this.url, s.request, opts);
    const [first, ...more] = responses;
    const where = (m: string): string => `${label(request)} (raw): ${m}`;
    if (first === undefined) {
      const got = rest.byteLength > 0 ? `${rest.byteLength} bytes that are no response` : 'nothing';
      return [where(`no complete response (${end}; received ${got})`)];
    }
    this.recordOne(request, first);
    const out = compare(first, s.expect, s.request.method);
    if (s.nothingAfter) {
      for (const r of more) out.push(`a second answer ${r.status} after the first`);
      if (rest.byteLength > 0) {
        const text = preview(new TextDecoder().decode(rest), 80);
        out.push(`${rest.byteLength} more bytes after the answer: ${JSON.stringify(text)}`);
      }
      if (end === 'timeout') out.push('the connection stayed open after the answer');
    }
    return out.map(where);
  }

  private async poll(
    r: CaseRequest,
    until: Expectation,
    attempts: number,
    intervalMs: number,
  ): Promise<string[]> {
    let last: string[] = [];
    let response: ClientResponse | undefined;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await sleep(intervalMs);
      response = await this.fetch(r, false);
      last = compare(response, until, r.method);
      if (last.length === 0) break;
    }
    // Only the final answer is recorded: how many polls it took is timing, not behaviour.
    if (response !== undefined) this.recordOne(r, response);
    return last.map((m) => `${label(r)} (still after ${attempts} polls): ${m}`);
  }

  private async head(path: string): Promise<string[]> {
    const getReq: CaseRequest = { method: 'GET', path };
    const headReq: CaseRequest = { method: 'HEAD', path };
    const get = await this.fetch(getReq);
    const head = await this.fetch(headReq);
    const out: string[] = [];
    if (head.status !== get.status) out.push(`status ${head.status}, GET answered ${get.status}`);
    for (const name of [...SIGNIFICANT_HEADERS, ...this.extra]) {
      const g = headerValues(get, name).join(', ');
      const h = headerValues(head, name).join(', ');
      if (g !== h) out.push(`${name}: ${JSON.stringify(h)}, GET sent ${JSON.stringify(g)}`);
    }
    if (head.body.byteLength > 0) out.push(`a body of ${head.body.byteLength} bytes`);
    return out.map((m) => `HEAD ${path}: ${m}`);
  }

  private async concurrent(steps: readonly RequestStep[]): Promise<string[]> {
    const settled = await Promise.allSettled(steps.map((s) => this.fetch(s.request, false)));
    const out: string[] = [];
    let failed = 0;
    settled.forEach((result, i) => {
      const s = steps[i]!;
      const problems =
        result.status === 'rejected'
          ? [String(result.reason instanceof Error ? result.reason.message : result.reason)]
          : compare(result.value, this.expectation(s), s.request.method);
      if (result.status === 'fulfilled') this.recordOne(s.request, result.value);
      if (problems.length > 0) {
        failed++;
        if (out.length < 5) out.push(`#${i} ${label(s.request)}: ${problems.join('; ')}`);
      }
    });
    if (failed > 0)
      out.unshift(`${failed} of ${steps.length} concurrent requests answered wrongly`);
    return out;
  }
}
