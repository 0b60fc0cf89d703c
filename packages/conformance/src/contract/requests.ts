// The requests of a contract run: for each operation, valid ones generated
// from its schemas, and invalid ones made from a valid one by one mutation
// (a required field dropped, a value of the wrong type, malformed JSON, a
// content type that is not JSON). Both kinds must get a declared answer.
import fc from 'fast-check';
import { arbitraryOf, type Resolve, wrongValueFor } from './arbitrary.js';
import { type Operation, type Parameter, takesInput } from './operations.js';

/** One request to send, and why. */
export interface PlannedRequest {
  readonly op: Operation;
  readonly method: string;
  /** Path and query, percent-encoded. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** undefined for a valid request; what was broken for an invalid one. */
  readonly mutation: string | undefined;
}

interface Inputs {
  readonly path: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly header: Record<string, unknown>;
  /** undefined: no body sent. */
  readonly body: { value: unknown } | { raw: string; contentType: string } | undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function inputsArbitrary(op: Operation, resolve: Resolve): fc.Arbitrary<Inputs> {
  const group = (where: Parameter['in']) => {
    const params = op.parameters.filter((p) => p.in === where);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of params) {
      const value = arbitraryOf(p.schema, resolve);
      // An empty path segment routes elsewhere: path parameters have a character at least.
      model[p.name] = where === 'path' ? value.filter((v) => text(v) !== '') : value;
    }
    const requiredKeys = params.filter((p) => p.required || where === 'path').map((p) => p.name);
    return fc.record(model, { requiredKeys });
  };
  const body =
    op.body === undefined
      ? fc.constant(undefined)
      : arbitraryOf(op.body.schema, resolve).map((value) => ({ value }));
  return fc.record({
    path: group('path'),
    query: group('query'),
    header: group('header'),
    body,
  });
}

type Mutation = (inputs: Inputs) => { inputs: Inputs; what: string } | undefined;

function mutations(op: Operation, resolve: Resolve): Mutation[] {
  const out: Mutation[] = [];
  for (const p of op.parameters) {
    const where = p.in;
    if (p.required && where !== 'path') {
      out.push((inputs) => {
        const { [p.name]: _, ...rest } = inputs[where];
        return { inputs: { ...inputs, [where]: rest }, what: `${where} ${p.name} left out` };
      });
    }
    const wrong = wrongValueFor(p.schema, resolve);
    if (wrong !== undefined && typeof wrong === 'string') {
      out.push((inputs) => ({
        inputs: { ...inputs, [where]: { ...inputs[where], [p.name]: wrong } },
        what: `${where} ${p.name} = ${JSON.stringify(wrong)}`,
      }));
    }
  }
  if (op.body !== undefined) {
    out.push((inputs) => ({
      inputs: { ...inputs, body: { raw: '{"broken": ', contentType: 'application/json' } },
      what: 'malformed JSON body',
    }));
    out.push((inputs) => ({
      inputs: {
        ...inputs,
        body: {
          raw: text(inputs.body && 'value' in inputs.body ? inputs.body.value : 1),
          contentType: 'text/plain',
        },
      },
      what: 'body sent as text/plain',
    }));
    out.push((inputs) => {
      const value = inputs.body && 'value' in inputs.body ? inputs.body.value : undefined;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return {
          inputs: { ...inputs, body: { value: ['not', 'this'] } },
          what: 'body of the wrong type',
        };
      }
      const keys = Object.keys(value);
      if (keys.length === 0) return { inputs: { ...inputs, body: { value: [] } }, what: 'body []' };
      const key = keys[0]!;
      return {
        inputs: { ...inputs, body: { value: { ...value, [key]: { wrong: [true] } } } },
        what: `body.${key} of the wrong type`,
      };
    });
  }
  return out;
}

function toRequest(op: Operation, inputs: Inputs, mutation: string | undefined): PlannedRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(text(inputs.path[name] ?? 'x')),
  );
  const query: string[] = [];
  for (const [key, value] of Object.entries(inputs.query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      query.push(`${encodeURIComponent(key)}=${encodeURIComponent(text(item))}`);
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs.header)) {
    // Header values cannot carry control characters or non-Latin-1: those become escapes.
    if (value !== undefined) headers[name] = encodeURI(text(value));
  }
  let body: string | undefined;
  if (inputs.body !== undefined) {
    if ('raw' in inputs.body) {
      body = inputs.body.raw;
      headers['content-type'] = inputs.body.contentType;
    } else {
      body = JSON.stringify(inputs.body.value) ?? 'null';
      headers['content-type'] = 'application/json';
    }
  }
  const target = query.length === 0 ? path : `${path}?${query.join('&')}`;
  return { op, method: op.method, target, headers, body, mutation };
}

/**
 * Requests to an operation: mostly valid, and, when it takes input, about one
 * in three broken by a mutation.
 */
export function requestArbitrary(op: Operation, resolve: Resolve): fc.Arbitrary<PlannedRequest> {
  const inputs = inputsArbitrary(op, resolve);
  const valid = inputs.map((i) => toRequest(op, i, undefined));
  const broken = mutations(op, resolve);
  if (!takesInput(op) || broken.length === 0) return valid;
  const invalid = fc.tuple(inputs, fc.integer({ min: 0, max: broken.length - 1 })).map(([i, n]) => {
    const mutated = broken[n]!(i);
    return mutated === undefined
      ? toRequest(op, i, undefined)
      : toRequest(op, mutated.inputs, mutated.what);
  });
  return fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: invalid, weight: 1 });
}

/** `count` requests over every operation in turn, the same ones for the same seed. */
export function planRequests(
  ops: readonly Operation[],
  resolve: Resolve,
  count: number,
  seed: number,
): PlannedRequest[] {
  if (ops.length === 0) return [];
  const perOp = Math.ceil(count / ops.length);
  const samples = ops.map((op, i) =>
    fc.sample(requestArbitrary(op, resolve), { numRuns: perOp, seed: seed + i }),
  );
  const out: PlannedRequest[] = [];
  for (let round = 0; round < perOp && out.length < count; round++) {
    for (const list of samples) {
      const request = list[round];
      if (request !== undefined && out.length < count) out.push(request);
    }
  }
  return out;
}
