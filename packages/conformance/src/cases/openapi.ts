import type { Expectation, Policy } from '../case.js';
import { JSON_TYPE } from './helpers.js';

type Documented = Record<string, Record<string, readonly string[]>>;

// The statuses /openapi.json must document for the seed's routes (a subset:
// the core may document more, such as 422 on routes with a schema).
const documented: Documented = {
  '/items/{id}': { get: ['200', '404', '422'], delete: ['204', '404', '422'] },
  '/items': { post: ['201', '422'] },
  '/items/declared': { post: ['201', '422'] },
  '/items/{id}/touch': { put: ['204', '404', '422'] },
  '/status': { get: ['404'] },
  '/status/number': { get: ['200'] },
  '/accepted': { get: ['202'] },
  '/text': { get: ['200'] },
  '/old-items/{id}': { get: ['307'] },
  '/moved': { get: ['301'] },
  '/override': { get: ['202'] },
  '/override/raise': { get: ['409'] },
  '/teapot': { get: ['418'] },
  '/boom': { get: ['500'] },
  '/process': { post: ['202'] },
  '/process/log': { get: ['200'] },
  '/process/late': { post: ['202'] },
  '/items/{id}/maybe': { get: ['200', '404', '422'] },
  '/auth': { get: ['401'] },
};

// Response headers the core sends with a status, which the document must name (docs/seed-scenarios.md row 41).
const documentedHeaders: Record<string, Record<string, Record<string, string>>> = {
  '/auth': { get: { '401': 'www-authenticate' } },
  '/moved': { get: { '301': 'location' } },
  '/old-items/{id}': { get: { '307': 'location' } },
};

function openApiSubset(docs: Documented): Expectation {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(docs)) {
    const ops: Record<string, unknown> = {};
    for (const [method, statuses] of Object.entries(methods)) {
      const headers = documentedHeaders[path]?.[method] ?? {};
      const response = (s: string) => {
        const header = headers[s];
        return header === undefined ? {} : { headers: { [header]: { required: true } } };
      };
      ops[method] = { responses: Object.fromEntries(statuses.map((s) => [s, response(s)])) };
    }
    paths[path] = ops;
  }
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE },
    body: { jsonSubset: { openapi: '3.1.0', paths } },
  };
}

// Under `fastapi`, undeclared POST and DELETE succeed with 200.
const fastapiDocumented: Documented = {
  ...documented,
  '/items/{id}': { get: ['200', '404', '422'], delete: ['200', '404', '422'] },
  '/items': { post: ['200', '422'] },
};

/** What /openapi.json must contain under a policy (S25). */
export function openApiDocumented(policy: Policy): Expectation {
  return openApiSubset(policy === 'fastapi' ? fastapiDocumented : documented);
}
