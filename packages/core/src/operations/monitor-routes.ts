// The three routes every operation shares, under `basePath`: the monitor
// (always 200 while known), the result (202 until the end, then the replay)
// and the cancel action (200, or 409 once ended). Unknown ids answer 404.
import { HttpException } from '../http-exception.js';
import { json } from '../response.js';
import { type AnyRoute, defineRoute, type ResponsesSpec } from '../route.js';
import { guarded, kitView, notFound, type OperationsRuntime } from './context.js';
import type { AnyOperation } from './define.js';
import { monitorIds, monitorLinks, unavailable } from './docs.js';
import { monitorBody, monitorModel } from './monitor.js';
import { accepted, replay } from './replay.js';
import { isTerminal } from './store.js';

type IdParams = { readonly id: string };

const pending = {
  description: 'The operation has not ended: the monitor, its location and when to poll again.',
  model: monitorModel,
  headers: {
    location: { description: 'The status monitor of the operation.', required: true },
    'retry-after': { description: 'Seconds to wait before polling again.', required: true },
  },
};

// Every final status the operations may answer, for the result's documentation;
// the first operation to declare a status gives its model.
function finalResponses(operations: readonly AnyOperation[]): ResponsesSpec {
  const out: Record<string, ResponsesSpec[string]> = {};
  for (const op of operations) {
    const names = `${op.name}`;
    out[op.spec.status] ??= {
      description: `The result of ${names}, replayed as it would have been answered`,
      ...(op.spec.response === undefined ? {} : { model: op.spec.response }),
    };
    for (const [status, doc] of Object.entries(op.spec.responses ?? {})) out[status] ??= doc;
  }
  return out;
}

/** The monitor, result and cancel routes of `operations` under `rt.basePath`. */
export function monitorRoutes(
  rt: OperationsRuntime,
  operations: readonly AnyOperation[],
): AnyRoute[] {
  const ids = monitorIds(rt.basePath);
  const monitorPath = `${rt.basePath}/{id}`;
  const find = async (ctx: Parameters<typeof kitView>[0]) => {
    const kit = kitView(ctx);
    const id = (ctx.params as IdParams).id;
    const record = await guarded(rt, kit, () => rt.store.get(id));
    if (record === undefined) throw notFound();
    return { kit, record };
  };
  return [
    defineRoute(
      {
        method: 'GET',
        path: monitorPath,
        operationId: ids.monitor,
        summary: 'Read the status monitor of an operation',
        response: monitorModel,
        responses: {
          200: {
            description: 'The monitor; `retry-after` while the operation has not ended.',
            model: monitorModel,
            links: monitorLinks(rt.basePath, '$request.path.id', ['result', 'cancel']),
          },
          404: 'Operation not found (unknown, or expired after its retention)',
          503: unavailable(),
        },
      },
      async (ctx) => {
        const { kit, record } = await find(ctx);
        const headers = isTerminal(record.status) ? {} : { 'retry-after': String(rt.retryAfter) };
        return json(monitorBody(record, kit.format), { status: 200, headers });
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: `${monitorPath}/result`,
        operationId: ids.result,
        summary: 'Read the final response of an operation',
        status: 202,
        response: monitorModel,
        responses: {
          ...finalResponses(operations),
          202: pending,
          404: 'Operation not found (unknown, or expired after its retention)',
          409: 'Operation canceled',
          503: unavailable(),
        },
      },
      async (ctx) => {
        const { kit, record } = await find(ctx);
        if (!isTerminal(record.status)) return accepted(record, rt, kit.format);
        return replay(record, rt.find(record.name));
      },
    ),
    defineRoute(
      {
        method: 'POST',
        path: `${monitorPath}/cancel`,
        operationId: ids.cancel,
        summary: 'Cancel an operation that has not ended',
        status: 200,
        response: monitorModel,
        responses: {
          404: 'Operation not found (unknown, or expired after its retention)',
          409: 'The operation has already ended',
          503: unavailable(),
        },
      },
      async (ctx) => {
        const kit = kitView(ctx);
        const id = (ctx.params as IdParams).id;
        const result = await guarded(rt, kit, () => rt.store.cancel(id, rt.retention));
        if (result.kind === 'unknown') throw notFound();
        if (result.kind === 'terminal') {
          throw new HttpException(409, `Operation already ${result.record.status}`);
        }
        return json(monitorBody(result.record, kit.format), { status: 200 });
      },
    ),
  ];
}
