import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from './diagnostic.js';

describe('DiagnosticCode', () => {
  it('keeps its stable values', () => {
    expect(DiagnosticCode).toEqual({
      RESPONSE_VALIDATION: 'STATUSKIT_RESPONSE_VALIDATION',
      SERIALIZATION: 'STATUSKIT_SERIALIZATION',
      BODY_DROPPED: 'STATUSKIT_BODY_DROPPED',
      MISSING_WWW_AUTHENTICATE: 'STATUSKIT_MISSING_WWW_AUTHENTICATE',
      MISSING_ALLOW: 'STATUSKIT_MISSING_ALLOW',
      MISSING_LOCATION: 'STATUSKIT_MISSING_LOCATION',
      LATE_RESULT: 'STATUSKIT_LATE_RESULT',
      STREAM_FAILED: 'STATUSKIT_STREAM_FAILED',
      UNDECLARED_STATUS: 'STATUSKIT_UNDECLARED_STATUS',
    });
  });
});
