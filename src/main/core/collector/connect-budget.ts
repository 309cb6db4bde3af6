/**
 * Bybit: "Do not build over 500 connections in 5 minutes" per WebSocket domain. A rolling window
 * of connection attempts; when it is spent the collector waits for the oldest attempt to age out.
 */
export class ConnectBudget {
  private readonly attempts: number[] = []

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now
  ) {}

  /** Records an attempt and returns 0, or returns how long to wait before one is allowed (nothing recorded). */
  take(): number {
    const t = this.now()
    this.expire(t)
    if (this.attempts.length < this.limit) {
      this.attempts.push(t)
      return 0
    }
    return Math.max(1, this.attempts[0] + this.windowMs - t)
  }

  get used(): number {
    this.expire(this.now())
    return this.attempts.length
  }

  snapshot(): { used: number; limit: number; window_s: number } {
    return { used: this.used, limit: this.limit, window_s: Math.round(this.windowMs / 1000) }
  }

  private expire(t: number): void {
    while (this.attempts.length > 0 && this.attempts[0] <= t - this.windowMs) this.attempts.shift()
  }
}
