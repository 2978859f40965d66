import { afterEach, describe, expect, it, vi } from 'vitest';
import { BudgetError, ModelFatalError } from '../../src/errors.js';
import { CostGuard } from '../../src/model/cost-guard.js';
import { EndpointHealth } from '../../src/model/endpoint-health.js';

/** The two guards a run relies on, at their edges: the budget's last cent, the failure that makes an endpoint dead. */
describe('--max-cost', () => {
  const refusal = (f: () => unknown): BudgetError => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(BudgetError);
      expect((err as BudgetError).hint).toBe('raise --max-cost, or re-run: answers already received are cached and cost nothing again');
      return err as BudgetError;
    }
    throw new Error('the request was allowed');
  };

  it('allows a request that brings the total exactly to the budget, and refuses the next cent', () => {
    const guard = new CostGuard(0.5, () => 0.25);
    guard.reserve(0.25);
    expect(refusal(() => guard.reserve(0.01)).message).toBe('spent $0.2500 of the $0.5 budget (--max-cost): the next request (about $0.0100) would exceed it');
  });

  it('once the budget is spent: "no further requests"', () => {
    expect(refusal(() => new CostGuard(0.5, () => 0.5).reserve(0.001)).message).toBe('spent $0.5000 of the $0.5 budget (--max-cost): no further requests');
    expect(refusal(() => new CostGuard(0.5, () => 0.7).reserve(0.001)).message).toMatch(/spent \$0.7000 of the \$0.5 budget .*: no further requests$/);
  });

  it('a request in flight holds its estimate until it ends; ending it twice frees it once', () => {
    const guard = new CostGuard(1, () => 0);
    const first = guard.reserve(0.6);
    refusal(() => guard.reserve(0.6));
    first();
    const second = guard.reserve(0.6);
    first();
    refusal(() => guard.reserve(0.6));
    second();
    guard.reserve(1);
  });

  it('without --max-cost, or without a known price, nothing is refused and nothing is held', () => {
    const free = new CostGuard(undefined, () => 1e9);
    for (let i = 0; i < 3; i++) free.reserve(1e9);
    const unpriced = new CostGuard(0.01, () => 0);
    for (let i = 0; i < 3; i++) unpriced.reserve(null);
    unpriced.reserve(0.01);
  });
});

describe('endpoint health', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const refused = { reason: 'connection error (ECONNREFUSED)', unreachable: true, timeout: false };
  const timedOut = { reason: 'request timed out', unreachable: false, timeout: true };
  const http500 = { reason: 'HTTP 500', unreachable: false, timeout: false };
  /** How many failures in a row it takes to be judged dead (Infinity: not within 100). */
  const failuresToDeath = (health: EndpointHealth, failure: typeof refused): number => {
    for (let n = 1; n <= 100; n++) {
      try {
        health.failed(failure);
      } catch (err) {
        expect(err).toBeInstanceOf(ModelFatalError);
        return n;
      }
    }
    return Infinity;
  };

  it('never answered: dead after 3 refused connections, or 3 timeouts, in a row; at once on a TLS failure; never on HTTP errors', () => {
    expect(failuresToDeath(new EndpointHealth('http://e/v1'), refused)).toBe(3);
    expect(failuresToDeath(new EndpointHealth('http://e/v1'), timedOut)).toBe(3);
    expect(failuresToDeath(new EndpointHealth('http://e/v1'), { reason: 'TLS failure (CERT_HAS_EXPIRED)', unreachable: true, timeout: false })).toBe(1);
    expect(failuresToDeath(new EndpointHealth('http://e/v1'), { reason: 'a TLS-looking word later', unreachable: false, timeout: false })).toBe(Infinity);
    expect(failuresToDeath(new EndpointHealth('http://e/v1'), http500)).toBe(Infinity);
  });

  it('an answer resets the count', () => {
    const health = new EndpointHealth('http://e/v1');
    health.failed(timedOut);
    health.failed(timedOut);
    vi.useFakeTimers({ toFake: ['Date'] });
    health.succeeded();
    vi.setSystemTime(Date.now() + 60_000);
    health.failed(timedOut);
    health.failed(timedOut);
    expect(failuresToDeath(health, timedOut)).toBe(Infinity);
  });

  it('answered before: dead after 12 refused connections in a row only once 30 s passed without an answer', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const health = new EndpointHealth('http://e/v1');
    health.succeeded();
    vi.setSystemTime(Date.now() + 30_000);
    expect(failuresToDeath(health, refused)).toBe(Infinity);
    const later = new EndpointHealth('http://e/v1');
    later.succeeded();
    vi.setSystemTime(Date.now() + 30_001);
    expect(failuresToDeath(later, refused)).toBe(12);
  });

  it('dead: one message naming the endpoint and the reason, with what to check; every later request is stopped with it', () => {
    const health = new EndpointHealth('http://e/v1');
    health.check();
    let dead: ModelFatalError | undefined;
    try {
      health.gaveUp(refused);
    } catch (err) {
      dead = err as ModelFatalError;
    }
    expect(dead).toMatchObject({ message: 'cannot reach http://e/v1: connection error (ECONNREFUSED): run `litrev doctor`', hint: 'check OPENAI_BASE_URL / --base-url and that the server is running', exitCode: 2 });
    expect(() => health.check()).toThrow(dead);
  });

  const deadNow = (health: EndpointHealth) => expect(() => health.failed({ ...refused, reason: 'TLS failure (CERT_HAS_EXPIRED)' })).toThrow(ModelFatalError);

  it('a request made after the verdict tries the endpoint again only once no other request is out', () => {
    const health = new EndpointHealth('http://e/v1');
    health.begin();
    deadNow(health);
    expect(health.isDead).toBe(true);
    const later = health.ticket();
    health.begin(later);
    expect(() => health.check()).toThrow(ModelFatalError);
    health.end();
    health.end();
    expect(health.out).toBe(0);
    const fresh = health.ticket();
    health.begin(fresh);
    expect(health.isDead).toBe(false);
    health.check();
  });

  it('a second failure after the verdict does not move it: a request made between the two is tried again', () => {
    const health = new EndpointHealth('http://e/v1');
    health.begin();
    health.begin();
    deadNow(health);
    const between = health.ticket();
    deadNow(health);
    health.end();
    health.end();
    health.begin(between);
    health.check();
  });

  it('failures in a row count across requests; requests out are counted, and each end is announced', () => {
    const health = new EndpointHealth('http://e/v1');
    const ended: number[] = [];
    health.onEnd(() => ended.push(health.out));
    health.begin();
    health.failed(refused);
    health.failed(refused);
    health.end();
    health.begin();
    expect(() => health.failed(refused)).toThrow(ModelFatalError);
    health.begin();
    expect(health.out).toBe(2);
    health.end();
    health.end();
    health.end();
    expect(health.out).toBe(0);
    expect(ended).toEqual([0, 1, 0, 0]);
  });

  it('giving up is fatal only for an endpoint that never answered and could not be reached', () => {
    const answered = new EndpointHealth('http://e/v1');
    answered.succeeded();
    answered.gaveUp(refused);
    answered.check();
    const http = new EndpointHealth('http://e/v1');
    http.gaveUp(http500);
    http.check();
    expect(() => new EndpointHealth('http://e/v1').gaveUp(timedOut)).toThrow(ModelFatalError);
  });
});
