import type { Expectation, Level } from '../case.js';
import { detailAnswer, JSON_TYPE, jsonAnswer } from './helpers.js';

// The coexistence cases (packages/conformance/README.md, "Coexistence"): requests to the
// host app of @statuskit/node/testing (HOST), once without statuskit and once
// with the suite's seed app mounted at its root. A request to the app's own
// paths or to an unknown path must get byte for byte the same answer both
// times (VOLATILE_HEADERS aside); a request to a path of the kit must get the
// core's answer. Besides these, every conformance case whose requests all go
// to the kit's paths runs inside the host app too (coexist/select.ts).

/** One request, as plain data. */
export interface CoexistenceRequest {
  readonly method: string;
  /** Request target as sent: path and query, still percent-encoded. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One coexistence case: one request and whose it is. */
export interface CoexistenceCase {
  /** Stable: X01.. the app's requests, Y01.. the kit's. */
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  readonly ref: string;
  /**
   * `app`: the answer with statuskit mounted must be the one without it, byte
   * for byte. `kit`: statuskit answers (the host's middleware in front of it
   * still runs).
   */
  readonly owner: 'app' | 'kit';
  readonly request: CoexistenceRequest;
  /**
   * What the answer must be (for `app`: on both runs), where every host app
   * agrees; the headers named here are checked exactly, others only differentially.
   */
  readonly expect?: Expectation;
}

/** Headers that change between two identical requests: left out of the byte comparison. */
export const VOLATILE_HEADERS: readonly string[] = ['date'];

const REF = 'packages/conformance/README.md "Coexistence: an adapter inside an existing app"';
const JSON_HEADERS = { 'content-type': JSON_TYPE };
const malformed = '{"a":';

/** What the host's header middleware adds to every answer (HOST.headers). */
const hostHeaders = (requestId = 'none'): Record<string, string> => ({
  'x-content-type-options': 'nosniff',
  'access-control-allow-origin': '*',
  'x-request-id': requestId,
});

const app = (
  id: string,
  title: string,
  request: CoexistenceRequest,
  expect?: Expectation,
): CoexistenceCase => ({
  id,
  level: 'MUST',
  title,
  ref: REF,
  owner: 'app',
  request,
  ...(expect === undefined ? {} : { expect }),
});

const kit = (
  id: string,
  title: string,
  request: CoexistenceRequest,
  expect: Expectation,
): CoexistenceCase => ({ id, level: 'MUST', title, ref: REF, owner: 'kit', request, expect });

/** The app's requests: the same answer with statuskit mounted as without it. */
export const appCases: readonly CoexistenceCase[] = [
  app(
    'X01',
    'The app’s own route',
    { method: 'GET', path: '/health' },
    { status: 200, headers: hostHeaders() },
  ),
  app(
    'X02',
    'The app’s JSON body parser feeds its own route',
    { method: 'POST', path: '/legacy/echo', headers: JSON_HEADERS, body: '{"a":1}' },
    { status: 200, body: { json: { echo: { a: 1 } } } },
  ),
  app(
    'X03',
    'Malformed JSON to the app’s route: its parser’s error, its error handler (never the core’s 404 or 422)',
    { method: 'POST', path: '/legacy/echo', headers: JSON_HEADERS, body: malformed },
    { status: 400, headers: hostHeaders() },
  ),
  app('X04', 'JSON of the wrong shape to the app’s route: its own validation, if it has one', {
    method: 'POST',
    path: '/legacy/echo',
    headers: JSON_HEADERS,
    body: '{"a":"not a number"}',
  }),
  app(
    'X05',
    'A thrown Error on the app’s route: its error handler’s 500, not the core’s',
    { method: 'GET', path: '/legacy/boom' },
    { status: 500, body: { json: { error: 'Internal Server Error' } } },
  ),
  app(
    'X06',
    'An http-error (418, exposed) on the app’s route keeps its message',
    { method: 'GET', path: '/legacy/teapot' },
    { status: 418, body: { json: { error: 'short and stout' } } },
  ),
  app(
    'X07',
    'The auth middleware’s 401 on the app’s path keeps its www-authenticate (err.headers)',
    { method: 'GET', path: '/admin/report' },
    {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="host"' },
      body: { json: { error: 'login required' } },
    },
  ),
  app(
    'X08',
    'An authorised request to the app’s path',
    { method: 'GET', path: '/admin/report', headers: { authorization: 'Bearer good' } },
    { status: 200, body: { json: { report: 'ok' } } },
  ),
  app(
    'X09',
    'An expired session on the app’s path: the app’s 401, with its www-authenticate',
    { method: 'GET', path: '/health', headers: { 'x-session': 'expired' } },
    {
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { json: { error: 'session expired' } },
    },
  ),
  app(
    'X23',
    'A bad token under the app’s /admin/',
    { method: 'GET', path: '/admin/report', headers: { authorization: 'Bearer bad' } },
    { status: 401, body: { json: { error: 'invalid token' } } },
  ),
  app(
    'X10',
    'An unknown path: the app’s own 404',
    { method: 'GET', path: '/totally/unknown' },
    {
      status: 404,
      body: { json: { error: 'Not Found', method: 'GET', path: '/totally/unknown' } },
    },
  ),
  app('X11', 'An unknown path with a trailing slash: no slash redirect from the core', {
    method: 'GET',
    path: '/totally/unknown/',
  }),
  app('X12', 'An unknown path with malformed JSON: the app’s parser and handlers decide', {
    method: 'POST',
    path: '/nope',
    headers: JSON_HEADERS,
    body: malformed,
  }),
  app('X13', 'The wrong method on the app’s route: the framework’s answer, not the core’s 405', {
    method: 'GET',
    path: '/legacy/echo',
  }),
  app('X14', 'The app’s route with a trailing slash: no 307 from the core', {
    method: 'GET',
    path: '/health/',
  }),
  app(
    'X15',
    'The app’s route under a kit path (/items/{id}/notes): the app’s, not the kit’s',
    { method: 'GET', path: '/items/1/notes' },
    { status: 200, body: { json: { id: '1', notes: [] } } },
  ),
  app('X16', 'A malformed percent-encoding on a kit-shaped path: nobody can tell it is the kit’s', {
    method: 'GET',
    path: '/items/%zz',
  }),
  app('X17', 'The app’s route with a query and a request id', {
    method: 'GET',
    path: '/health?verbose=1',
    headers: { 'x-request-id': 'abc-123' },
  }),
  app('X18', 'HEAD on the app’s route: the framework’s own HEAD', {
    method: 'HEAD',
    path: '/health',
  }),
  app(
    'X19',
    'A CORS preflight on the app’s path: the host’s middleware answers',
    {
      method: 'OPTIONS',
      path: '/legacy/echo',
      headers: { origin: 'http://client.invalid', 'access-control-request-method': 'POST' },
    },
    { status: 204, headers: { 'access-control-allow-methods': 'GET, POST, PUT, DELETE' } },
  ),
  app('X20', 'A body over the app’s parser limit: its parser’s 413, its error handler', {
    method: 'POST',
    path: '/legacy/echo',
    headers: JSON_HEADERS,
    body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 16) }),
  }),
  app('X21', 'A path that only starts like a kit path', { method: 'GET', path: '/itemsx/1' }),
  app('X22', 'An unknown path of another case than a kit path', {
    method: 'GET',
    path: '/ITEMS/1',
  }),
];

/** The kit's requests in the host app: the core answers, the host's middleware still runs. */
export const kitCases: readonly CoexistenceCase[] = [
  kit(
    'Y01',
    'A kit route answers as the core says, with the host’s headers added',
    { method: 'GET', path: '/items/1', headers: { 'x-request-id': 'r-1' } },
    {
      ...jsonAnswer(200, { id: 1, name: 'Hammer', price: 9.5 }),
      headers: {
        ...jsonAnswer(200, { id: 1, name: 'Hammer', price: 9.5 }).headers,
        ...hostHeaders('r-1'),
      },
    },
  ),
  kit(
    'Y02',
    'Malformed JSON to a kit route behind the host’s JSON parser: the core’s 422, not the app’s 400',
    { method: 'POST', path: '/items', headers: JSON_HEADERS, body: '{"name":' },
    {
      status: 422,
      headers: { 'content-type': JSON_TYPE },
      body: { jsonSubset: { detail: [{ type: 'json_invalid' }] } },
    },
  ),
  kit(
    'Y03',
    'The host’s auth middleware fails in front of a kit route: the core answers, with its www-authenticate',
    { method: 'GET', path: '/items/1', headers: { 'x-session': 'expired' } },
    detailAnswer(401, 'Unauthorized', { 'www-authenticate': 'Bearer error="invalid_token"' }),
  ),
  kit(
    'Y04',
    'The wrong method on a kit path: the core’s 405 with allow, not the app’s 404',
    { method: 'PUT', path: '/items/1' },
    detailAnswer(405, 'Method Not Allowed', { allow: 'GET, HEAD, DELETE' }),
  ),
  kit(
    'Y05',
    'A kit path with a trailing slash: the core’s 307, not the app’s 404',
    { method: 'GET', path: '/items/1/?a=1' },
    { status: 307, headers: { location: '/items/1?a=1' } },
  ),
  kit(
    'Y06',
    'HEAD on a kit route: GET’s headers, no body',
    { method: 'HEAD', path: '/items/1' },
    { status: 200, headers: { 'content-length': '36', ...hostHeaders() }, body: { empty: true } },
  ),
  kit(
    'Y07',
    'A kit route that throws: the core’s 500, not the app’s error handler',
    { method: 'GET', path: '/boom' },
    detailAnswer(500, 'Internal Server Error'),
  ),
  kit(
    'Y08',
    'A kit route’s HttpException: the core’s answer',
    { method: 'GET', path: '/items/999' },
    detailAnswer(404, 'Item not found'),
  ),
  kit(
    'Y09',
    'A CORS preflight on a kit path: the host’s middleware in front answers it',
    {
      method: 'OPTIONS',
      path: '/items/1',
      headers: { origin: 'http://client.invalid', 'access-control-request-method': 'DELETE' },
    },
    { status: 204, headers: { 'access-control-allow-methods': 'GET, POST, PUT, DELETE' } },
  ),
  kit(
    'Y10',
    'A kit route with a valid JSON body behind the host’s parser',
    { method: 'POST', path: '/items', headers: JSON_HEADERS, body: '{"name":"Saw","price":12}' },
    jsonAnswer(201, { id: 2, name: 'Saw', price: 12 }),
  ),
];

/** Every coexistence case, the app's then the kit's. */
export const coexistenceCases: readonly CoexistenceCase[] = [...appCases, ...kitCases];
