// How the operation routes document themselves: stable operationIds (so links
// can name them), the links from a monitor to its result and cancel action,
// and the 503 a failing store answers.
import type { ResponseDoc, ResponseLinkDoc } from '../route.js';

/** The operationIds of the monitor routes under `basePath`: `get_operations_id` and so on. */
export function monitorIds(basePath: string): { monitor: string; result: string; cancel: string } {
  const base = basePath.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'root';
  return {
    monitor: `get_${base}_id`,
    result: `get_${base}_id_result`,
    cancel: `post_${base}_id_cancel`,
  };
}

/** OpenAPI links to the monitor, result and cancel of the operation whose id is at `id`. */
export function monitorLinks(
  basePath: string,
  id: string,
  which: ReadonlyArray<'monitor' | 'result' | 'cancel'> = ['monitor', 'result', 'cancel'],
): Record<string, ResponseLinkDoc> {
  const ids = monitorIds(basePath);
  const what = {
    monitor: 'The status monitor of the operation.',
    result: 'The final response of the operation, once it ended.',
    cancel: 'Cancels the operation.',
  };
  const out: Record<string, ResponseLinkDoc> = {};
  for (const name of which) {
    out[name] = { operationId: ids[name], parameters: { id }, description: what[name] };
  }
  return out;
}

/** The 503 of a store that failed (Redis down), with its retry-after. */
export function unavailable(): ResponseDoc {
  return {
    description: 'Service Unavailable: the operation store failed; try again later',
    headers: { 'retry-after': { description: 'Seconds to wait.', required: true } },
  };
}
