import type { Components } from './components.js';

/** Names of the error schemas statuskit's own answers follow. */
export const BUILTIN = {
  httpError: 'HTTPError',
  validationError: 'ValidationError',
  httpValidationError: 'HTTPValidationError',
  problemDetails: 'ProblemDetails',
} as const;

/**
 * Registers the core's error bodies as models; like any model, each is
 * emitted only when the document refers to it.
 */
export function registerBuiltins(components: Components): void {
  const ref = (name: string) => ({ $ref: components.namedRef(name, 'output') });
  const add = (name: string, schema: unknown): void =>
    components.addNamed(name, 'output', schema, 'statuskit');
  // `{"detail": ...}`: the detail of an HttpException, any JSON value.
  add(BUILTIN.httpError, {
    type: 'object',
    properties: { detail: {} },
    required: ['detail'],
  });
  add(BUILTIN.validationError, {
    type: 'object',
    properties: {
      loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
      msg: { type: 'string' },
      type: { type: 'string' },
      input: {},
    },
    required: ['loc', 'msg', 'type'],
  });
  add(BUILTIN.httpValidationError, {
    type: 'object',
    properties: { detail: { type: 'array', items: ref(BUILTIN.validationError) } },
    required: ['detail'],
  });
  // RFC 9457 as error-format.ts renders it: an object detail's members are extension
  // members beside these, validation issues go to `errors`.
  add(BUILTIN.problemDetails, {
    type: 'object',
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: {},
      errors: { type: 'array', items: ref(BUILTIN.validationError) },
    },
    required: ['type', 'status'],
  });
}
