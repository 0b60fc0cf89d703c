import { isUtf8 } from 'node:buffer';
import { parse as legacyParse } from 'node:url';
import { Router, splitUrl } from '@statuskit/core/adapter';
import { countedSeedApp } from '../src/apps.js';
import { bodyBytes, type FuzzRequest } from '../src/fuzz-request.js';
import type { AcceptedDivergence, RegressionCase } from '../src/regression.js';

// Every request the differential fuzzer (or a fault test) caught, as data.
// test/regressions.test.ts replays each on every adapter. A new failure: paste
// the "shrunk request" the fuzzer printed, give it the next id, say where it
// came from, and file the adapters' three answers as an issue (or in docs/reliability.md).

const DEPTH_LIMIT = '"msg":"JSON nested deeper than 128 levels"';

const seedRouter = new Router(countedSeedApp().routes);

// The request reaches one of the seed app's routes (not a 404, 405 or redirect).
function routed(r: FuzzRequest): boolean {
  const { path, query } = splitUrl(r.target);
  try {
    return seedRouter.match(r.method, path, query, true).kind === 'route';
  } catch {
    return false;
  }
}

// A content type a JSON body parser takes (express.json(), @koa/bodyparser, Fastify's).
function jsonTyped(r: FuzzRequest): boolean {
  return r.headers.some(([n, v]) => n.toLowerCase() === 'content-type' && /json/i.test(v));
}

/**
 * What the body parsers refuse and the core reads on: a body (JSON, not an object or array
 * for strict mode; a `__proto__` key; another charset; a content coding; too large) that the
 * user's parser refused before statuskit, on a route of the app. statuskit answers as the core
 * up to the handler (404/405/redirects, validation, 413/415/422 where the route reads the body)
 * but never runs the handler from the error path, since the middleware between the parser and
 * statuskit (authentication, ...) did not run either: the parser's status stands there.
 */
// A content type one of the body parsers reads: JSON for all, forms for @koa/bodyparser
// (its default enableTypes are json and form).
function parserTyped(r: FuzzRequest): boolean {
  return (
    jsonTyped(r) ||
    r.headers.some(
      ([n, v]) =>
        n.toLowerCase() === 'content-type' && /application\/x-www-form-urlencoded/i.test(v),
    )
  );
}

const PARSER_REFUSED: Omit<AcceptedDivergence, 'adapters' | 'answer'> = {
  name: "the app's body parser refused the body; the handler may not run",
  reason:
    'the body parser installed in front of statuskit refused the body, so the middleware between it and statuskit did not run and no handler may run: the parser\'s 400/413/415 stands where the handler would have answered (README of @statuskit/express and @statuskit/koa, "With your own body parser")',
  got: [
    { status: 400, pattern: '^$|^\\{"detail":"Bad Request"\\}$' },
    { status: 413, pattern: '^$|^\\{"detail":"Content Too Large"\\}$' },
    { status: 415, pattern: '^$|^\\{"detail":"Unsupported Media Type"\\}$' },
  ],
  want: [],
  when: (r) => parserTyped(r) && routed(r),
};

/** Invalid UTF-8 that a parser decoded to U+FFFD where the adapter cannot tell (chunked, or it parsed). */
const PARSER_LENIENT_UTF8: Omit<AcceptedDivergence, 'adapters' | 'answer'> = {
  name: "the app's body parser decoded invalid UTF-8 as U+FFFD",
  reason:
    'express.json() and @koa/bodyparser decode invalid UTF-8 as U+FFFD and keep no bytes; the adapter spots it only by a declared content-length that no longer matches (README, "With your own body parser")',
  // Status only: the text may even parse (201, 202, 422 validation) or fail elsewhere.
  got: [{ status: 'any' }],
  want: [],
  when: (r) => 'latin1' in r.body && !isUtf8(Buffer.from(r.body.latin1, 'latin1')),
};

/** An empty chunked body that express.json() turned into `{}`: nothing tells the two apart. */
const PARSER_EMPTY_OBJECT: Omit<AcceptedDivergence, 'adapters' | 'answer'> = {
  name: 'express.json() turned an empty chunked body into {}',
  reason:
    'express.json() parses an empty body as {} and keeps no bytes; with a content-length of 0 the adapter knows it was empty, with a chunked body nothing tells an empty body from "{}" (README, "With your own body parser")',
  got: [
    { status: 422, pattern: '"loc":\\["body","name"\\],"msg":"Field required","input":\\{\\}' },
  ],
  want: [{ status: 422, pattern: '"loc":\\["body"\\],"msg":"Field required","input":null' }],
  when: (r) => r.framing.kind === 'chunked' && bodyBytes(r.body).length === 0,
};

// Express's router reads the target with parseurl: url.parse (the legacy parser) for targets
// with a '#', space or tab, which makes `/\\0@#` an authority and returns no path at all.
function expressCannotParse(target: string): boolean {
  if (!/[#\t\n\f\r \u00a0\ufeff]/.test(target) && target.startsWith('/')) return false;
  try {
    return legacyParse(target).pathname === null;
  } catch {
    // The router takes a parse error for "no path" too.
    return true;
  }
}

// R001-R003 (Node's bare 400/431 for requests its parser refuses, nothing after its own 417),
// R017, R018, R020 and R022 (a request followed by garbage: the core's answer goes out at
// once) are @statuskit/conformance cases (`regressionCases`), where every adapter replays
// them; ids are shared, so a new case takes the next id free in both places (R023).

/** The regression cases, in the order they were found. */
export const regressions: readonly RegressionCase[] = [
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
    // express.json() refuses the charset (415) before the route is known; the adapter answers
    // 404/405/redirects and the route's validation as the core would, but runs no handler.
    accepted: {
      ...PARSER_REFUSED,
      adapters: ['express'],
      answer: { status: 415, body: '{"detail":"Unsupported Media Type"}' },
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
    // Strict mode refuses it; the core reads "0" and validates it (the route takes anything),
    // and where its handler would run the parser's 400 stands.
    accepted: {
      ...PARSER_REFUSED,
      adapters: ['koa', 'express'],
      answer: { status: 400, body: '{"detail":"Bad Request"}' },
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
    // Fixed: both adapters spot the U+FFFD by the declared content-length (chunked: R015).
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
    accepted: {
      ...PARSER_EMPTY_OBJECT,
      adapters: ['express'],
      answer: {
        status: 422,
        body: '{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}},{"type":"missing","loc":["body","price"],"msg":"Field required","input":{}}]}',
      },
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
    // Fixed: a body the parser refused is answered after the core's routing (404 here).
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
    // @hapi/bourne (in co-body) refuses the key; the body validates, so the parser's 400 stands.
    accepted: {
      ...PARSER_REFUSED,
      adapters: ['koa'],
      answer: { status: 400, body: '{"detail":"Bad Request"}' },
    },
  },
  {
    id: 'R013',
    title: "a target Express's router cannot parse (/\\0@#) gets Express's own 404 page",
    found: 'fuzz seed 41843349, 2026-11-24',
    request: {
      method: 'GET',
      target: '/\\0@#',
      headers: [],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    expect: { status: 404, body: '{"detail":"Not Found"}' },
    accepted: {
      name: "Express's router cannot parse the target",
      reason:
        'Express\'s router reads the target with parseurl, which takes /\\0@# for an authority and returns no path; the router then calls its final handler without running any middleware, so no adapter code sees the request (packages/express/README.md, "Targets Express cannot parse")',
      adapters: ['express'],
      // finalhandler's page; empty on HEAD.
      got: [{ status: 404, pattern: '^$|<pre>Cannot [A-Za-z-]+ null</pre>' }],
      want: [],
      when: (r) => expressCannotParse(r.target),
      answer: {
        status: 404,
        body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET null</pre>\n</body>\n</html>\n',
      },
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
    // The core: nothing to decode, the handler runs. @koa/bodyparser's gunzip fails on the
    // empty body and throws; the handler may not run from there (it did until 2026-11-25).
    accepted: {
      ...PARSER_REFUSED,
      adapters: ['koa'],
      answer: { status: 415, body: '{"detail":"Unsupported Media Type"}' },
    },
  },
  {
    id: 'R015',
    title:
      'with express.json() or @koa/bodyparser: invalid UTF-8 in a chunked body reaches the core as U+FFFD',
    found: 'fuzz seed 1782592046 with RELIABILITY_BODY_PARSER=1, 2026-11-24 (reported with R008)',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/items/declared',
      headers: [['content-type', 'application/json']],
      body: { latin1: '\u00ff\u00fe' },
      framing: { kind: 'chunked' },
    },
    expect: {
      status: 422,
      body: '{"detail":[{"type":"json_invalid","loc":["body",0],"msg":"Invalid UTF-8 in JSON body","input":{}}]}',
    },
    accepted: {
      ...PARSER_LENIENT_UTF8,
      adapters: ['express', 'koa'],
      answer: {
        status: 422,
        body: '{"detail":[{"type":"json_invalid","loc":["body",0],"msg":"JSON decode error","input":{}}]}',
      },
    },
  },
  {
    id: 'R016',
    title: 'with express.json(): malformed JSON on a route that never reads a body runs no handler',
    found: 'apps/reliability review of the express error path, 2026-11-25',
    bodyParser: true,
    request: {
      method: 'GET',
      target: '/items/1',
      headers: [['content-type', 'application/json']],
      body: { utf8: '{' },
      framing: { kind: 'exact' },
    },
    // The core never reads a GET body it does not declare: the handler answers.
    expect: { status: 200, body: '{"id":1,"name":"Hammer","price":9.5}' },
    // express.json() refused it before the middleware between it and statuskit ran.
    accepted: {
      ...PARSER_REFUSED,
      adapters: ['express'],
      answer: { status: 400, body: '{"detail":"Bad Request"}' },
    },
  },
  {
    id: 'R019',
    title: "with a body parser: a request followed by bytes Node's parser refuses gets Node's 400",
    found:
      'fuzz seeds 20261125 (path 1414:1:2) and 20261124 (RELIABILITY_RUNS=3000) with the body parser, 2026-11-25',
    bodyParser: true,
    request: {
      method: 'PUT',
      target: '/items/1',
      headers: [
        ['transfer-encoding', 'gzip'],
        ['content-type', 'application/json'],
      ],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    // The core answers 405 at once; Node's 400 comes only where no response has started.
    expect: { status: 405, body: '{"detail":"Method Not Allowed"}' },
    accepted: {
      name: "an async body parser lets Node's own 400 come first",
      reason:
        'a body parser in front of statuskit is asynchronous (express.json() when it reads a body, @koa/bodyparser for every POST, PUT and PATCH), so when Node\'s parser refuses the bytes right after the request (a body without framing, transfer-encoding without chunked) Node\'s bare 400 goes out before statuskit runs (README, "With your own body parser")',
      adapters: ['express', 'koa'],
      got: [{ status: 400, body: '', bare: true }],
      want: [],
      when: (r) =>
        r.framing.kind === 'none' ||
        (r.framing.kind === 'delta' && r.framing.delta < 0) ||
        r.headers.some(
          ([n, v]) => n.toLowerCase() === 'transfer-encoding' && !/chunked\s*$/i.test(v),
        ),
      answer: { status: 400, body: '', bare: true },
    },
  },
  {
    id: 'R021',
    title:
      'with @koa/bodyparser: a form body with content-encoding gzip and no bytes is refused by the parser',
    found: 'fuzz seed -411837896 path 3071:1:7 with the body parser, 2026-11-25',
    bodyParser: true,
    request: {
      method: 'POST',
      target: '/process/late',
      headers: [
        ['content-type', 'application/x-www-form-urlencoded'],
        ['content-encoding', 'gzip'],
      ],
      body: { utf8: '' },
      framing: { kind: 'exact' },
    },
    expect: { status: 202, body: '{"message":"Accepted for processing"}' },
    // R014 for a form: @koa/bodyparser reads forms too, its gunzip fails on the empty body.
    accepted: {
      ...PARSER_REFUSED,
      adapters: ['koa'],
      answer: { status: 415, body: '{"detail":"Unsupported Media Type"}' },
    },
  },
];
