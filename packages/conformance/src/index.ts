export type { AdapterUnderTest, RunningServer, StartOptions } from './adapter.js';
export {
  type BodyExpectation,
  type CaptureSource,
  type CaseRequest,
  type ConcurrentStep,
  type ConformanceCase,
  type Expectation,
  type HeadStep,
  type Level,
  POLICIES,
  type Policy,
  type PollStep,
  policiesOf,
  type RawRequest,
  type RawStep,
  type RequestStep,
  SIGNIFICANT_HEADERS,
  type Step,
} from './case.js';
export {
  authCases,
  backgroundCases,
  badInputCases,
  cases,
  concurrencyCases,
  httpRuleCases,
  operationCases,
  regressionCases,
  seedCases,
} from './cases/index.js';
export { type ClientResponse, type SendOptions, send } from './client.js';
export { compare, type Fingerprint, fingerprint } from './compare.js';
export { type Difference, differential } from './differential.js';
export {
  checkExpectations,
  type Expectations,
  type KnownFailure,
  knownFailure,
} from './expectations.js';
export { loadAdapter } from './load-adapter.js';
export {
  encodeRaw,
  parseResponses,
  type RawExchange,
  type RawSendOptions,
  sendRaw,
} from './raw-client.js';
export { type Format, finalLine, type RenderOptions, renderMatrix } from './render.js';
export {
  type AppFactory,
  type CaseApp,
  type CaseResult,
  type MatrixReport,
  type Outcome,
  type RunOptions,
  runCase,
  runMatrix,
  runSuite,
  type SuiteOptions,
  type SuiteReport,
  type Verdict,
} from './run.js';
export type { RecordedExchange } from './steps.js';
export { type Cell, columnKey, type Row, type Summary, summarize } from './summary.js';
