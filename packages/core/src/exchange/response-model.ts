// A route's response model checks what the handler returned, for the status
// the value is about to get: a mismatch is the handler's bug, so the client
// gets a 500 and the app a diagnostic naming the route and the status.
import type { CompiledRoute } from '../compile.js';
import { modelOfStatus } from '../contract/contract.js';
import { DiagnosticCode } from '../diagnostic.js';
import { callHook, type ExchangeConfig } from '../options.js';
import { modelMismatch, type Outcome } from '../outcome.js';
import { statusOf } from '../resolve.js';
import { type SchemaResult, validate } from '../schema.js';
import { statusAllowsBody } from '../status.js';

function modelled(
  plan: CompiledRoute,
  status: number,
  r: SchemaResult,
  config: ExchangeConfig,
): Outcome {
  if (r.ok) return { kind: 'value', value: r.value };
  const issues = r.issues;
  callHook(() =>
    config.hooks.onDiagnostic({
      code: DiagnosticCode.RESPONSE_VALIDATION,
      route: plan.id,
      status,
      message: `[statuskit] ${plan.id}: the handler's value does not match the response model for ${status}; the client got a 500. Fix the handler or the model.`,
      issues,
    }),
  );
  return modelMismatch(plan.id, status, issues);
}

/**
 * Validates a returned value against the model for its status (`setStatus`:
 * what the handler set, if anything). Synchronous when the model is (zod,
 * valibot and most schemas are), so the hot path stays await-free.
 */
export function applyResponseModel(
  plan: CompiledRoute,
  outcome: Outcome & { kind: 'value' },
  setStatus: number | undefined,
  config: ExchangeConfig,
): Outcome | Promise<Outcome> {
  if (!plan.contract.modelled) return outcome;
  const status = statusOf(plan, outcome, setStatus);
  if (!statusAllowsBody(status)) return outcome;
  const model = modelOfStatus(plan.contract, status);
  if (model === undefined) return outcome;
  // A model that throws (instead of returning issues) is a 500 like any handler failure.
  let r: SchemaResult | Promise<SchemaResult>;
  try {
    r = validate(model, outcome.value, 'response');
  } catch (error) {
    return { kind: 'error', error };
  }
  return r instanceof Promise
    ? r.then(
        (result) => modelled(plan, status, result, config),
        (error: unknown): Outcome => ({ kind: 'error', error }),
      )
    : modelled(plan, status, r, config);
}
