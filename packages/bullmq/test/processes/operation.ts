// The operation of the multi-process test, imported by the app instances and
// the workers alike (its name, `mp`, ties a job to this work). Each run writes
// `start <id> <pid>` and `end <id> <pid>` lines to the worker's own file, so
// the test counts runs without Redis (which it stops on purpose).
import { appendFileSync } from 'node:fs';
import { defineOperation } from '@statuskit/core';
import { z } from 'zod';
import { delay } from '../fixture.js';

/** `POST /mp {"ms": N}`: takes N ms, answers 201 `{ ms, pid }` (the pid of the worker that ran it). */
export function mpOperation(runLog?: string) {
  const note = (line: string): void => {
    if (runLog !== undefined) appendFileSync(runLog, `${line} ${process.pid}\n`);
  };
  return defineOperation(
    {
      name: 'mp',
      method: 'POST',
      path: '/mp',
      status: 201,
      request: { body: z.object({ ms: z.int().min(0).max(30_000) }) },
      response: z.object({ ms: z.int(), pid: z.int() }),
    },
    async ({ id, body, signal }) => {
      note(`start ${id}`);
      await delay(body.ms, signal);
      note(`end ${id}`);
      return { ms: body.ms, pid: process.pid };
    },
  );
}
