import { describe, expect, it } from 'vitest';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { internal, request } from '../test-helpers.js';

describe('exchange.finishAfter', () => {
  function fakeResponse(state: { closed?: boolean; destroyed?: boolean } = {}) {
    const listeners: Array<() => void> = [];
    return {
      ...state,
      listeners,
      once(_event: 'close', listener: () => void) {
        listeners.push(listener);
        return this;
      },
    };
  }

  async function committed(tasks: number) {
    let ran = 0;
    const route = defineRoute({ method: 'POST', path: '/t' }, ({ background }) => {
      for (let i = 0; i < tasks; i++) background.add(() => void ran++);
      return { ok: true };
    });
    const exchange = internal(await createStatuskit([route]).dispatch(request('POST', '/t')));
    exchange.commit();
    return { exchange, ran: () => ran };
  }

  it('finishes at once, with no listener, when no background task waits', async () => {
    const { exchange } = await committed(0);
    const res = fakeResponse();
    exchange.finishAfter(res);
    expect(exchange.state).toBe('finished');
    expect(res.listeners).toHaveLength(0);
  });

  it('runs the tasks only when the response closes', async () => {
    const { exchange, ran } = await committed(2);
    const res = fakeResponse();
    exchange.finishAfter(res);
    expect(exchange.state).toBe('committed');
    expect(res.listeners).toHaveLength(1);
    res.listeners[0]!();
    await new Promise<void>((r) => setTimeout(() => r(), 0));
    expect([exchange.state, ran()]).toEqual(['finished', 2]);
  });

  it('runs them at once when the response has already closed or was destroyed', async () => {
    for (const state of [{ closed: true }, { destroyed: true }]) {
      const { exchange, ran } = await committed(1);
      const res = fakeResponse(state);
      exchange.finishAfter(res);
      await new Promise<void>((r) => setTimeout(() => r(), 0));
      expect([exchange.state, ran(), res.listeners.length]).toEqual(['finished', 1, 0]);
    }
  });

  it('resolves once the tasks have run, async ones too, and never rejects', async () => {
    let done = false;
    const route = defineRoute({ method: 'POST', path: '/t' }, ({ background }) => {
      background.add(async () => {
        await new Promise<void>((r) => setTimeout(r, 1));
        done = true;
      });
      background.add(() => {
        throw new Error('reported, not rejected');
      });
      return null;
    });
    const kit = createStatuskit([route], { onBackgroundError: () => {} });
    const exchange = internal(await kit.dispatch(request('POST', '/t')));
    exchange.commit();
    const res = fakeResponse();
    const finished = exchange.finishAfter(res);
    res.listeners[0]!();
    await finished;
    expect(done).toBe(true);
    // A second call is a refused transition: swallowed, still resolves.
    await expect(exchange.finishAfter(fakeResponse({ closed: true }))).resolves.toBeUndefined();
  });
});
