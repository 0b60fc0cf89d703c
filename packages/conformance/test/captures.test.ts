import { describe, expect, it } from 'vitest';
import { Captures } from '../src/captures.js';
import type { ClientResponse } from '../src/client.js';

// `capture` and `{{name}}` in the case format: opaque ids carried from one step to the next.

function response(body: unknown, headers: Array<[string, string]> = []): ClientResponse {
  return {
    status: 202,
    headers,
    body: new TextEncoder().encode(JSON.stringify(body)),
  } as ClientResponse;
}

describe('Captures', () => {
  it('takes values from the JSON body (JSON Pointer) and from headers', () => {
    const c = new Captures();
    expect(c.empty).toBe(true);
    const lost = c.take(
      { op: { json: '/id' }, n: { json: '/a~1b/0' }, where: { header: 'location' } },
      response({ id: 'abc', 'a/b': [7] }, [['location', '/operations/abc']]),
    );
    expect(lost).toEqual([]);
    expect(
      c.fill({ path: '/x/{{op}}/{{n}}', list: ['{{where}}', 1, null], keep: '{{other}}' }),
    ).toEqual({
      path: '/x/abc/7',
      list: ['/operations/abc', 1, null],
      keep: '{{other}}',
    });
  });

  it('says what it could not find', () => {
    const c = new Captures();
    expect(
      c.take({ op: { json: '/missing' }, h: { header: 'location' } }, response({ id: {} })),
    ).toEqual([
      'capture op: nothing at {"json":"/missing"}',
      'capture h: nothing at {"header":"location"}',
    ]);
    expect(
      c.take({ op: { json: '/id' } }, { ...response(null), body: new Uint8Array([123]) }),
    ).toHaveLength(1);
  });

  it('masks captured values for the differential pass', () => {
    const c = new Captures();
    c.take({ op: { json: '/id' } }, response({ id: 'abc' }));
    expect(c.mask('/operations/abc/result')).toBe('/operations/{{op}}/result');
    expect(
      c.maskFingerprint({
        status: 202,
        headers: { location: '/operations/abc', allow: null },
        body: '{"id":"abc"}',
      }),
    ).toEqual({
      status: 202,
      headers: { location: '/operations/{{op}}', allow: null },
      body: '{"id":"{{op}}"}',
    });
  });
});
