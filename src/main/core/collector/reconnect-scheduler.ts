import { Backoff } from './backoff'
import type { ConnectBudget } from './connect-budget'
import type { CollectorTimings } from './timings'

export interface ReconnectOptions {
  timings: CollectorTimings
  /** Shared across restarts of one collector, so a restart cannot reset Bybit's connection limit. */
  budget: ConnectBudget
  random?: () => number
  /** Runs when a scheduled wait ends (or is cut short): the owner opens the next connection. */
  attempt: () => void
}

/**
 * When the next connection attempt happens: capped backoff with jitter, the rolling connect budget,
 * and a floor the last refusal asked for (Retry-After). One pending attempt at a time.
 */
export class ReconnectScheduler {
  private readonly backoff: Backoff
  private timer: NodeJS.Timeout | null = null
  /** The next wait lasts at least this long (Retry-After, a refused upgrade). */
  private floorMs = 0
  private skip = false
  private nextAtValue: number | null = null
  private attempts = 0

  constructor(private readonly o: ReconnectOptions) {
    this.backoff = new Backoff({
      baseMs: o.timings.backoffBaseMs,
      capMs: o.timings.backoffCapMs,
      minMs: o.timings.backoffMinMs,
      random: o.random
    })
  }

  /** Attempts that followed a wait (the first connection is not a reconnect). */
  get count(): number {
    return this.attempts
  }

  get nextAt(): number | null {
    return this.nextAtValue
  }

  get waiting(): boolean {
    return this.timer !== null
  }

  get budget(): ConnectBudget {
    return this.o.budget
  }

  /** 0: connect now (the attempt is charged to the budget); else how long until the budget allows one. */
  admit(): number {
    const wait = this.o.budget.take()
    if (wait === 0) this.nextAtValue = null
    return wait
  }

  /** The server asked for a pause (Retry-After, 429): the next wait is at least `ms`. */
  holdOff(ms: number): void {
    this.floorMs = ms
  }

  /** The next wait skips the backoff (a user's request, resume from sleep); a floor still applies. */
  skipBackoff(skip: boolean): void {
    this.skip = skip
  }

  /** The connection lived long enough and subscribed: the next failure backs off from scratch. */
  stable(): void {
    this.backoff.reset()
  }

  /** Arms the next attempt: in `delay` ms, at `at`. */
  schedule(floorMs = 0): { delay: number; at: number } {
    const delay = Math.max(floorMs, this.floorMs, this.skip ? 0 : this.backoff.next())
    this.skip = false
    this.floorMs = 0
    const at = Date.now() + delay
    this.nextAtValue = at
    this.timer = setTimeout(() => {
      this.timer = null
      this.fire()
    }, delay)
    return { delay, at }
  }

  /** Cuts a pending wait short; false when none was pending. */
  hurry(): boolean {
    if (!this.timer) return false
    this.cancel()
    this.fire()
    return true
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** Stopped: no attempt is coming. */
  clear(): void {
    this.cancel()
    this.nextAtValue = null
  }

  private fire(): void {
    this.attempts++
    this.o.attempt()
  }
}
