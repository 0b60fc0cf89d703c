import type { AdapterUnderTest } from '../src/adapter.js';
import { type Faults, serve } from './node-http-adapter.js';

// The reference adapter with one bug each: the suite must catch every one.

function broken(name: string, faults: Faults): AdapterUnderTest {
  return { name, start: (kit, options) => serve(kit, options, faults) };
}

/** Adds `; charset=utf-8` to JSON, as some frameworks do by default. */
export const charset: AdapterUnderTest = broken('charset', {
  headers: (headers) =>
    headers.map(([n, v]) =>
      n === 'content-type' && v === 'application/json' ? [n, `${v}; charset=utf-8`] : [n, v],
    ),
});

/** Drops content-length on HEAD answers. */
export const headWithoutLength: AdapterUnderTest = broken('head-without-length', {
  headers: (headers, method) =>
    method === 'HEAD' ? headers.filter(([n]) => n !== 'content-length') : headers,
});

/** Runs background tasks before it writes the response. */
export const tasksFirst: AdapterUnderTest = broken('tasks-first', { tasksFirst: true });

/** Never runs background tasks. */
export const noFinish: AdapterUnderTest = broken('no-finish', { noFinish: true });

/** Lets "the framework" answer unknown routes with its own HTML 404. */
export const nativeNotFound: AdapterUnderTest = broken('native-404', { nativeNotFound: true });

/** Its body parser stops at 100 KiB, like express.json() by default. */
export const smallParser: AdapterUnderTest = broken('small-parser', { parserLimit: 100 * 1024 });

/** Never answers. */
export const hang: AdapterUnderTest = broken('hang', { hang: true });
