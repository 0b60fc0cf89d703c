import type { ConformanceCase, Expectation } from '../case.js';
import { SIGNIFICANT_HEADERS } from '../case.js';

// Requests the reliability fuzzer (apps/reliability) caught once, kept here
// under the id it got there, so every adapter is held to them. Most need bytes
// node:http will not send, hence raw steps. Only requests answered the same
// without the app's own body parser belong here: the fuzzer found them in that
// mode, so they run only in it (`bodyParsers: [false]`); the body-parser ones
// stay in apps/reliability/test/regressions.ts.

// Node answers a request its parser refuses itself, before any framework:
// `HTTP/1.1 <status> <phrase>`, `connection: close`, no other header, no body.
function nodeAnswer(status: number): Expectation {
  const headers: Record<string, null> = {};
  for (const name of SIGNIFICANT_HEADERS) headers[name] = null;
  return { status, headers, body: { empty: true } };
}

const WITHOUT_PARSER: readonly boolean[] = [false];

// R017, R018, R020 and R022 are SHOULD: no RFC orders an answer against the garbage that
// follows its request, but an adapter that writes what the core decided synchronously
// (kit.dispatch) inside Node's request event answers the client's request, where one that
// awaits first lets Node's bare 400 for the garbage go out instead.

/** Regression cases from the reliability fuzzer (R001..; ids shared with apps/reliability). */
export const regressionCases: readonly ConformanceCase[] = [
  {
    id: 'R001',
    level: 'MUST',
    title: "A header name with a space gets Node's bare 400, not the framework's own body",
    ref: 'RFC 9112 5.1; reliability fuzz seed 1107083272',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        kind: 'raw',
        request: { method: 'GET', target: '/items/1?', headers: [['bad header', '1']] },
        expect: nodeAnswer(400),
      },
    ],
  },
  {
    id: 'R002',
    level: 'MUST',
    title: "A request line over 16 KiB gets Node's bare 431, not the framework's own body",
    ref: 'RFC 6585 5; reliability fuzz seed 603117593',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        kind: 'raw',
        request: { method: 'GET', target: `/items/0/${'a'.repeat(16_400)}` },
        expect: nodeAnswer(431),
      },
    ],
  },
  {
    id: 'R003',
    level: 'MUST',
    title: 'Garbage after a request Node answered itself (417) gets no second answer',
    ref: 'RFC 9110 10.1.1; RFC 9112 9.6; reliability fuzz seed 422878948',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        // No content-length: the body is a second, garbage request on the same connection.
        kind: 'raw',
        request: {
          method: 'GET',
          target: '/ITEMS/1?',
          headers: [['expect', 'nothing']],
          body: '{"name":" ","price":0}',
          framing: 'none',
        },
        // Node's own 417, chunked and empty.
        expect: nodeAnswer(417),
        nothingAfter: true,
      },
    ],
  },
  {
    id: 'R017',
    level: 'SHOULD',
    title:
      "A request followed by garbage: the core's answer, decided at once, and nothing after it",
    ref: 'RFC 9112 9.6; reliability fuzz seed 20261124 (path 11:1:1:1)',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        // No framing: `1e400` is a second request Node's parser refuses. An answer written
        // inside Node's request event goes out first; Node then only closes the connection.
        kind: 'raw',
        request: {
          method: 'GET',
          target: '/',
          headers: [['content-type', 'application/json']],
          body: '1e400',
          framing: 'none',
        },
        expect: { status: 404, body: { json: { detail: 'Not Found' } } },
        nothingAfter: true,
      },
    ],
  },
  {
    id: 'R018',
    level: 'SHOULD',
    title: 'A path with a bad percent-encoding followed by garbage: the 400 goes out at once',
    ref: 'RFC 3986 2.1; reliability fuzz seed 20261124 (RELIABILITY_RUNS=10000)',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        kind: 'raw',
        request: {
          method: 'GET',
          target: '/items/0/%25C2%A0',
          headers: [['content-type', 'application/json']],
          body: { base64: '//4=' }, // the bytes ff fe: not UTF-8
          framing: 'none',
        },
        expect: { status: 400, body: { json: { detail: 'Bad Request' } } },
        nothingAfter: true,
      },
    ],
  },
  {
    id: 'R020',
    level: 'SHOULD',
    title: 'A HEAD followed by garbage: the bodiless answer goes out at once',
    ref: 'RFC 9110 9.3.2; reliability fuzz seed 20261124 (path 459)',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        // content-length 0, then `[]`: a second request Node's parser refuses.
        kind: 'raw',
        request: {
          method: 'HEAD',
          target: '/accepted?',
          headers: [
            ['content-type', 'application/json'],
            ['content-length', '0'],
          ],
          body: '[]',
          framing: 'none',
        },
        expect: { status: 202, body: { empty: true } },
        nothingAfter: true,
      },
    ],
  },
  {
    id: 'R022',
    level: 'SHOULD',
    title: 'An invalid content-type followed by garbage: the core answers at once',
    ref: 'RFC 9110 8.3; reliability fuzz seed 20261124 (path 1136:1:1:2:2:2)',
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        // `json` is no media type: Fastify refuses it before its body phase, and the core
        // answers what it would anywhere (no route for PUT /: 404), before Node's 400.
        kind: 'raw',
        request: {
          method: 'PUT',
          target: '/?',
          headers: [['content-type', 'json']],
          body: `${'['.repeat(100)}1`,
          framing: 'none',
        },
        expect: { status: 404, body: { json: { detail: 'Not Found' } } },
        nothingAfter: true,
      },
    ],
  },
];
