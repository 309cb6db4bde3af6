// The collector logs `Total trades for SYMBOL: N` with each stored trade; a change made to storage
// from outside the ingest path (Clear storage, a smaller limit) would leave that line stale until the
// next trade. These two calls bracket such a change and write the new total of every symbol it moved.

import { NamedLog, type RingLog } from '../log/engine-log'
import type { TradeStorage } from '../storage/trade-storage'
import { COLLECTOR_NAME } from './options'

/** Trades held per `category:symbol`, taken before the change. */
export type StorageTotals = Map<string, number>

const keyOf = (category: string, symbol: string): string => `${category}:${symbol}`

export function storageTotals(storage: TradeStorage): StorageTotals {
  return new Map(storage.symbolCounts().map((c) => [keyOf(c.category, c.symbol), c.count]))
}

/** Writes the collector's `Total trades for SYMBOL: N` (INFO) for every symbol whose count differs from `before`. */
export function logChangedTotals(log: RingLog, storage: TradeStorage, before: StorageTotals): void {
  const collectorLog = new NamedLog(log, COLLECTOR_NAME)
  for (const { category, symbol, count } of storage.symbolCounts()) {
    if ((before.get(keyOf(category, symbol)) ?? 0) !== count) collectorLog.info(`Total trades for ${symbol}: ${count}`)
  }
}
