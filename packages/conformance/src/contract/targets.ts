// What a contract run talks to and checks against. A kit runs in this process
// on @statuskit/node's listener, and every answer is held against its route's
// status contract (`contractOf`) and the Standard Schema model of its status.
// A URL is a running app: its /openapi.json says the statuses, and the JSON
// Schemas in it the bodies.
import {
  type AnyRoute,
  contractOf,
  isDeclared,
  modelAt,
  type RouteContract,
  type Statuskit,
  toOpenApi,
} from '@statuskit/core';
import { toNodeListener } from '@statuskit/node';
import { listenOnLoopback } from '@statuskit/node/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { documentedKey, escapePointer, type Operation, takesInput } from './operations.js';

/** An answer as it came back. */
export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  /** The body as text; '' when there was none. */
  readonly text: string;
}

/** The app under test: where it listens, what it documents, how its answers are judged. */
export interface Target {
  readonly url: string;
  readonly document: unknown;
  /** What is wrong with an answer (nothing: an empty list). */
  check(op: Operation, answer: Answer): Promise<string[]>;
  close(): Promise<void>;
}

const BODILESS = new Set([204, 205, 304]);

function json(answer: Answer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(answer.text) };
  } catch {
    return { ok: false };
  }
}

function serverError(status: number, declaredByRoute: boolean): string[] {
  return status >= 500 && !declaredByRoute
    ? [`${status} is a server error the route does not declare`]
    : [];
}

async function bodyProblems(
  status: number,
  answer: Answer,
  validate: (value: unknown) => Promise<string | undefined>,
): Promise<string[]> {
  if (BODILESS.has(status) || answer.text === '') return [];
  const parsed = json(answer);
  if (!parsed.ok) return [`the ${status} body is not JSON, but its status has a model`];
  const problem = await validate(parsed.value);
  return problem === undefined ? [] : [`the ${status} body breaks its model: ${problem}`];
}

// Only the route's own `responses` excuse a 5xx: the core's 500 is declared, but it is a bug.
function routeDeclares(contract: RouteContract, status: number): boolean {
  return contract.statuses.some(
    (s) =>
      s.source === 'responses' &&
      (s.status === status ||
        s.status === `${Math.floor(status / 100)}XX` ||
        s.status === 'default'),
  );
}

/** Starts a kit on 127.0.0.1, port 0, and judges answers by its routes' contracts. */
export async function kitTarget(kit: Statuskit): Promise<Target> {
  const server = await listenOnLoopback(toNodeListener(kit));
  const routes = new Map<string, AnyRoute>(kit.routes.map((r) => [r.id, r]));
  const contracts = new Map<string, RouteContract>();
  const contractFor = (route: AnyRoute): RouteContract => {
    let contract = contracts.get(route.id);
    if (contract === undefined) {
      contract = contractOf(route, kit.options);
      contracts.set(route.id, contract);
    }
    return contract;
  };
  return {
    url: server.url,
    document: toOpenApi(kit),
    async check(op, answer) {
      const route = routes.get(op.id);
      if (route === undefined) return [];
      const contract = contractFor(route);
      const { status } = answer;
      if (!isDeclared(contract, status)) {
        return [`answered ${status}, which ${op.id} does not declare`];
      }
      const problems = serverError(status, routeDeclares(contract, status));
      const model = modelAt(contract, status);
      if (model === undefined) return problems;
      const found = await bodyProblems(status, answer, async (value) => {
        const result = await model['~standard'].validate(value);
        if (result.issues === undefined) return undefined;
        const issue = result.issues[0]!;
        const where = (issue.path ?? [])
          .map((p) => (typeof p === 'object' ? String(p.key) : String(p)))
          .join('.');
        return `${where === '' ? '' : `${where}: `}${issue.message}`;
      });
      return [...problems, ...found];
    },
    close: () => server.close(),
  };
}

/** The statuses the core answers for an operation without documenting them. */
function coreAnswers(op: Operation, status: number): boolean {
  if ([307, 400, 404, 405, 500].includes(status)) return true;
  if (status === 422 && takesInput(op)) return true;
  const readsBody = op.body !== undefined || ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
  return readsBody && [408, 413, 415, 422].includes(status);
}

/** A running app: its /openapi.json, and the JSON Schemas in it for bodies. */
export async function urlTarget(url: string, timeoutMs: number): Promise<Target> {
  const base = url.replace(/\/+$/, '');
  const res = await fetch(`${base}/openapi.json`, { signal: AbortSignal.timeout(timeoutMs) });
  if (res.status !== 200) {
    throw new Error(`${base}/openapi.json answered ${res.status}; serve the document there.`);
  }
  const document = (await res.json()) as Record<string, unknown>;
  // The document is added whole, so each schema's `#/components/...` resolves in it.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema(document, 'openapi');
  const validators = new Map<string, ReturnType<typeof ajv.compile> | undefined>();
  const validatorAt = (op: Operation, key: string, type: string) => {
    const pointer = `${op.pointer}/responses/${escapePointer(key)}/content/${escapePointer(type)}/schema`;
    if (!validators.has(pointer)) {
      let found: ReturnType<typeof ajv.compile> | undefined;
      try {
        found = ajv.compile({ $ref: `openapi#${pointer}` });
      } catch {
        found = undefined; // no schema there
      }
      validators.set(pointer, found);
    }
    return validators.get(pointer);
  };
  return {
    url: base,
    document,
    async check(op, answer) {
      const { status } = answer;
      const key = documentedKey(op, status);
      if (key === undefined && !coreAnswers(op, status)) {
        return [`answered ${status}, which ${op.id} does not document`];
      }
      const problems = serverError(status, key !== undefined);
      if (key === undefined) return problems;
      const type = (answer.contentType ?? '').split(';')[0]!.trim();
      const validate = validatorAt(op, key, type);
      if (validate === undefined) return problems;
      const found = await bodyProblems(status, answer, async (value) =>
        validate(value) ? undefined : ajv.errorsText(validate.errors),
      );
      return [...problems, ...found];
    },
    close: async () => {},
  };
}
