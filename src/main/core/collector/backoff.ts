export interface BackoffOptions {
  baseMs: number
  capMs: number
  /** Floor so that full jitter never turns into a tight reconnect loop. */
  minMs: number
  random?: () => number
}

/**
 * Capped exponential backoff with full jitter (AWS architecture blog's "Full Jitter"):
 * delay = random(0, min(cap, base · 2^attempt)), never below `minMs`. Reset by the owner only
 * after a stable period, so a connection that flaps right after the handshake keeps backing off.
 */
export class Backoff {
  private attempt = 0
  private readonly random: () => number

  constructor(private readonly opts: BackoffOptions) {
    this.random = opts.random ?? Math.random
  }

  get attempts(): number {
    return this.attempt
  }

  next(): number {
    const ceiling = Math.min(this.opts.capMs, this.opts.baseMs * 2 ** Math.min(this.attempt, 30))
    this.attempt++
    return Math.max(this.opts.minMs, Math.round(this.random() * ceiling))
  }

  reset(): void {
    this.attempt = 0
  }
}
