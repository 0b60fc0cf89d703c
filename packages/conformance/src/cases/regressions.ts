import type { ConformanceCase, Expectation } from '../case.js';
import { SIGNIFICANT_HEADERS } from '../case.js';
import { BOTH } from './helpers.js';

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

/** Regression cases from the reliability fuzzer (R001..; ids shared with apps/reliability). */
export const regressionCases: readonly ConformanceCase[] = [
  {
    id: 'R001',
    level: 'MUST',
    title: "A header name with a space gets Node's bare 400, not the framework's own body",
    ref: 'RFC 9112 5.1; reliability fuzz seed 1107083272',
    policies: BOTH,
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        raw: { method: 'GET', target: '/items/1?', headers: [['bad header', '1']] },
        expect: nodeAnswer(400),
      },
    ],
  },
  {
    id: 'R002',
    level: 'MUST',
    title: "A request line over 16 KiB gets Node's bare 431, not the framework's own body",
    ref: 'RFC 6585 5; reliability fuzz seed 603117593',
    policies: BOTH,
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        raw: { method: 'GET', target: `/items/0/${'a'.repeat(16_400)}` },
        expect: nodeAnswer(431),
      },
    ],
  },
  {
    id: 'R003',
    level: 'MUST',
    title: 'Garbage after a request Node answered itself (417) gets no second answer',
    ref: 'RFC 9110 10.1.1; RFC 9112 9.6; reliability fuzz seed 422878948',
    policies: BOTH,
    bodyParsers: WITHOUT_PARSER,
    steps: [
      {
        // No content-length: the body is a second, garbage request on the same connection.
        raw: {
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
];
