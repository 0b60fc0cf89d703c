import { describe, expect, it } from 'vitest';
import { answerProblem } from './answer.js';

const json = (status: number, body: unknown, type = 'application/json; charset=utf-8') => ({
  status,
  headers: { 'content-type': type },
  body: JSON.stringify(body),
});

describe('answerProblem', () => {
  const item = { id: '1', name: 'widget', price: 9.5 };
  const check = { contentType: 'application/json', json: item };

  it('accepts the expected answer, whatever the key order and content-type parameters', () => {
    expect(answerProblem(200, check, json(200, item))).toBeUndefined();
    expect(
      answerProblem(
        200,
        check,
        json(200, { price: 9.5, name: 'widget', id: '1' }, 'Application/JSON'),
      ),
    ).toBeUndefined();
    expect(
      answerProblem(204, { empty: true }, { status: 204, headers: {}, body: '' }),
    ).toBeUndefined();
  });

  it('refuses a wrong status, quoting the body', () => {
    expect(answerProblem(201, check, json(400, { message: 'bad' }))).toBe(
      'answered 400, expected 201: "{\\"message\\":\\"bad\\"}"',
    );
  });

  it('refuses a body that differs from the expected JSON, or is not JSON', () => {
    expect(answerProblem(200, check, json(200, { ...item, price: '9.5' }))).toMatch(
      /^body "\{.*\}", expected \{"id":"1","name":"widget","price":9.5\}$/,
    );
    expect(answerProblem(200, check, { ...json(200, item), body: 'widget' })).toBe(
      'body is not JSON: "widget"',
    );
  });

  it('refuses a wrong or missing content-type', () => {
    expect(answerProblem(200, check, json(200, item, 'text/plain'))).toBe(
      'content-type "text/plain", expected application/json',
    );
    expect(answerProblem(200, check, { status: 200, headers: {}, body: '{}' })).toBe(
      'content-type (none), expected application/json',
    );
  });

  it('refuses a 204 with a body, and a 404 that is not the handler’s', () => {
    expect(answerProblem(204, { empty: true }, { status: 204, headers: {}, body: 'x' })).toBe(
      'a 204 with a body: "x"',
    );
    expect(
      answerProblem(
        404,
        { includes: 'Item not found' },
        json(404, { message: 'Route GET:/items/9 not found' }),
      ),
    ).toMatch(/^body without "Item not found": /);
  });

  it('checks the status alone when the route asks nothing more', () => {
    expect(answerProblem(404, undefined, { status: 404, headers: {}, body: 'anything' })).toBe(
      undefined,
    );
  });
});
