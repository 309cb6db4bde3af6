import type { TradeAmounts } from './trade-amounts'
import { TradeSums } from './trade-sums'

export const WINDOW_SECONDS = 60

/**
 * Sums of the trades stored in the last minute by local receipt time, in one-second buckets: the
 * window is the current second and the 59 before it. Receipt time, not exchange time: it only
 * moves forward, so a replayed capture, a skewed exchange clock or a backfill (counted when it
 * arrives) still lands in the window. Memory is 60 buckets whatever the rate; the hot path adds
 * into one bucket, and reading sums the live ones.
 */
export class MinuteWindow {
  private readonly seconds = new Array<number>(WINDOW_SECONDS).fill(-Infinity)
  private readonly buckets = Array.from({ length: WINDOW_SECONDS }, () => new TradeSums())

  add(a: TradeAmounts, receivedAt: number): void {
    const second = Math.floor(receivedAt / 1000)
    const i = ((second % WINDOW_SECONDS) + WINDOW_SECONDS) % WINDOW_SECONDS
    if (this.seconds[i] !== second) {
      if (second < this.seconds[i]) return // older than the window already
      this.buckets[i].reset()
      this.seconds[i] = second
    }
    this.buckets[i].apply(a, 1)
  }

  /** The window's sums as of `now` (epoch ms). */
  sums(now: number, into = new TradeSums()): TradeSums {
    const current = Math.floor(now / 1000)
    for (let i = 0; i < WINDOW_SECONDS; i++) {
      const s = this.seconds[i]
      if (s > current - WINDOW_SECONDS && s <= current) into.merge(this.buckets[i])
    }
    return into
  }

  clear(): void {
    this.seconds.fill(-Infinity)
    for (const b of this.buckets) b.reset()
  }
}
