import { isUtf8 } from 'node:buffer';
import type { FuzzRequest } from '../src/fuzz-request.js';
import type { RegressionCase } from '../src/regression.js';

// Every request the differential fuzzer (or a fault test) caught, as data.
// test/regressions.test.ts replays each on every adapter. A new failure: paste
// the "shrunk request" the fuzzer printed, give it the next id, say where it
// came from, and write the adapters' three answers to .notes/core-requests.md.

// Node's own answers to requests its parser refuses (no body, no headers but connection).
const NODE_400 = { status: 400, body: '', bare: true };
const NODE_431 = { status: 431, body: '', bare: true };
// Fastify answers them as Node does now, but also after a response already went out.
const FASTIFY_AFTER_ANSWER = {
  adapters: ['fastify'],
  got: [NODE_400, NODE_431],
  want: [NODE_400, NODE_431],
  note: ".notes/core-requests.md: [reliability] fastify answers Node's parser errors with its own JSON",
};
const DEPTH_LIMIT = '"msg":"JSON nested deeper than 128 levels"';
const EXPRESS_PARSER_NOTE =
  '.notes/core-requests.md: [reliability] express with express.json(): deep JSON offset, charset 415';

const SCALAR_NOTE =
  '.notes/core-requests.md: [reliability] koa with @koa/bodyparser: scalar JSON answers 400';

// A body that is JSON but neither an object nor an array: the body parsers' strict mode refuses it.
function scalarJsonBody(r: FuzzRequest): boolean {
  const b = r.body;
  const text =
    'utf8' in b ? b.utf8 : 'latin1' in b ? Buffer.from(b.latin1, 'latin1').toString() : '';
  try {
    const v: unknown = JSON.parse(text);
    return v === null || typeof v !== 'object';
  } catch {
    return false;
  }
}

/** The regression cases, in the order they were found. */
export const regressions: readonly RegressionCase[] = [
  {
    id: 'R001',
    title: "a header name with a space: Node's parser answers 400 before any framework",
    found: 'fuzz seed 1107083272, 2026-11-24',
    request: {
      method: 'GET',
      target: '/items/1?',
      headers: [['bad header', '1']],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    expect: NODE_400,
    // Fixed: @statuskit/fastify answers parser errors as Node does (clientErrorHandler).
  },
  {
    id: 'R002',
    title: 'a request line over 16 KiB: Node answers 431 before any framework',
    found: 'fuzz seed 603117593, 2026-11-24',
    request: {
      method: 'GET',
      target: `/items/0/${'a'.repeat(16_400)}`,
      headers: [],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    expect: NODE_431,
    // Fixed: @statuskit/fastify answers parser errors as Node does (clientErrorHandler).
  },
  {
    id: 'R003',
    title: 'garbage after a request Node answered itself (417): nothing more may follow',
    found: 'fuzz seed 422878948, 2026-11-24',
    request: {
      method: 'GET',
      target: '/ITEMS/1?',
      headers: [['expect', 'nothing']],
      body: { utf8: '{"name":" ","price":0}' },
      framing: { kind: 'none' },
    },
    expect: { status: 417, body: '', bare: true },
    // Fastify still writes Node's 400 for the garbage after its 417 went out.
    open: FASTIFY_AFTER_ANSWER,
  },
  {
    id: 'R004',
    title:
      'with express.json(): JSON nested 129 deep reports the offset where the limit was passed',
    found: 'fuzz seed -898296981 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/items',
      headers: [['content-type', 'application/json']],
      body: { repeat: '[', times: 129, suffix: `1${']'.repeat(129)}` },
      framing: { kind: 'exact' },
    },
    expect: {
      status: 422,
      body: `{"detail":[{"type":"json_invalid","loc":["body"],${DEPTH_LIMIT},"input":{}}]}`,
    },
    // Fixed: the core reports the depth limit without an offset (loc ["body"]) wherever the JSON was parsed.
  },
  {
    id: 'R005',
    title: 'with express.json(): a GET whose body has an unsupported charset is still a GET',
    found: 'fuzz seed 1112197811 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'GET',
      target: '/items/1',
      headers: [['content-type', 'application/json; charset=latin1']],
      body: { utf8: '{"name":"p","price":1}' },
      framing: { kind: 'exact' },
    },
    expect: { status: 200, body: '{"id":1,"name":"Hammer","price":9.5}' },
    open: {
      adapters: ['express'],
      got: [{ status: 415 }],
      want: [],
      when: (r) => r.headers.some(([n, v]) => n === 'content-type' && /charset=(?!utf-8)/i.test(v)),
      note: EXPRESS_PARSER_NOTE,
    },
  },
  {
    id: 'R006',
    title:
      'with @koa/bodyparser: a scalar JSON body ("0") is valid JSON for a route that takes any body',
    found: 'fuzz seed 911219285 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/process/late?',
      headers: [['content-type', 'application/json']],
      body: { utf8: '0' },
      framing: { kind: 'exact' },
    },
    expect: { status: 202, body: '{"message":"Accepted for processing"}' },
    open: {
      adapters: ['koa', 'express'],
      // Status only: a HEAD answer has no body.
      got: [{ status: 400 }],
      want: [],
      when: scalarJsonBody,
      note: SCALAR_NOTE,
    },
  },
  {
    id: 'R007',
    title: 'with express.json(): content-encoding gzip on a body the route never reads',
    found: 'fuzz seed 821916668 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'GET',
      target: '/items/1/',
      headers: [
        ['content-type', 'application/json'],
        ['content-encoding', 'gzip'],
      ],
      body: { utf8: '{' },
      framing: { kind: 'exact' },
    },
    expect: { status: 307, body: '' },
    // Fixed: express hands content-coded bodies to the core unread.
  },
  {
    id: 'R008',
    title:
      'with express.json() or @koa/bodyparser: a JSON body that is not UTF-8 is refused as such',
    found: 'fuzz seed 1073292646 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/process/late?',
      headers: [['content-type', 'application/json']],
      body: { latin1: '\u00ff' },
      framing: { kind: 'exact' },
    },
    expect: {
      status: 422,
      body: '{"detail":[{"type":"json_invalid","loc":["body",0],"msg":"Invalid UTF-8 in JSON body","input":{}}]}',
    },
    open: {
      // koa: with a chunked body only (fuzz seed 1782592046: ÿþ in two chunks to /items/declared).
      adapters: ['express', 'koa'],
      // The body parsers decode with replacement characters: the JSON may even parse.
      got: [{ status: 'any' }],
      want: [],
      when: (r) => 'latin1' in r.body && !isUtf8(Buffer.from(r.body.latin1, 'latin1')),
      note: EXPRESS_PARSER_NOTE,
    },
  },
  {
    id: 'R009',
    title:
      'with @koa/bodyparser: content-encoding gzip on a body that is not gzip is a 415, no 500',
    found: 'fuzz seed -1026393395 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/process/late?',
      headers: [
        ['content-type', 'application/json'],
        ['content-encoding', 'gzip'],
      ],
      body: { utf8: '{}' },
      framing: { kind: 'exact' },
    },
    // The core decodes no content coding (RFC 9110 8.4): a coded body it has to read is a 415.
    expect: { status: 415, body: '{"detail":"Unsupported Media Type"}' },
    // Fixed: koa and express answer coded bodies as the core does (415).
  },
  {
    id: 'R010',
    title: 'with express.json(): an empty chunked body is a missing body, not an empty object',
    found: 'fuzz seed -1369660886 with RELIABILITY_BODY_PARSER=1, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/items/declared?',
      headers: [['content-type', 'application/json']],
      body: { latin1: '' },
      framing: { kind: 'chunked' },
    },
    expect: {
      status: 422,
      body: '{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}',
    },
    open: {
      adapters: ['express'],
      got: [
        { status: 422, pattern: '"loc":\\["body","name"\\],"msg":"Field required","input":\\{\\}' },
      ],
      want: [{ status: 422, pattern: '"loc":\\["body"\\],"msg":"Field required","input":null' }],
      note: EXPRESS_PARSER_NOTE,
    },
  },
  {
    id: 'R011',
    title: 'with express.json(): a JSON null body on a route that never reads it',
    found: 'fuzz seed -56382800 with the body-parser pass, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'GET',
      target: '/items/1/%00',
      headers: [['content-type', 'application/json']],
      body: { utf8: 'null' },
      framing: { kind: 'chunked' },
    },
    expect: { status: 404, body: '{"detail":"Not Found"}' },
    open: {
      adapters: ['express'],
      // Status only: a HEAD answer has no body.
      got: [{ status: 400 }],
      want: [],
      when: scalarJsonBody,
      note: SCALAR_NOTE,
    },
  },
  {
    id: 'R012',
    title: 'with @koa/bodyparser: a JSON body with a __proto__ key is parsed safely, not refused',
    found: 'fuzz seed 250295532 with the body-parser pass, 2026-11-24',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/items/declared?',
      headers: [['content-type', 'application/json']],
      body: { utf8: '{"__proto__":{"polluted":"yes"},"name":"p","price":1}' },
      framing: { kind: 'exact' },
    },
    expect: { status: 201, body: '{"id":2,"name":"p","price":1}' },
    open: {
      adapters: ['koa'],
      got: [{ status: 400, body: '{"detail":"Bad Request"}' }],
      want: [],
      when: (r) => 'utf8' in r.body && r.body.utf8.includes('"__proto__"'),
      note: SCALAR_NOTE,
    },
  },
  {
    id: 'R013',
    title:
      "a target Express cannot parse (/\\0@#) still gets the core's 404, not Express's HTML page",
    found: 'fuzz seed 41843349, 2026-11-24',
    request: {
      method: 'GET',
      target: '/\\0@#',
      headers: [],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    expect: { status: 404, body: '{"detail":"Not Found"}' },
    open: {
      adapters: ['express'],
      // finalhandler's page ("Cannot GET null"); empty on HEAD.
      got: [{ status: 404, pattern: '^$|<pre>Cannot [A-Za-z-]+ null</pre>' }],
      want: [],
      when: (r) => r.target.includes('\\') && r.target.includes('@'),
      note: ".notes/core-requests.md: [reliability] express: a target the router cannot parse gets Express's HTML 404",
    },
  },
  {
    id: 'R014',
    title:
      'with @koa/bodyparser: content-encoding gzip and no body is not a 415 (there is nothing to decode)',
    found: 'fuzz seed -1189368561 path 230:1:2:4 with the body parser, 2026-11-24 (CI)',
    bodyParser: true,
    request: {
      method: 'PUT',
      target: '/items/1/touch?',
      headers: [
        ['content-encoding', 'gzip'],
        ['content-type', 'application/json'],
      ],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    expect: { status: 204, body: '' },
    // Fixed: the core answers 415 only when there is a body to decode.
  },
];
