import { describe, expect, it } from 'vitest';
import {
  isRedirectStatus,
  isRegisteredStatus,
  isStatus,
  reasonPhrase,
  STATUS_PHRASES,
  Status,
  statusAllowsBody,
  statusClass,
} from './status.js';

// The IANA HTTP Status Code Registry (RFC 9110 and the RFCs that registered the rest).
const IANA: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  104: 'Upload Resumption Supported',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

describe('STATUS_PHRASES', () => {
  it('holds exactly the registered codes with their phrases', () => {
    expect(STATUS_PHRASES).toEqual(IANA);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(STATUS_PHRASES)).toBe(true);
  });
});

describe('Status constants', () => {
  it('name every registered code except 104 (no constant) with the right value', () => {
    const values = new Set<number>(Object.values(Status));
    for (const code of Object.keys(IANA).map(Number)) {
      if (code === 104) continue;
      expect(values.has(code), `Status has no constant for ${code}`).toBe(true);
    }
    for (const value of values) expect(IANA[value], `${value} is not registered`).toBeDefined();
  });

  it.each([
    ['OK', 200],
    ['CREATED', 201],
    ['NO_CONTENT', 204],
    ['RESET_CONTENT', 205],
    ['NOT_MODIFIED', 304],
    ['TEMPORARY_REDIRECT', 307],
    ['NOT_FOUND', 404],
    ['IM_A_TEAPOT', 418],
    ['UNPROCESSABLE_CONTENT', 422],
    ['INTERNAL_SERVER_ERROR', 500],
  ] as const)('Status.%s is %i', (name, code) => {
    expect(Status[name]).toBe(code);
  });
});

describe('isStatus', () => {
  it.each([100, 101, 199, 200, 204, 404, 499, 599])('accepts %s', (code) => {
    expect(isStatus(code)).toBe(true);
  });

  it.each([
    99,
    600,
    200.5,
    '201',
    Number.NaN,
    -1,
    0,
    Number.POSITIVE_INFINITY,
    null,
    undefined,
    {},
  ])('refuses %s', (value) => {
    expect(isStatus(value)).toBe(false);
  });
});

describe('isRegisteredStatus', () => {
  it('is true for registered codes only', () => {
    expect(isRegisteredStatus(404)).toBe(true);
    expect(isRegisteredStatus(104)).toBe(true);
    expect(isRegisteredStatus(499)).toBe(false);
    expect(isRegisteredStatus(306)).toBe(false);
    expect(isRegisteredStatus(600)).toBe(false);
    expect(isRegisteredStatus('404')).toBe(false);
  });
});

describe('statusClass', () => {
  it.each([
    [100, 'informational'],
    [199, 'informational'],
    [200, 'success'],
    [299, 'success'],
    [300, 'redirection'],
    [404, 'client-error'],
    [499, 'client-error'],
    [500, 'server-error'],
    [599, 'server-error'],
  ] as const)('%i is %s', (code, cls) => {
    expect(statusClass(code)).toBe(cls);
  });

  it.each([99, 600, 200.5, -1, Number.NaN])('is undefined for %s', (code) => {
    expect(statusClass(code)).toBeUndefined();
  });
});

describe('reasonPhrase', () => {
  it('gives the registered phrase of every registered code', () => {
    for (const [code, phrase] of Object.entries(IANA)) {
      expect(reasonPhrase(Number(code))).toBe(phrase);
    }
  });

  it.each([
    [199, 'Informational'],
    [299, 'Success'],
    [306, 'Redirection'],
    [499, 'Client Error'],
    [599, 'Server Error'],
  ])('gives an unregistered valid code (%i) its class name', (code, phrase) => {
    expect(reasonPhrase(code)).toBe(phrase);
  });

  it.each([99, 600, 200.5])('is undefined for the invalid %s', (code) => {
    expect(reasonPhrase(code)).toBeUndefined();
  });
});

describe('statusAllowsBody', () => {
  it('forbids a body for 1xx, 204, 205 and 304 only', () => {
    const forbidden: number[] = [];
    for (let code = 100; code <= 599; code++) if (!statusAllowsBody(code)) forbidden.push(code);
    const expected = [...Array.from({ length: 100 }, (_, i) => 100 + i), 204, 205, 304];
    expect(forbidden).toEqual(expected);
  });
});

describe('isRedirectStatus', () => {
  it('is true for the five codes that need a location', () => {
    const redirects: number[] = [];
    for (let code = 100; code <= 599; code++) if (isRedirectStatus(code)) redirects.push(code);
    expect(redirects).toEqual([301, 302, 303, 307, 308]);
  });
});
