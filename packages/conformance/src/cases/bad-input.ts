import { type AnyRoute, defineRoute } from '@statuskit/core';
import type { ConformanceCase, Expectation } from '../case.js';
import { LimitQuery, ThrowingHeaders } from '../fixture/schemas.js';
import {
  detailAnswer,
  head,
  JSON_TYPE,
  jsonAnswer,
  jsonRequest,
  noContent,
  paddedItem,
  req,
  step,
} from './helpers.js';

// What the framework sees before statuskit does: unknown routes, wrong
// methods, bodies its parser chokes on, oversized uploads, broken paths.

const notFound = detailAnswer(404, 'Not Found');
const notAllowed = (allow: string): Expectation =>
  detailAnswer(405, 'Method Not Allowed', { allow });
const tooLarge = detailAnswer(413, 'Content Too Large');
const unsupported = detailAnswer(415, 'Unsupported Media Type');
const badRequest = detailAnswer(400, 'Bad Request');
const missingBody = detailAnswer(422, [
  { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
]);
const jsonInvalid: Expectation = {
  status: 422,
  headers: { 'content-type': JSON_TYPE },
  body: { jsonSubset: { detail: [{ type: 'json_invalid', msg: 'JSON decode error' }] } },
};
// Invalid UTF-8 and excessive depth have their own messages; the type is what counts.
const jsonInvalidAnyMessage: Expectation = {
  status: 422,
  headers: { 'content-type': JSON_TYPE },
  body: { jsonSubset: { detail: [{ type: 'json_invalid' }] } },
};
const saw = { id: 2, name: 'Saw', price: 12 };
const padded = { id: 2, name: 'Padded', price: 1 };
const hammer = { id: 1, name: 'Hammer', price: 9.5 };
const KiB = 1024;
const MiB = 1024 * KiB;

/** A request whose body is `paddedItem(size)`. */
function paddedRequest(path: string, size: number, chunked = false) {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': JSON_TYPE },
    body: paddedItem(size),
    ...(chunked ? { chunked: true } : {}),
  };
}

// Every GET route of the seed app and a few of the rule routes.
const GET_TARGETS = [
  '/items/1',
  '/items/999',
  '/items/abc',
  '/status',
  '/status/number',
  '/accepted',
  '/text',
  '/old-items/1',
  '/moved',
  '/override',
  '/override/raise',
  '/teapot',
  '/boom',
  '/process/log',
  '/items/1/maybe',
  '/items/999/maybe',
  '/auth',
  '/openapi.json',
  '/items/1/',
  '/nope',
  '/fetch/text',
  '/bodyless/json/205',
  '/precedence/set',
];

/** The routes of B11: a query to validate, and a validator that throws. */
export function badInputRoutes(): AnyRoute[] {
  return [
    defineRoute(
      { method: 'GET', path: '/search', request: { query: LimitQuery } },
      ({ query }) => ({
        limit: query.limit,
      }),
    ),
    defineRoute({ method: 'GET', path: '/guarded', request: { headers: ThrowingHeaders } }, () => ({
      reached: 'never',
    })),
  ];
}

/** Bad-input cases. */
export const badInputCases: readonly ConformanceCase[] = [
  {
    id: 'B01',
    level: 'MUST',
    title: 'Unknown routes answer 404 {"detail":"Not Found"} for any method',
    ref: 'docs/seed-scenarios.md row 26; RFC 9110 15.5.5',
    steps: [
      step(req('GET', '/'), notFound),
      step(req('GET', '/nope?x=1'), notFound),
      step(req('GET', '/items/1/extra'), notFound),
      step(jsonRequest('POST', '/nope', { name: 'Saw', price: 12 }), notFound),
      step(req('DELETE', '/nope/deeper'), notFound),
      step(req('HEAD', '/nope'), { ...notFound, body: { empty: true } }),
    ],
  },
  {
    id: 'B02',
    level: 'MUST',
    title: 'Wrong methods answer 405 with a complete allow (OPTIONS included)',
    ref: 'RFC 9110 15.5.6',
    steps: [
      step(req('PUT', '/items'), notAllowed('POST')),
      step(req('POST', '/items/1/maybe'), notAllowed('GET, HEAD')),
      step(req('DELETE', '/openapi.json'), notAllowed('GET, HEAD')),
      step(req('OPTIONS', '/items/1'), notAllowed('GET, HEAD, DELETE')),
      step(req('OPTIONS', '/items/1/touch'), notAllowed('PUT')),
      step(jsonRequest('PATCH', '/items/1', { name: 'Saw' }), notAllowed('GET, HEAD, DELETE')),
    ],
  },
  {
    id: 'B03',
    level: 'MUST',
    title: 'HEAD on every GET route: same status and headers as GET, no body',
    ref: 'RFC 9110 9.3.2',
    steps: GET_TARGETS.map(head),
  },
  {
    id: 'B04',
    level: 'MUST',
    title: 'Malformed JSON bodies answer 422 json_invalid; JSON of the wrong shape 422',
    ref: 'docs/seed-scenarios.md row 6; docs/fastapi-behaviour.md 36',
    steps: [
      step(jsonRequest('POST', '/items', '{"name":"Saw",}'), jsonInvalid),
      step(jsonRequest('POST', '/items', '[1, 2'), jsonInvalid),
      step(jsonRequest('POST', '/items', '{"name":"Saw","price":12} trailing'), jsonInvalid),
      step(jsonRequest('POST', '/items/declared', "{'name':'Saw'}"), jsonInvalid),
      step(
        jsonRequest('POST', '/items', []),
        detailAnswer(422, [
          {
            type: 'model_attributes_type',
            loc: ['body'],
            msg: 'Input should be a valid dictionary or object to extract fields from',
            input: [],
          },
        ]),
      ),
    ],
  },
  {
    id: 'B05',
    level: 'SHOULD',
    title: 'Too deeply nested JSON answers 422 json_invalid, with a body parser too',
    ref: 'packages/core/README.md, requests and responses (maxJsonDepth)',
    steps: [
      step(
        jsonRequest('POST', '/items', `${'['.repeat(200)}${']'.repeat(200)}`),
        jsonInvalidAnyMessage,
      ),
    ],
  },
  {
    id: 'B12',
    level: 'SHOULD',
    title: 'Invalid UTF-8 in a JSON body answers 422 json_invalid',
    ref: 'RFC 8259 8.1',
    // An app's own parser may decode invalid bytes to U+FFFD before statuskit
    // sees them (express.json() does); the core can only judge bytes it reads.
    bodyParsers: [false],
    steps: [
      step(
        {
          method: 'POST',
          path: '/items',
          headers: { 'content-type': JSON_TYPE },
          // {"name":"<0xff>","price":1}
          body: { base64: 'eyJuYW1lIjoi/yIsInByaWNlIjoxfQ==' },
        },
        jsonInvalidAnyMessage,
      ),
    ],
  },
  {
    id: 'B06',
    level: 'MUST',
    title: 'A body that is not JSON answers 415; JSON media types with parameters are accepted',
    ref: 'RFC 9110 15.5.16; RFC 6839 3.1',
    steps: [
      step(
        jsonRequest('POST', '/items', { name: 'Saw', price: 12 }, { 'content-type': 'text/plain' }),
        unsupported,
      ),
      step(
        {
          method: 'POST',
          path: '/items',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'name=Saw&price=12',
        },
        unsupported,
      ),
      step({ method: 'POST', path: '/items', body: '{"name":"Saw","price":12}' }, unsupported),
      step(
        jsonRequest(
          'POST',
          '/items',
          { name: 'Saw', price: 12 },
          { 'content-type': 'application/json; charset=utf-8' },
        ),
        jsonAnswer(201, saw),
        { fastapi: jsonAnswer(200, saw) },
      ),
      step(
        jsonRequest(
          'POST',
          '/items/declared',
          { name: 'Saw', price: 12 },
          { 'content-type': 'application/merge-patch+json' },
        ),
        jsonAnswer(201, { ...saw, id: 3 }),
      ),
    ],
  },
  {
    id: 'B07',
    level: 'MUST',
    title: 'An empty body answers 422 missing, with or without a JSON content-type',
    ref: 'docs/fastapi-behaviour.md 35',
    steps: [
      step(jsonRequest('POST', '/items', ''), missingBody),
      step(req('POST', '/items'), missingBody),
      step(
        { method: 'POST', path: '/items/declared', headers: { 'content-length': '0' } },
        missingBody,
      ),
    ],
  },
  {
    id: 'B08',
    level: 'MUST',
    title: 'bodyLimit 1024: 1024 bytes pass, 1025 bytes or chunked 2 KiB answer 413',
    ref: 'RFC 9110 15.5.14',
    app: { options: { bodyLimit: 1024 } },
    steps: [
      step(paddedRequest('/items/declared', 1025), tooLarge),
      step(paddedRequest('/items/declared', 2 * KiB, true), tooLarge),
      step(paddedRequest('/process', 2 * KiB), tooLarge),
      step(paddedRequest('/items/declared', 1024), jsonAnswer(201, padded)),
    ],
  },
  {
    id: 'B09',
    level: 'MUST',
    title: 'The default limit is 1 MiB whatever the framework parser says: 600 KiB and 1 MiB pass',
    ref: 'docs/seed-scenarios.md row 29',
    steps: [
      step(paddedRequest('/items/declared', 600 * KiB), jsonAnswer(201, padded)),
      step(paddedRequest('/items/declared', MiB), jsonAnswer(201, { ...padded, id: 3 })),
      step(paddedRequest('/items/declared', MiB + 1), tooLarge),
      step(paddedRequest('/items/declared', MiB + 1, true), tooLarge),
    ],
  },
  {
    id: 'B10',
    level: 'MUST',
    title: 'A malformed percent-encoding in the path answers 400; a valid one is decoded',
    ref: 'RFC 3986 2.1',
    steps: [
      step(req('GET', '/items/%E0%A4%A'), badRequest),
      step(req('GET', '/%zz'), badRequest),
      step(req('GET', '/items/%zz/maybe'), badRequest),
      step(req('GET', '/items/%31'), jsonAnswer(200, hammer)),
      step(req('GET', '/items/1?x=%zz'), jsonAnswer(200, hammer)),
    ],
  },
  {
    id: 'B11',
    level: 'MUST',
    title: 'Before the handler: invalid path and query answer 422, a throwing validator 500',
    ref: 'docs/fastapi-behaviour.md 39-40; docs/http-rules.md precedence 1-2',
    steps: [
      step(
        req('GET', '/items/abc'),
        detailAnswer(422, [
          {
            type: 'int_parsing',
            loc: ['path', 'id'],
            msg: 'Input should be a valid integer, unable to parse string as an integer',
            input: 'abc',
          },
        ]),
      ),
      step(
        req('GET', '/search?limit=ten'),
        detailAnswer(422, [
          {
            type: 'int_parsing',
            loc: ['query', 'limit'],
            msg: 'Input should be a valid integer, unable to parse string as an integer',
            input: 'ten',
          },
        ]),
      ),
      step(req('GET', '/search?limit=10'), jsonAnswer(200, { limit: 10 })),
      step(req('GET', '/guarded'), {
        ...detailAnswer(500, 'Internal Server Error'),
        absent: ['secret-validator'],
      }),
    ],
  },
  {
    id: 'B13',
    level: 'MUST',
    title:
      'A content-coded body answers 415 (the core decodes no coding); a coding header without a body does not',
    ref: 'RFC 9110 8.4, 15.5.16; reliability fuzz regressions R007, R009',
    steps: [
      step(
        jsonRequest('POST', '/items', { name: 'Saw', price: 12 }, { 'content-encoding': 'gzip' }),
        unsupported,
      ),
      // The route is matched first: an unknown path is still a 404.
      step(jsonRequest('POST', '/nope', {}, { 'content-encoding': 'gzip' }), notFound),
      step(req('PUT', '/items/1/touch', { 'content-encoding': 'gzip' }), noContent(204)),
    ],
  },
];
