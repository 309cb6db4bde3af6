/**
 * Client-side request budget: `capacity` tokens refilled at `refillPerSecond`. Bybit allows
 * 600 HTTP requests per 5 s per IP; we stay far below so a backfill storm can never trip the
 * "403 access too frequent" ban (which lasts 10 minutes).
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Takes a token; returns 0 when granted, else how many ms until one is available (nothing taken). */
  take(): number {
    this.refill()
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 0
    }
    return Math.ceil(((1 - this.tokens) / this.refillPerSecond) * 1000)
  }

  get available(): number {
    this.refill()
    return Math.floor(this.tokens)
  }

  private refill(): void {
    const t = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond)
    this.last = t
  }
}
