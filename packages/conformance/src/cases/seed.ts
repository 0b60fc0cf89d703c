import type { ConformanceCase } from '../case.js';
import {
  detailAnswer,
  emptyAnswer,
  JSON_TYPE,
  jsonAnswer,
  jsonRequest,
  logUntil,
  noContent,
  paddedItem,
  redirectAnswer,
  req,
  step,
  textAnswer,
} from './helpers.js';
import { openApiDocumented } from './openapi.js';

// One case per row of docs/seed-scenarios.md; the id is the row number.

const hammer = { id: 1, name: 'Hammer', price: 9.5 };
const saw = { id: 2, name: 'Saw', price: 12 };
const notFound = detailAnswer(404, 'Item not found');
const accepted = jsonAnswer(202, { message: 'Accepted for processing' });

const twoMegabytes = paddedItem(2 * 1024 * 1024);

/** The 30 rows of the seed table. */
export const seedCases: readonly ConformanceCase[] = [
  {
    id: 'S01',
    level: 'MUST',
    title: 'GET /items/1: no status declared answers 200 with the item',
    ref: 'docs/seed-scenarios.md row 1; seed step 2 (defaults)',
    steps: [step(req('GET', '/items/1'), jsonAnswer(200, hammer))],
  },
  {
    id: 'S02',
    level: 'MUST',
    title: 'GET /items/999: HttpException(404) answers {"detail":"Item not found"}',
    ref: 'docs/seed-scenarios.md row 2; seed step 5',
    steps: [step(req('GET', '/items/999'), notFound)],
  },
  {
    id: 'S03',
    level: 'MUST',
    title: 'POST /items with a valid body: 201 under rest, 200 under fastapi',
    ref: 'docs/seed-scenarios.md row 3; seed step 2, myth 1',
    steps: [
      step(jsonRequest('POST', '/items', { name: 'Saw', price: 12 }), jsonAnswer(201, saw), {
        fastapi: jsonAnswer(200, saw),
      }),
      step(req('GET', '/items/2'), jsonAnswer(200, saw)),
    ],
  },
  {
    id: 'S04',
    level: 'MUST',
    title: 'POST /items/declared: declared 201, the response model drops unknown keys',
    ref: 'docs/seed-scenarios.md row 4; seed steps 3 and 6',
    steps: [
      step(
        jsonRequest('POST', '/items/declared', { name: 'Saw', price: 12, colour: 'red' }),
        jsonAnswer(201, saw),
      ),
    ],
  },
  {
    id: 'S05',
    level: 'MUST',
    title: 'POST /items with an invalid body: 422, one entry per problem',
    ref: 'docs/seed-scenarios.md row 5; seed step 5',
    steps: [
      step(
        jsonRequest('POST', '/items', { name: '', price: -1 }),
        detailAnswer(422, [
          {
            type: 'string_too_short',
            loc: ['body', 'name'],
            msg: 'String should have at least 1 character',
            input: '',
          },
          {
            type: 'greater_than_equal',
            loc: ['body', 'price'],
            msg: 'Input should be greater than or equal to 0',
            input: -1,
          },
        ]),
      ),
    ],
  },
  {
    id: 'S06',
    level: 'MUST',
    title: 'POST /items with malformed JSON: 422 json_invalid, never 500',
    ref: 'docs/seed-scenarios.md row 6; seed step 5',
    steps: [
      step(
        jsonRequest('POST', '/items', '{"name": '),
        detailAnswer(422, [
          { type: 'json_invalid', loc: ['body', 9], msg: 'JSON decode error', input: {} },
        ]),
      ),
    ],
  },
  {
    id: 'S07',
    level: 'MUST',
    title: 'DELETE /items/1 returning nothing: 204 under rest, 200 null under fastapi',
    ref: 'docs/seed-scenarios.md row 7; seed step 2',
    steps: [
      step(req('DELETE', '/items/1'), noContent(204), { fastapi: jsonAnswer(200, null) }),
      step(req('GET', '/items/1'), notFound),
    ],
  },
  {
    id: 'S08',
    level: 'MUST',
    title: 'DELETE /items/999: 404 {"detail":"Item not found"}',
    ref: 'docs/seed-scenarios.md row 8; seed step 7',
    steps: [step(req('DELETE', '/items/999'), notFound)],
  },
  {
    id: 'S09',
    level: 'MUST',
    title: 'PUT /items/1/touch declared 204 returning a value: no body, no content-type',
    ref: 'docs/seed-scenarios.md row 9; seed pitfall (204 with a body)',
    steps: [step(req('PUT', '/items/1/touch'), noContent(204))],
  },
  {
    id: 'S10',
    level: 'MUST',
    title: 'GET /status returning empty(404): 404 with an empty body',
    ref: 'docs/seed-scenarios.md row 10; seed pitfall 2',
    steps: [step(req('GET', '/status'), emptyAnswer(404))],
  },
  {
    id: 'S11',
    level: 'MUST',
    title: 'GET /status/number returning 404: 200 with body 404 (a value is a body)',
    ref: 'docs/seed-scenarios.md row 11; seed pitfall 2',
    steps: [step(req('GET', '/status/number'), jsonAnswer(200, 404))],
  },
  {
    id: 'S12',
    level: 'MUST',
    title: 'GET /accepted returning json({msg:"ok"}, {status: 202}): 202',
    ref: 'docs/seed-scenarios.md row 12; seed step 4',
    steps: [step(req('GET', '/accepted'), jsonAnswer(202, { msg: 'ok' }))],
  },
  {
    id: 'S13',
    level: 'MUST',
    title: 'GET /text: 200 text/plain; charset=utf-8, body ok',
    ref: 'docs/seed-scenarios.md row 13; seed step 4',
    steps: [step(req('GET', '/text'), textAnswer(200, 'ok'))],
  },
  {
    id: 'S14',
    level: 'MUST',
    title: 'GET /old-items/1: 307 to /items/1',
    ref: 'docs/seed-scenarios.md row 14; seed step 4',
    steps: [step(req('GET', '/old-items/1'), redirectAnswer(307, '/items/1'))],
  },
  {
    id: 'S15',
    level: 'MUST',
    title: 'GET /moved: 301 to /items/1',
    ref: 'docs/seed-scenarios.md row 15; seed step 4',
    steps: [step(req('GET', '/moved'), redirectAnswer(301, '/items/1'))],
  },
  {
    id: 'S16',
    level: 'MUST',
    title: 'GET /override: an explicit 202 beats the declared 201',
    ref: 'docs/seed-scenarios.md row 16; seed myth 4',
    steps: [step(req('GET', '/override'), jsonAnswer(202, { msg: 'explicit' }))],
  },
  {
    id: 'S17',
    level: 'MUST',
    title: 'GET /override/raise: a raised 409 beats the declared 201',
    ref: 'docs/seed-scenarios.md row 17; seed myth 4',
    steps: [step(req('GET', '/override/raise'), detailAnswer(409, 'Conflict'))],
  },
  {
    id: 'S18',
    level: 'MUST',
    title: 'GET /teapot: 418 with an object detail and x-error: teapot',
    ref: 'docs/seed-scenarios.md row 18; seed step 5, myth 2',
    steps: [
      step(
        req('GET', '/teapot'),
        detailAnswer(418, { reason: 'short and stout' }, { 'x-error': 'teapot' }),
      ),
    ],
  },
  {
    id: 'S19',
    level: 'MUST',
    title: 'GET /boom: a plain Error answers 500 and its message leaks nowhere',
    ref: 'docs/seed-scenarios.md row 19; seed reliability',
    steps: [
      step(req('GET', '/boom'), {
        ...detailAnswer(500, 'Internal Server Error'),
        absent: ['secret'],
      }),
    ],
  },
  {
    id: 'S20',
    level: 'MUST',
    title: 'POST /process: declared 202, the background task runs after the response',
    ref: 'docs/seed-scenarios.md row 20; seed step 8',
    steps: [step(req('POST', '/process'), accepted), logUntil(['process'])],
  },
  {
    id: 'S21',
    level: 'MUST',
    title: 'GET /process/log lists the finished background task',
    ref: 'docs/seed-scenarios.md row 21; seed step 8',
    steps: [
      step(req('GET', '/process/log'), jsonAnswer(200, { tasks: [], errors: [] })),
      step(req('POST', '/process'), accepted),
      logUntil(['process']),
    ],
  },
  {
    id: 'S22',
    level: 'MUST',
    title: 'POST /process/late: the client gets 202, the late status change is reported',
    ref: 'docs/seed-scenarios.md row 22; seed step 8, myth 3',
    steps: [
      step(req('POST', '/process/late'), { ...accepted, absent: ['STATUSKIT'] }),
      logUntil(['late'], ['STATUSKIT_STATUS_FROZEN']),
    ],
  },
  {
    id: 'S23',
    level: 'MUST',
    title: 'GET /items/{id}/maybe: 200 or 404, both documented in /openapi.json',
    ref: 'docs/seed-scenarios.md row 23; seed step 7',
    steps: [
      step(req('GET', '/items/1/maybe'), jsonAnswer(200, hammer)),
      step(req('GET', '/items/999/maybe'), notFound),
      step(req('GET', '/openapi.json'), {
        status: 200,
        body: {
          jsonSubset: {
            paths: { '/items/{id}/maybe': { get: { responses: { '200': {}, '404': {} } } } },
          },
        },
      }),
    ],
  },
  {
    id: 'S24',
    level: 'MUST',
    title: 'GET /auth: 401 with www-authenticate: Bearer',
    ref: 'docs/seed-scenarios.md row 24; seed step 5, RFC 9110 15.5.2',
    steps: [
      step(
        req('GET', '/auth'),
        detailAnswer(401, 'Not authenticated', { 'www-authenticate': 'Bearer' }),
      ),
    ],
  },
  {
    id: 'S25',
    level: 'MUST',
    title:
      'GET /openapi.json: OpenAPI 3.1 listing the statuses of every route and the headers the core sends',
    ref: 'docs/seed-scenarios.md row 25; seed steps 6 and 7, expert',
    steps: [
      step(req('GET', '/openapi.json'), openApiDocumented('rest'), {
        fastapi: openApiDocumented('fastapi'),
      }),
    ],
  },
  {
    id: 'S26',
    level: 'MUST',
    title: 'GET /nope: 404 {"detail":"Not Found"}',
    ref: 'docs/seed-scenarios.md row 26; seed defaults',
    steps: [step(req('GET', '/nope'), detailAnswer(404, 'Not Found'))],
  },
  {
    id: 'S27',
    level: 'MUST',
    title: 'PATCH /items/1/maybe: 405 with allow: GET, HEAD',
    ref: 'docs/seed-scenarios.md row 27; seed HTTP rules, RFC 9110 15.5.6',
    steps: [
      step(
        req('PATCH', '/items/1/maybe'),
        detailAnswer(405, 'Method Not Allowed', { allow: 'GET, HEAD' }),
      ),
    ],
  },
  {
    id: 'S28',
    level: 'MUST',
    title: "HEAD /items/1: GET's status and headers, no body",
    ref: 'docs/seed-scenarios.md row 28; seed HTTP rules, RFC 9110 9.3.2',
    steps: [
      step(req('HEAD', '/items/1'), {
        status: 200,
        headers: { 'content-type': JSON_TYPE, 'content-length': '36' },
        body: { empty: true },
      }),
    ],
  },
  {
    id: 'S29',
    level: 'MUST',
    title: 'POST /items/declared with a 2 MB JSON body: 413 {"detail":"Content Too Large"}',
    ref: 'docs/seed-scenarios.md row 29; seed reliability, RFC 9110 15.5.14',
    steps: [
      step(
        {
          method: 'POST',
          path: '/items/declared',
          headers: { 'content-type': JSON_TYPE },
          body: twoMegabytes,
        },
        detailAnswer(413, 'Content Too Large'),
      ),
    ],
  },
  {
    id: 'S30',
    level: 'MUST',
    title: 'GET /items/1/: 307 to the canonical /items/1, keeping the query',
    ref: 'docs/seed-scenarios.md row 30; seed defaults (redirect_slashes)',
    steps: [
      step(req('GET', '/items/1/'), redirectAnswer(307, '/items/1')),
      step(req('GET', '/items/1/?q=a%20b'), redirectAnswer(307, '/items/1?q=a%20b')),
    ],
  },
];
