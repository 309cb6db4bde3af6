import type { Trade } from '../trade'
import { MinuteWindow } from './minute-window'
import { TradeAmounts } from './trade-amounts'
import { TradeSums } from './trade-sums'

/** One reused parse buffer: storage runs on one thread, and each call finishes with it. */
const scratch = new TradeAmounts()

/**
 * A symbol's exact sums, kept incrementally: over the trades held (a store adds, an eviction takes
 * the evicted trade out, Clear storage empties) and over the last minute of stores.
 */
export class SymbolSums {
  readonly held = new TradeSums()
  readonly lastMinute = new MinuteWindow()
  /** Trades ever stored and ever evicted in this ring (Clear storage leaves both): per-symbol rates and evictions. */
  storedTotal = 0
  evictedTotal = 0

  stored(trade: Trade): void {
    this.storedTotal++
    const a = scratch.read(trade)
    this.held.apply(a, 1)
    this.lastMinute.add(a, trade.receivedAt)
  }

  evicted(trade: Trade): void {
    this.evictedTotal++
    this.held.apply(scratch.read(trade), -1)
  }

  clear(): void {
    this.held.reset()
    this.lastMinute.clear()
  }
}
