// The start of an operation: validates the request like any route, creates
// the operation (or finds it by Idempotency-Key), answers 202 with the
// monitor, and has the work run: after the response in this process, or by
// a worker. `Prefer: wait=N` answers the final response when it ends in time.
import { HttpException } from '../http-exception.js';
import { type JsonValue, toJsonText } from '../json.js';
import { callHook } from '../options.js';
import { headerValue } from '../request.js';
import type { ExplicitResponse } from '../response.js';
import { type AnyRoute, defineRoute, type HandlerContext, type ResponsesSpec } from '../route.js';
import { guarded, type KitView, kitView, type OperationsRuntime } from './context.js';
import type { AnyOperation } from './define.js';
import { monitorLinks, unavailable } from './docs.js';
import type { ExecuteResult } from './execute.js';
import { monitorModel } from './monitor.js';
import { accepted, replay } from './replay.js';
import { fingerprint, idempotencyKey, preferredWait } from './request-headers.js';
import { isTerminal, type OperationRecord } from './store.js';

const POLL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// The work started in the handler for `Prefer: wait`: what ended within `ms`, else undefined.
function within(pending: Promise<ExecuteResult>, ms: number): Promise<ExecuteResult | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}

// A worker's operation, waited for through the store: `wait` when it has one, else polls.
async function awaitEnd(rt: OperationsRuntime, id: string, ms: number) {
  if (rt.store.wait !== undefined) return rt.store.wait(id, ms);
  const deadline = Date.now() + ms;
  for (;;) {
    const record = await rt.store.get(id);
    if (record === undefined || isTerminal(record.status) || Date.now() >= deadline) return record;
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

function report(kit: KitView, ran: ExecuteResult, late: boolean): void {
  if (ran.kind !== 'ended' || ran.error === undefined) return;
  const error = ran.error;
  callHook(() =>
    late
      ? kit.hooks?.onBackgroundError(error, { ...kit.info, task: 0 })
      : kit.hooks?.onError(error, kit.info),
  );
}

async function start(
  rt: OperationsRuntime,
  op: AnyOperation,
  ctx: HandlerContext,
): Promise<ExplicitResponse> {
  const kit = kitView(ctx);
  const key = idempotencyKey(headerValue(kit.headers, 'idempotency-key'));
  const wait = preferredWait(headerValue(kit.headers, 'prefer'), rt.maxWait);
  const input = JSON.parse(
    toJsonText({ body: ctx.body ?? null, params: ctx.params, query: ctx.query }),
  ) as JsonValue;
  const idempotency =
    key === undefined
      ? undefined
      : { key: `${op.name} ${key}`, fingerprint: await fingerprint(input) };
  const id = crypto.randomUUID();
  const created = await guarded(rt, kit, () =>
    rt.store.create({ id, name: op.name, input, ...(idempotency && { idempotency }) }),
  );
  if (created.kind === 'conflict') {
    throw new HttpException(422, 'Idempotency-Key was already used with a different request');
  }
  let record: OperationRecord = created.record;
  const here = created.kind === 'created' && rt.store.execution === 'in-process';
  if (wait !== undefined && here) {
    const running = rt.execute(record.id);
    const ran = await guarded(rt, kit, () => within(running, wait * 1000));
    if (ran?.kind === 'ended' && isTerminal(ran.record.status)) {
      report(kit, ran, false);
      return replay(ran.record, op);
    }
    // Still running: its end is reported as a background task's would be.
    running.then(
      (r) => report(kit, r, true),
      (error: unknown) =>
        callHook(() => kit.hooks?.onBackgroundError(error, { ...kit.info, task: 0 })),
    );
    record = (await guarded(rt, kit, () => rt.store.get(record.id))) ?? record;
  } else if (wait !== undefined) {
    const now = await guarded(rt, kit, () => awaitEnd(rt, record.id, wait * 1000));
    if (now !== undefined && isTerminal(now.status)) return replay(now, op);
    record = now ?? record;
  } else if (here) {
    ctx.background.add(async () => {
      const ran = await rt.execute(record.id);
      if (ran.kind === 'ended' && ran.error !== undefined) throw ran.error;
    });
  }
  return accepted(record, rt, kit.format);
}

/** The start route of an operation: its method, path and request; 202 and the monitor. */
export function startRoute(rt: OperationsRuntime, op: AnyOperation): AnyRoute {
  const { status: _, response: __, responses: ___, name: ____, ...spec } = op.spec;
  const responses: ResponsesSpec = {
    202: {
      description: `Accepted: the operation started (or, with the same Idempotency-Key and request, was found; a different request answers 422). Poll its monitor (location); its result answers ${op.spec.status} when it succeeds.`,
      model: monitorModel,
      headers: {
        location: { description: 'The status monitor of the operation.', required: true },
        'retry-after': {
          description: 'Seconds to wait before polling the monitor.',
          required: true,
        },
      },
      links: monitorLinks(rt.basePath, '$response.body#/id'),
    },
    400: 'The Idempotency-Key header is malformed',
    503: unavailable(),
  };
  return defineRoute({ ...spec, status: 202, response: monitorModel, responses }, (ctx) =>
    start(rt, op, ctx),
  );
}
