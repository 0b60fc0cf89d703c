import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRoute } from '../compile.js';
import { ErrorCode, type ErrorCodeValue, isStatuskitError } from '../errors.js';
import { HttpException } from '../http-exception.js';
import { resolveOptions } from '../options.js';
import type { Outcome } from '../outcome.js';
import { json } from '../response.js';
import { defineRoute } from '../route.js';
import { request } from '../test-helpers.js';
import { RequestExchange } from './exchange.js';
import type { ExchangeState } from './scope.js';

// The reference model: what the exchange must be after each call.
interface Model {
  state: ExchangeState;
  status: number | undefined;
  tasksAdded: number;
  raised: boolean;
  decided: number | undefined;
}

interface Real {
  exchange: RequestExchange;
  ran: number;
}

const DECLARED = 202;
const MUTABLE: readonly ExchangeState[] = ['created', 'running'];

function makeReal(): Real {
  const options = resolveOptions({
    onError: () => {},
    onDiagnostic: () => {},
    onBackgroundError: () => {},
  });
  const route = defineRoute({ method: 'POST', path: '/m', status: DECLARED }, () => ({ ok: 1 }));
  return {
    exchange: new RequestExchange(compileRoute(route, options), request('POST', '/m'), {}, options),
    ran: 0,
  };
}

// Runs a call and returns the StatuskitError code it threw, or undefined.
async function codeOf(call: () => unknown): Promise<ErrorCodeValue | 'other' | undefined> {
  try {
    await call();
  } catch (error) {
    return isStatuskitError(error) ? error.code : 'other';
  }
  return undefined;
}

function expectSame(model: Model, real: Real): void {
  expect(real.exchange.state).toBe(model.state);
  expect(['created', 'running', 'resolved', 'committed', 'finished']).toContain(
    real.exchange.state,
  );
  if (model.state !== 'finished') expect(real.exchange.pendingTasks).toBe(model.tasksAdded);
  if (model.decided !== undefined) expect(real.exchange.response?.status).toBe(model.decided);
  else expect(real.exchange.response).toBeUndefined();
}

type Command = fc.AsyncCommand<Model, Real>;

class Start implements Command {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() => r.exchange.start());
    if (m.state === 'created') {
      expect(code).toBeUndefined();
      m.state = 'running';
    } else expect(code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expectSame(m, r);
  }
  toString = (): string => 'start';
}

class Run implements Command {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() => r.exchange.run());
    if (m.state === 'created') {
      expect(code).toBeUndefined();
      m.state = 'resolved';
      m.decided = m.status ?? DECLARED;
    } else expect(code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expectSame(m, r);
  }
  toString = (): string => 'run';
}

class SetStatus implements Command {
  constructor(readonly status: number) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() => r.exchange.setStatus(this.status));
    if (MUTABLE.includes(m.state)) {
      expect(code).toBeUndefined();
      m.status = this.status;
    } else expect(code).toBe(ErrorCode.STATUS_FROZEN);
    expectSame(m, r);
  }
  toString = (): string => `setStatus(${this.status})`;
}

class SetHeader implements Command {
  constructor(readonly value: string) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() => r.exchange.setHeader('x-model', this.value));
    expect(code).toBe(MUTABLE.includes(m.state) ? undefined : ErrorCode.STATUS_FROZEN);
    expectSame(m, r);
  }
  toString = (): string => `setHeader(${JSON.stringify(this.value)})`;
}

class AddTask implements Command {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() =>
      r.exchange.background.add(() => {
        r.ran++;
      }),
    );
    if (MUTABLE.includes(m.state)) {
      expect(code).toBeUndefined();
      m.tasksAdded++;
    } else expect(code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expectSame(m, r);
  }
  toString = (): string => 'background.add';
}

class Settle implements Command {
  constructor(
    readonly kind: Outcome['kind'],
    readonly status: number,
  ) {}
  check = (): boolean => true;
  outcome(): Outcome {
    switch (this.kind) {
      case 'value':
        return { kind: 'value', value: { n: 1 } };
      case 'response':
        return { kind: 'response', response: json(1, { status: this.status }) };
      case 'exception':
        return { kind: 'exception', exception: new HttpException(this.status) };
      case 'error':
        return { kind: 'error', error: new Error('x') };
    }
  }
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() => r.exchange.settle(this.outcome()));
    if (m.state === 'running') {
      expect(code).toBeUndefined();
      m.state = 'resolved';
      m.raised = this.kind === 'exception' || this.kind === 'error';
      m.decided =
        this.kind === 'value' ? (m.status ?? DECLARED) : this.kind === 'error' ? 500 : this.status;
    } else expect(code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expectSame(m, r);
  }
  toString = (): string => `settle(${this.kind}, ${this.status})`;
}

class Commit implements Command {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const code = await codeOf(() => r.exchange.commit());
    if (m.state === 'resolved') {
      expect(code).toBeUndefined();
      m.state = 'committed';
    } else expect(code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expectSame(m, r);
  }
  toString = (): string => 'commit';
}

class Finish implements Command {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const before = r.ran;
    const code = await codeOf(() => r.exchange.finish());
    if (m.state === 'committed') {
      expect(code).toBeUndefined();
      m.state = 'finished';
      // Tasks run once, in full, unless the handler raised.
      expect(r.ran - before).toBe(m.raised ? 0 : m.tasksAdded);
    } else {
      expect(code).toBe(ErrorCode.ILLEGAL_TRANSITION);
      expect(r.ran).toBe(before);
    }
    expectSame(m, r);
  }
  toString = (): string => 'finish';
}

const status = fc.constantFrom(200, 201, 204, 304, 404, 418, 500, 503);

const commands = fc.commands(
  [
    fc.constant(new Start()),
    fc.constant(new Run()),
    status.map((s) => new SetStatus(s)),
    fc.constantFrom('a', 'b').map((v) => new SetHeader(v)),
    fc.constant(new AddTask()),
    fc
      .tuple(
        fc.constantFrom('value', 'response', 'exception', 'error') as fc.Arbitrary<Outcome['kind']>,
        status,
      )
      .map(([kind, s]) => new Settle(kind, s)),
    fc.constant(new Commit()),
    fc.constant(new Finish()),
  ],
  { maxCommands: 30 },
);

describe('exchange state machine (model-based)', () => {
  it('matches the reference model for any sequence of calls', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const setup = () => ({
          model: {
            state: 'created',
            status: undefined,
            tasksAdded: 0,
            raised: false,
            decided: undefined,
          } as Model,
          real: makeReal(),
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: 300 },
    );
  });

  it('the model itself catches a wrong state (the test can fail)', async () => {
    const real = makeReal();
    const model: Model = {
      state: 'running',
      status: undefined,
      tasksAdded: 0,
      raised: false,
      decided: undefined,
    };
    expect(() => expectSame(model, real)).toThrow();
  });
});
