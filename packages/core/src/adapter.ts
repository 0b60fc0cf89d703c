// @statuskit/core/adapter: what an adapter author needs to put statuskit on a
// framework or runtime. App authors use @statuskit/core (src/index.ts).

export type { BodyReadFailure, RequestBody } from './body.js';
// ---- Reading a body itself (a simulated or custom parser) ----
export {
  BodyReadError,
  isJsonContentType,
  type JsonParse,
  parseJson,
  readBody,
} from './body.js';
// ---- The answer an adapter writes ----
export type { ClosingResponse, Exchange } from './exchange/exchange.js';
// ---- Start-up checks ----
export { assertFrameworkVersion, type FrameworkCheck } from './framework.js';
export type { HeaderList } from './headers.js';
export { isStatuskit, mountError } from './mount.js';
export type { ResolvedOptions } from './options.js';
// ---- The request an adapter hands over ----
export type { NeutralRequest } from './request.js';
export { carriesBody, hasContentCoding, headerValue, splitUrl } from './request.js';
export type { Resolved } from './resolve.js';
// ---- Routing questions and settings ----
export { type Match, Router } from './router.js';
// ---- Failures raised before statuskit ran ----
export type { UpstreamHints } from './upstream.js';
