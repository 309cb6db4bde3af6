import { MinuteWindow } from './minute-window'
import type { TradeAmounts } from './trade-amounts'
import { TradeSums } from './trade-sums'

/**
 * A symbol's exact sums, kept incrementally: over the trades held (a store adds, an eviction takes
 * the evicted trade out, Clear storage empties) and over the last minute of stores. The ring hands
 * in amounts it already holds as scaled integers: no string is parsed on eviction.
 */
export class SymbolSums {
  readonly held = new TradeSums()
  readonly lastMinute = new MinuteWindow()
  /** Trades ever stored in this ring (Clear storage leaves it): the per-symbol rate. */
  storedTotal = 0

  stored(a: TradeAmounts, receivedAt: number): void {
    this.storedTotal++
    this.held.apply(a, 1)
    this.lastMinute.add(a, receivedAt)
  }

  evicted(a: TradeAmounts): void {
    this.held.apply(a, -1)
  }

  clear(): void {
    this.held.reset()
    this.lastMinute.clear()
  }
}
