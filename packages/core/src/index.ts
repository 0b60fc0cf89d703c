// @statuskit/core: what an app author uses. An adapter's needs are in
// @statuskit/core/adapter (src/adapter.ts); nothing else is exported.

// ---- The status contract ----
export {
  type ContractOptions,
  type ContractStatus,
  type CoreReason,
  contractOf,
  isDeclared,
  modelAt,
  type RouteContract,
  type StatusRange,
} from './contract/contract.js';
export type { ContractMode } from './contract/mode.js';
export type {
  BodyAt,
  Declaration,
  DeclaredStatus,
  DetailAt,
  ErrorStatus,
  FinalStatus,
  IsOpen,
  ModelAt,
  PathParams,
  PolicyStatuses,
  RedirectStatus,
  ResponseKeyStatuses,
  StatusesOfClass,
  SuccessStatus,
} from './contract/types.js';
export { type Diagnostic, DiagnosticCode } from './diagnostic.js';
export type { ErrorFormat } from './error-format.js';
// ---- Errors and diagnostics ----
export {
  ErrorCode,
  type ErrorCodeValue,
  isStatuskitError,
  StatuskitError,
} from './errors.js';
export type { HeadersInit } from './headers.js';
export { HttpException, type HttpExceptionOptions, isHttpException } from './http-exception.js';
export type { JsonValue } from './json.js';
// ---- The app ----
export { createStatuskit, type Statuskit } from './kit.js';
// ---- OpenAPI ----
export {
  type JsonSchema,
  type OAuthFlow,
  type OpenApiApp,
  type OpenApiDocument,
  type OpenApiExternalDocs,
  type OpenApiInfo,
  type OpenApiOptions,
  type OpenApiServer,
  type OpenApiTag,
  type SecurityScheme,
  toOpenApi,
} from './openapi/index.js';
// ---- Long-running operations ----
export {
  type AnyOperation,
  defineOperation,
  type OperationDefinition,
  type OperationSpec,
  type WorkContext,
  type WorkResult,
} from './operations/define.js';
export type { ExecuteOptions, ExecuteResult } from './operations/execute.js';
export { type MemoryStoreOptions, memoryStore } from './operations/memory-store.js';
export {
  createOperations,
  type Operations,
  type OperationsOptions,
} from './operations/operations.js';
export type {
  CancelResult,
  CreateRequest,
  CreateResult,
  OperationRecord,
  OperationStatus,
  OperationStore,
  StoredHeader,
  StoredOutcome,
} from './operations/store.js';
export type { ExchangeInfo, StatuskitOptions } from './options.js';

// ---- Method-default policies ----
export {
  definePolicy,
  fastapiPolicy,
  type MethodDefaultPolicy,
  type PolicyInput,
  restPolicy,
} from './policy.js';
// ---- Answers a handler returns or raises ----
export {
  bytes,
  type ExplicitResponse,
  empty,
  type FetchResponseLike,
  html,
  json,
  type ResponseInit,
  redirect,
  stream,
  text,
} from './response.js';
// ---- Routes and what a handler sees ----
export {
  type AnyRoute,
  type BackgroundTasks,
  defineRoute,
  type GuardedHandler,
  type HandlerContext,
  type HandlerResult,
  type NativeObjects,
  type RequestSpec,
  type ResponseDoc,
  type ResponseHeaderDoc,
  type ResponseLinkDoc,
  type ResponsesSpec,
  type Route,
  type RouteHandler,
  type RouteInfo,
  type RouteSpec,
  type SecurityRequirement,
} from './route.js';
export type { Schema, ValidationIssue } from './schema.js';
// ---- Security: guards a route requires ----
export {
  type AnySecurity,
  type AuthOf,
  type BasicCredentials,
  type CredentialOf,
  defineSecurity,
  forbidden,
  type GuardContext,
  type GuardScheme,
  type Security,
  type SecurityDefinition,
  type SecurityInput,
  type Verdict,
} from './security/define.js';
// ---- Status codes ----
export {
  isRegisteredStatus,
  isStatus,
  type RegisteredStatus,
  reasonPhrase,
  STATUS_PHRASES,
  Status,
  type StatusClass,
  type StatusCode,
  statusClass,
} from './status.js';
