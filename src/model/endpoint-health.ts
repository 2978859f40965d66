import { ModelFatalError } from '../errors.js';

/** Failures in a row that mark an endpoint dead when it never answered (refused, DNS, TLS, timeouts). */
const DEAD_AFTER = 3;
/** After it did answer: refused connections in a row, with no success for this long, mark it dead. */
const DEAD_LATER_AFTER = 12;
const DEAD_LATER_QUIET_MS = 30_000;

/**
 * Whether the endpoint can be reached at all, shared by the requests of one gateway (one run, one
 * `ask` or `chat` session). A dead endpoint (connection refused, a connection error with no code, DNS
 * or TLS failure, or every request timing out, with no success) stops the run within seconds with one
 * message, instead of a failure line per paper.
 *
 * The verdict holds for the requests made before it was given. A request made after it, when no other
 * is out (the next chat turn, a later question in the same session), tries the endpoint again: a
 * local server restarted meanwhile is used, and a dead one is declared dead again after a few attempts.
 */
export class EndpointHealth {
  private everSucceeded = false;
  private lastSuccess = 0;
  private unreachableInRow = 0;
  private timeoutsInRow = 0;
  private dead: ModelFatalError | null = null;
  private active = 0;
  private readonly ended: (() => void)[] = [];
  private clock = 0;
  private deadAt = 0;

  constructor(private readonly endpoint: string) {}

  /** A number that orders requests and verdicts: take one when a request is made (before it waits for anything). */
  ticket(): number {
    return ++this.clock;
  }

  /**
   * A request made at `ticket` starts its attempts. A dead verdict given after it was made holds; one
   * given before it, with no other request out, is lifted: the endpoint is tried again.
   */
  begin(ticket: number = this.ticket()): void {
    if (this.dead && this.active === 0 && ticket > this.deadAt) {
      this.dead = null;
      this.unreachableInRow = 0;
      this.timeoutsInRow = 0;
    }
    this.active++;
  }

  /** A request is over (answered or failed for good). */
  end(): void {
    this.active = Math.max(0, this.active - 1);
    for (const listener of this.ended) listener();
  }

  /** Requests out now (between begin and end). */
  get out(): number {
    return this.active;
  }

  /** Call `listener` whenever a request is over. */
  onEnd(listener: () => void): void {
    this.ended.push(listener);
  }

  /** Whether the endpoint is judged dead now. */
  get isDead(): boolean {
    return this.dead !== null;
  }

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
    if (!this.dead) this.deadAt = ++this.clock;
    this.dead = new ModelFatalError(`cannot reach ${this.endpoint}: ${reason}: run \`litrev doctor\``, {
      hint: 'check OPENAI_BASE_URL / --base-url and that the server is running',
    });
    throw this.dead;
  }
}
