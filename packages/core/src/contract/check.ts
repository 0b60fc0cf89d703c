// The run-time side of the status contract: every answer a handler gives is
// held against its route's contract before it is resolved. A returned value
// always meets its response model (a mismatch is a 500, whatever the mode);
// the `contract` option decides what an undeclared status, or an explicit
// JSON body that breaks the model of its status, costs: nothing (`off`), a
// diagnostic (`report`), or a 500 and a diagnostic (`enforce`).
import type { CompiledRoute } from '../compile.js';
import { DiagnosticCode } from '../diagnostic.js';
import { ErrorCode, StatuskitError } from '../errors.js';
import { applyResponseModel } from '../exchange/response-model.js';
import { callHook, type ExchangeConfig } from '../options.js';
import type { Outcome } from '../outcome.js';
import { statusOf } from '../resolve.js';
import { type SchemaResult, type ValidationIssue, validate } from '../schema.js';
import { statusAllowsBody } from '../status.js';
import { declaresStatus, modelOfStatus, type RouteContract } from './contract.js';

export type { ContractMode } from './mode.js';

function listed(contract: RouteContract, source: 'success' | 'responses' | 'core'): string {
  const seen = new Set<string>();
  for (const s of contract.statuses) if (s.source === source) seen.add(String(s.status));
  return [...seen].join(', ') || 'none';
}

function report(
  plan: CompiledRoute,
  config: ExchangeConfig,
  code: ErrorCode500,
  status: number,
  what: string,
  issues?: ValidationIssue[],
): Outcome | undefined {
  const enforced = config.contract === 'enforce';
  const outcome = enforced ? `the client got a 500 (contract: 'enforce')` : 'it went out as is';
  callHook(() =>
    config.hooks.onDiagnostic({
      code:
        code === ErrorCode.UNDECLARED_STATUS
          ? DiagnosticCode.UNDECLARED_STATUS
          : DiagnosticCode.RESPONSE_VALIDATION,
      route: plan.id,
      status,
      message: `[statuskit] ${plan.id}: ${what}; ${outcome}.`,
      ...(issues === undefined ? {} : { issues }),
    }),
  );
  if (!enforced) return undefined;
  return {
    kind: 'error',
    error: new StatuskitError(code, `${plan.id}: ${what}.`, { cause: issues }),
  };
}

type ErrorCode500 = typeof ErrorCode.UNDECLARED_STATUS | typeof ErrorCode.RESPONSE_VALIDATION;

function undeclared(plan: CompiledRoute, status: number): string {
  const contract = plan.contract.contract;
  return `answered ${status}, which the route does not declare (success: ${listed(contract, 'success')}; responses: ${listed(contract, 'responses')}; the core's: ${listed(contract, 'core')}). Declare it in \`responses\` or answer a declared status`;
}

function bodyChecked(
  plan: CompiledRoute,
  outcome: Outcome,
  status: number,
  r: SchemaResult,
  config: ExchangeConfig,
): Outcome {
  if (r.ok) return outcome;
  const what = `the JSON body of the explicit ${status} response does not match the model for ${status}. Fix the body or the model`;
  return report(plan, config, ErrorCode.RESPONSE_VALIDATION, status, what, r.issues) ?? outcome;
}

function checkContract(
  plan: CompiledRoute,
  outcome: Outcome,
  setStatus: number | undefined,
  config: ExchangeConfig,
): Outcome | Promise<Outcome> {
  const status = statusOf(plan, outcome, setStatus);
  if (!declaresStatus(plan.contract, status)) {
    const what = undeclared(plan, status);
    const replaced = report(plan, config, ErrorCode.UNDECLARED_STATUS, status, what);
    if (replaced !== undefined) return replaced;
  }
  if (outcome.kind !== 'response' || outcome.response.body.kind !== 'json') return outcome;
  if (!plan.contract.modelled) return outcome;
  if (!statusAllowsBody(status)) return outcome;
  const model = modelOfStatus(plan.contract, status);
  if (model === undefined) return outcome;
  let r: SchemaResult | Promise<SchemaResult>;
  try {
    r = validate(model, outcome.response.body.value, 'response');
  } catch (error) {
    // A model that throws is the app's bug, as with a returned value: a 500 in every mode.
    return { kind: 'error', error };
  }
  return r instanceof Promise
    ? r.then(
        (result) => bodyChecked(plan, outcome, status, result, config),
        (error: unknown): Outcome => ({ kind: 'error', error }),
      )
    : bodyChecked(plan, outcome, status, r, config);
}

/**
 * Holds a handler's outcome against its route: a returned value against its
 * response model (response-model.ts), then, unless the mode is `off`, the
 * status against the contract and an explicit JSON body against the model of
 * its status. Synchronous unless a model is asynchronous.
 */
export function checkAnswer(
  plan: CompiledRoute,
  outcome: Outcome,
  setStatus: number | undefined,
  config: ExchangeConfig,
): Outcome | Promise<Outcome> {
  const modelled =
    outcome.kind === 'value' ? applyResponseModel(plan, outcome, setStatus, config) : outcome;
  if (config.contract === 'off' || !plan.checked) return modelled;
  // An open route declares every status: without models nothing is left to hold it against.
  if (plan.contract.contract.open && !plan.contract.modelled) return modelled;
  return modelled instanceof Promise
    ? modelled.then((o) => checkContract(plan, o, setStatus, config))
    : checkContract(plan, modelled, setStatus, config);
}
