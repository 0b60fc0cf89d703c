import { createStatuskit } from '@statuskit/core';
import type { ConformanceCase, Step } from '../case.js';
import { seedApp } from '../fixture/app.js';

/**
 * Conformance cases that do not run inside a host app, with the reason. Node's
 * HTTP parser refuses their requests before any framework or router sees
 * them: what answers is the server's clientErrorHandler, which belongs to the
 * app (a statuskit-only Fastify app passes `clientErrorHandler`, a host app
 * keeps Fastify's).
 */
export const NOT_IN_HOST: Readonly<Record<string, string>> = {
  R001: "a header name with a space: Node's parser refuses it before any router",
  R003: "Node answers Expect: nothing itself (417); the garbage after it is the parser's",
};

/**
 * Conformance cases that fail inside one adapter's host app on purpose, with
 * the reason: run as expected failures, so a fix shows up as a failure to
 * update this table.
 */
export const HOST_DIVERGENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  express: {
    B08: "the host's express.json() (1 MiB) reads and parses the body before statuskit and keeps no length: the kit's bodyLimit (1024 here) can only hold for what the core reads; give express.json() the kit's limit (express.json({ limit: kit.options.bodyLimit }))",
  },
};

function targets(step: Step): string[] {
  switch (step.kind) {
    case 'request':
    case 'poll':
      return [step.request.path];
    case 'head':
      return [step.path];
    case 'raw':
      return [step.request.target];
    case 'concurrent':
      return step.steps.flatMap(targets);
  }
}

/**
 * The conformance cases that run inside a host app: every request goes to a
 * path the suite app's kit owns, a body parser may run (the host has one),
 * and Node's parser does not refuse the request first ({@link NOT_IN_HOST}).
 */
export function casesInHost(all: readonly ConformanceCase[]): ConformanceCase[] {
  return all.filter((c) => {
    if (c.id in NOT_IN_HOST || c.bodyParsers?.includes(true) === false) return false;
    const seed = seedApp({ ...c.app, policy: 'rest' });
    const kit = createStatuskit(seed.routes, seed.options);
    return c.steps.flatMap(targets).every((target) => kit.owns(target));
  });
}
