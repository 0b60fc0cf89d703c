export {
  compileRoute,
  createStatuskit,
  type ResolvedOptions,
  resolveOptions,
  type Statuskit,
  type StatuskitOptions,
} from './app.js';
export {
  BodyReadError,
  type BodyReadFailure,
  isJsonContentType,
  type JsonParse,
  MAX_JSON_DEPTH,
  parseJson,
  type RequestBody,
  readBody,
} from './body.js';
export { type Diagnostic, DiagnosticCode } from './diagnostic.js';
export {
  type DebugInfo,
  type ErrorFormat,
  type ErrorPayload,
  renderError,
} from './error-format.js';
export {
  assertFinalStatus,
  assertStatus,
  ErrorCode,
  type ErrorCodeValue,
  isStatuskitError,
  StatuskitError,
} from './errors.js';
export {
  type ClosingResponse,
  type CompiledRoute,
  Exchange,
  type ExchangeConfig,
  type ExchangeInfo,
  type ExchangeState,
  type Hooks,
} from './exchange.js';
export { assertHeader, type HeaderList, type HeadersInit, normalizeHeaders } from './headers.js';
export { HttpException, type HttpExceptionOptions, isHttpException } from './http-exception.js';
export type { JsonValue } from './json.js';
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
export {
  definePolicy,
  fastapiPolicy,
  type MethodDefaultPolicy,
  type PolicyInput,
  restPolicy,
  toPolicy,
} from './policy.js';
export { carriesBody, headerValue, type NeutralRequest, parseQuery, splitUrl } from './request.js';
export {
  type Outcome,
  type Resolved,
  type ResolveOptions,
  type ResolveState,
  type RoutePlan,
  resolve,
  statusFor,
} from './resolve.js';
export {
  bytes,
  type ExplicitResponse,
  empty,
  type FetchResponseLike,
  fromFetchResponse,
  html,
  isExplicitResponse,
  isFetchResponse,
  json,
  type ResponseBody,
  type ResponseInit,
  redirect,
  stream,
  text,
} from './response.js';
export {
  type AnyRoute,
  type BackgroundTasks,
  defineRoute,
  type HandlerContext,
  type HandlerResult,
  type NativeObjects,
  type PathSegment,
  type RequestSpec,
  type ResponseDoc,
  type ResponseHeaderDoc,
  type ResponsesSpec,
  type Route,
  type RouteInfo,
  type RouteSpec,
  type SecurityRequirement,
} from './route.js';
export { type Match, Router } from './router.js';
export {
  isSchema,
  type Schema,
  type SchemaResult,
  type ValidationIssue,
  validate,
} from './schema.js';
export {
  allowsBody,
  isRedirectStatus,
  isRegisteredStatus,
  isStatus,
  type RegisteredStatus,
  reasonPhrase,
  STATUS_PHRASES,
  Status,
  type StatusClass,
  type StatusCode,
  statusAllowsBody,
  statusClass,
} from './status.js';
