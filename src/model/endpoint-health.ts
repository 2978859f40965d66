import { ModelFatalError } from '../errors.js';

/** Failures in a row that mark an endpoint dead when it never answered (refused, DNS, TLS, timeouts). */
const DEAD_AFTER = 3;
/** After it did answer: refused connections in a row, with no success for this long, mark it dead. */
const DEAD_LATER_AFTER = 12;
const DEAD_LATER_QUIET_MS = 30_000;

/**
 * Whether the endpoint can be reached at all, shared by every request to it in the process. A dead
 * endpoint (connection refused, DNS or TLS failure, or every request timing out, with no success)
 * stops the run within seconds with one message, instead of a failure line per paper.
 */
export class EndpointHealth {
  private everSucceeded = false;
  private lastSuccess = 0;
  private unreachableInRow = 0;
  private timeoutsInRow = 0;
  private dead: ModelFatalError | null = null;

  constructor(private readonly endpoint: string) {}

  /** Throws the fatal error once the endpoint is known to be dead. */
  check(): void {
    if (this.dead) throw this.dead;
  }

  succeeded(): void {
    this.everSucceeded = true;
    this.lastSuccess = Date.now();
    this.unreachableInRow = 0;
    this.timeoutsInRow = 0;
  }

  /** A request gave up on an unreachable endpoint that never answered: it is dead. */
  gaveUp(f: { reason: string; unreachable: boolean; timeout: boolean }): void {
    if (this.everSucceeded || !(f.unreachable || f.timeout)) return;
    this.declareDead(f.reason);
  }

  /** A transient failure; throws when it shows the endpoint is dead. */
  failed(f: { reason: string; unreachable: boolean; timeout: boolean }): void {
    if (f.unreachable) this.unreachableInRow++;
    if (f.timeout) this.timeoutsInRow++;
    const tls = f.reason.startsWith('TLS');
    const quiet = Date.now() - this.lastSuccess > DEAD_LATER_QUIET_MS;
    const dead = this.everSucceeded
      ? this.unreachableInRow >= DEAD_LATER_AFTER && quiet
      : tls || this.unreachableInRow >= DEAD_AFTER || this.timeoutsInRow >= DEAD_AFTER;
    if (dead) this.declareDead(f.reason);
  }

  private declareDead(reason: string): never {
    this.dead = new ModelFatalError(`cannot reach ${this.endpoint}: ${reason}: run \`litrev doctor\``, {
      hint: 'check OPENAI_BASE_URL / --base-url and that the server is running',
    });
    throw this.dead;
  }
}

const registry = new Map<string, EndpointHealth>();

/** The process's health record of an endpoint. */
export function healthOf(endpoint: string): EndpointHealth {
  let h = registry.get(endpoint);
  if (!h) registry.set(endpoint, (h = new EndpointHealth(endpoint)));
  return h;
}
