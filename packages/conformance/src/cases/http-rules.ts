import type { ConformanceCase, Expectation, RequestStep } from '../case.js';
import {
  detailAnswer,
  emptyAnswer,
  head,
  JSON_TYPE,
  jsonAnswer,
  jsonRequest,
  noContent,
  problemAnswer,
  redirectAnswer,
  req,
  step,
  TEXT_TYPE,
  textAnswer,
} from './helpers.js';

// The HTTP rules (docs/http-rules.md), checked on every source of a response.

const SOURCES = ['declared', 'set', 'json', 'text', 'raise', 'empty', 'fetch'] as const;

function bodylessSteps(status: 204 | 205 | 304): RequestStep[] {
  const steps: RequestStep[] = SOURCES.map((source) =>
    step(req('GET', `/bodyless/${source}/${status}`), noContent(status, { 'x-source': source })),
  );
  steps.push(
    step(req('HEAD', `/bodyless/json/${status}`), noContent(status, { 'x-source': 'json' })),
  );
  return steps;
}

const internalError = detailAnswer(500, 'Internal Server Error');

function leakFree(secret: string): Expectation {
  return { ...internalError, absent: [secret] };
}

const hammer = { id: 1, name: 'Hammer', price: 9.5 };

/** HTTP-rule cases. */
export const httpRuleCases: readonly ConformanceCase[] = [
  {
    id: 'H01',
    level: 'MUST',
    title: '204 from every source: no body, no content-type, no content-length, headers kept',
    ref: 'RFC 9110 15.3.5, RFC 9112 6.3',
    steps: bodylessSteps(204),
  },
  {
    id: 'H02',
    level: 'MUST',
    title: '205 from every source: no body, content-length 0, no content-type',
    ref: 'RFC 9110 15.3.6',
    steps: bodylessSteps(205),
  },
  {
    id: 'H03',
    level: 'MUST',
    title: '304 from every source: no body, no content-type, no content-length',
    ref: 'RFC 9110 15.4.5',
    steps: bodylessSteps(304),
  },
  {
    id: 'H04',
    level: 'MUST',
    title: 'HEAD on GET routes (value, text, redirect, error, 500, stream): headers, no body',
    ref: 'RFC 9110 9.3.2',
    steps: [
      step(req('HEAD', '/text'), { ...textAnswer(200, 'ok'), body: { empty: true } }),
      step(req('HEAD', '/old-items/1'), redirectAnswer(307, '/items/1')),
      step(req('HEAD', '/items/999'), {
        ...detailAnswer(404, 'Item not found'),
        body: { empty: true },
      }),
      step(req('HEAD', '/boom'), { ...internalError, body: { empty: true }, absent: ['secret'] }),
      step(req('HEAD', '/status'), emptyAnswer(404)),
      step(req('HEAD', '/stream'), {
        status: 200,
        headers: { 'content-type': TEXT_TYPE },
        body: { empty: true },
      }),
      head('/accepted'),
      head('/openapi.json'),
    ],
  },
  {
    id: 'H05',
    level: 'MUST',
    title: '405 answers carry allow in a fixed order, also to HEAD on a path without GET',
    ref: 'RFC 9110 15.5.6, 10.2.1',
    steps: [
      step(req('HEAD', '/items'), {
        ...detailAnswer(405, 'Method Not Allowed', { allow: 'POST' }),
        body: { empty: true },
      }),
      step(req('POST', '/text'), detailAnswer(405, 'Method Not Allowed', { allow: 'GET, HEAD' })),
      step(
        req('PATCH', '/items/1'),
        detailAnswer(405, 'Method Not Allowed', { allow: 'GET, HEAD, DELETE' }),
      ),
      step(req('GET', '/process'), detailAnswer(405, 'Method Not Allowed', { allow: 'POST' })),
    ],
  },
  {
    id: 'H06',
    level: 'MUST',
    title: 'Redirects carry their location: 302, 303, 308, encoded and absolute targets',
    ref: 'RFC 9110 10.2.2, 15.4',
    steps: [
      step(req('GET', '/goto/302'), redirectAnswer(302, '/items/1')),
      step(req('GET', '/goto/303'), redirectAnswer(303, '/items/1')),
      step(req('GET', '/goto/308'), redirectAnswer(308, '/items/1')),
      step(req('GET', '/goto-encoded'), redirectAnswer(307, '/a%20b?x=1')),
      step(req('GET', '/goto-absolute'), redirectAnswer(302, 'https://example.com/x?y=1')),
    ],
  },
  {
    id: 'H07',
    level: 'MUST',
    title: 'Raised headers go out unchanged: www-authenticate on 401, retry-after on 503',
    ref: 'RFC 9110 11.6.1, 10.2.3',
    steps: [
      step(
        req('GET', '/auth/basic'),
        detailAnswer(401, 'Not authenticated', {
          'www-authenticate': 'Basic realm="statuskit", charset="UTF-8"',
        }),
      ),
      step(req('GET', '/busy'), detailAnswer(503, 'Busy', { 'retry-after': '120' })),
    ],
  },
  {
    id: 'H08',
    level: 'MUST',
    title: 'setStatus precedence: beats declared and policy, loses to raise and explicit status',
    ref: 'docs/http-rules.md precedence 1-6',
    steps: [
      step(req('GET', '/precedence/set'), jsonAnswer(203, { source: 'setStatus' })),
      step(req('GET', '/precedence/set-over-declared'), jsonAnswer(203, { source: 'setStatus' })),
      step(req('GET', '/precedence/raise-over-set'), detailAnswer(409, 'Conflict')),
      step(req('GET', '/precedence/error-over-set'), leakFree('secret-precedence')),
      step(req('GET', '/precedence/explicit-over-set'), jsonAnswer(202, { source: 'explicit' })),
      step(
        req('GET', '/precedence/set-over-explicit-default'),
        jsonAnswer(203, { source: 'explicit without status' }),
      ),
      step(req('DELETE', '/precedence/set-over-policy'), jsonAnswer(200, null)),
    ],
  },
  {
    id: 'H09',
    level: 'MUST',
    title: 'setHeader: sent with a value, dropped on raise and on 500, explicit headers win',
    ref: 'docs/http-rules.md precedence; docs/fastapi-behaviour.md 18',
    steps: [
      step(req('GET', '/headers/value'), jsonAnswer(200, { ok: true }, { 'x-trace': 'value' })),
      step(
        req('GET', '/headers/raise'),
        detailAnswer(409, 'Conflict', { 'x-trace': null, 'x-error': 'conflict' }),
      ),
      step(req('GET', '/headers/error'), {
        ...leakFree('secret-header-error'),
        headers: { ...internalError.headers, 'x-trace': null },
      }),
      step(
        req('GET', '/headers/explicit'),
        jsonAnswer(200, { ok: true }, { 'x-trace': 'explicit', 'x-keep': 'kept' }),
      ),
      step(
        req('GET', '/headers/content-type'),
        jsonAnswer(200, { ok: true }, { 'content-type': 'application/vnd.statuskit+json' }),
      ),
    ],
  },
  {
    id: 'H10',
    level: 'MUST',
    title: 'An explicit response without a status falls through to the declared status',
    ref: 'docs/http-rules.md precedence 3-6',
    steps: [
      step(req('GET', '/fallthrough/json'), jsonAnswer(201, { source: 'json' })),
      step(req('GET', '/fallthrough/text'), textAnswer(202, 'queued')),
      step(req('POST', '/fallthrough/policy'), jsonAnswer(201, { source: 'policy' }), {
        fastapi: jsonAnswer(200, { source: 'policy' }),
      }),
    ],
  },
  {
    id: 'H11',
    level: 'MUST',
    title: 'A returned WHATWG Response keeps its status, headers and body',
    ref: 'docs/http-rules.md precedence 3; Fetch standard',
    steps: [
      step(req('GET', '/fetch/text'), {
        status: 203,
        headers: { 'content-type': TEXT_TYPE, 'x-fetch': 'yes' },
        body: { text: 'hello' },
      }),
      step(req('GET', '/fetch/json'), {
        status: 201,
        headers: { 'content-type': JSON_TYPE },
        body: { json: { source: 'fetch' } },
      }),
    ],
  },
  {
    id: 'H12',
    level: 'MUST',
    title: 'A streamed body arrives whole, with its status and content-type; HEAD sends none',
    ref: 'RFC 9112 7.1',
    steps: [
      step(req('GET', '/stream'), {
        status: 200,
        headers: { 'content-type': TEXT_TYPE },
        body: { text: 'abc' },
      }),
      step(req('GET', '/stream/created'), {
        status: 201,
        headers: { 'content-type': JSON_TYPE },
        body: { json: { streamed: true } },
      }),
      head('/stream'),
    ],
  },
  {
    id: 'H13',
    level: 'MUST',
    title: 'Thrown non-Error values (string, undefined, null, number, object) answer 500, no leak',
    ref: 'docs/http-rules.md precedence 2',
    steps: [
      step(req('GET', '/throw/string'), leakFree('secret-thrown')),
      step(req('GET', '/throw/undefined'), internalError),
      step(req('GET', '/throw/null'), internalError),
      step(req('GET', '/throw/number'), internalError),
      step(req('GET', '/throw/object'), {
        ...leakFree('secret-thrown'),
        headers: { ...internalError.headers, 'x-leak': null },
      }),
      step(req('GET', '/throw/error-with-status'), leakFree('secret-thrown')),
    ],
  },
  {
    id: 'H14',
    level: 'MUST',
    title: 'A value that breaks its response model answers 500 and leaks nothing',
    ref: 'docs/http-rules.md models; docs/fastapi-behaviour.md 43',
    steps: [
      step(req('GET', '/mismatch'), leakFree('secret-model')),
      step(req('GET', '/mismatch/status'), leakFree('secret-model')),
    ],
  },
  {
    id: 'H15',
    level: 'MUST',
    title: 'errorFormat problem: every error is application/problem+json (RFC 9457)',
    ref: 'RFC 9457 3',
    app: { options: { errorFormat: 'problem' } },
    steps: [
      step(req('GET', '/items/999'), problemAnswer(404, 'Not Found', { detail: 'Item not found' })),
      step(req('GET', '/nope'), problemAnswer(404, 'Not Found', { detail: 'Not Found' })),
      step(
        req('GET', '/teapot'),
        problemAnswer(418, "I'm a Teapot", { reason: 'short and stout' }, { 'x-error': 'teapot' }),
      ),
      step(req('GET', '/boom'), {
        ...problemAnswer(500, 'Internal Server Error', { detail: 'Internal Server Error' }),
        absent: ['secret'],
      }),
      step(
        jsonRequest('POST', '/items', { name: 1 }),
        problemAnswer(422, 'Unprocessable Content', {
          errors: [
            {
              type: 'string_type',
              loc: ['body', 'name'],
              msg: 'Input should be a valid string',
              input: 1,
            },
            { type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: { name: 1 } },
          ],
        }),
      ),
      step(
        req('PATCH', '/items/1/maybe'),
        problemAnswer(
          405,
          'Method Not Allowed',
          { detail: 'Method Not Allowed' },
          { allow: 'GET, HEAD' },
        ),
      ),
      step(req('GET', '/items/1'), jsonAnswer(200, hammer)),
    ],
  },
  {
    id: 'H16',
    level: 'MUST',
    title: 'A returned value is a JSON body whatever its type (string, null, false, array)',
    ref: 'docs/seed-scenarios.md row 11; docs/fastapi-behaviour.md 4',
    steps: [
      step(req('GET', '/value/string'), jsonAnswer(200, 'hello')),
      step(req('GET', '/value/null'), jsonAnswer(200, null)),
      step(req('GET', '/value/false'), jsonAnswer(200, false)),
      step(req('GET', '/value/array'), jsonAnswer(200, [1, 'two', false])),
    ],
  },
  {
    id: 'H17',
    level: 'MUST',
    title: 'HttpException detail: the reason phrase when omitted, any JSON value otherwise',
    ref: 'docs/fastapi-behaviour.md 20-21',
    steps: [
      step(req('GET', '/raise/phrase'), detailAnswer(403, 'Forbidden')),
      step(req('GET', '/raise/list'), detailAnswer(400, ['a', 1])),
      step(req('GET', '/raise/number'), detailAnswer(400, 42)),
    ],
  },
];
