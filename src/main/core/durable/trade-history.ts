// Trades over a time range, from the hot tier (the rings) when it holds the whole range and from the
// durable tier (DuckDB) otherwise. A disk answer is merged with what the rings hold in the range, so
// trades still waiting in the write queue (or never written: a failing disk) are not missing from
// it; a trade held in both places is returned once.

import type { TradeRange } from '../../../shared/dto-durable'
import { ApiError } from '../../../shared/contract'
import { errorMessage } from '../../../shared/guards'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import type { DurableTier } from './durable-tier'

export type HistorySourceName = 'memory' | 'disk'

export interface HistorySources {
  storage: TradeStorage
  durable: DurableTier | null
}

const keyOf = (t: Trade): string => `${t.category}|${t.symbol}|${t.tradeId}`

const inRange = (t: Trade, q: TradeRange): boolean =>
  (q.from === undefined || t.timestamp >= q.from) && (q.to === undefined || t.timestamp <= q.to)

const newestFirst = (a: Trade, b: Trade): number => b.timestamp - a.timestamp || b.receivedAt - a.receivedAt
const oldestFirst = (a: Trade, b: Trade): number => -newestFirst(a, b)

/**
 * One pass over the rings (every symbol, or one): their trades in the range, in ring order, and
 * whether they hold every trade of the range. The oldest trade a ring holds (by arrival) is where its
 * complete history begins: older ones may have been evicted, cleared, or never loaded after a
 * restart. Trades of that very millisecond may have been evicted, hence `from` must lie after it.
 * Without a symbol the disk may hold symbols no ring knows, so only one symbol can be answered from
 * memory while a durable tier exists; without a durable tier the rings are all there is.
 */
export function readMemory(src: HistorySources, q: TradeRange): { trades: Trade[]; covers: boolean } {
  const trades: Trade[] = []
  const seenRings = new Set<string>()
  let covers = src.durable === null || (q.symbol !== undefined && q.from !== undefined)
  for (const t of src.storage.exportTrades(q.symbol)) {
    const ring = `${t.category}|${t.symbol}`
    if (!seenRings.has(ring)) {
      seenRings.add(ring)
      if (src.durable !== null && q.from !== undefined && q.from <= t.timestamp) covers = false
    }
    if (inRange(t, q)) trades.push(t)
  }
  if (src.durable !== null && seenRings.size === 0) covers = false
  return { trades, covers }
}

function diskUnreadable(err: unknown): ApiError {
  return new ApiError('unavailable', `the trades on disk could not be read: ${errorMessage(err)}`)
}

/** Newest first, at most `limit`, each trade once; `source` says where the answer came from. */
export async function queryRange(
  src: HistorySources,
  q: TradeRange & { limit: number }
): Promise<{ trades: Trade[]; source: HistorySourceName }> {
  const { trades: memory, covers } = readMemory(src, q)
  if (covers || src.durable === null) {
    // Reversed first: within one millisecond and one receipt, the last to arrive comes first, as in the rings' own query.
    return { trades: memory.reverse().sort(newestFirst).slice(0, q.limit), source: 'memory' }
  }
  let disk: Trade[]
  try {
    disk = await src.durable.range(q)
  } catch (err) {
    throw diskUnreadable(err)
  }
  const byKey = new Map<string, Trade>()
  for (const t of disk) byKey.set(keyOf(t), t)
  for (const t of memory) if (!byKey.has(keyOf(t))) byKey.set(keyOf(t), t)
  return { trades: [...byKey.values()].sort(newestFirst).slice(0, q.limit), source: 'disk' }
}

/**
 * The export over a range, oldest first, in batches. From memory when the rings hold the range;
 * otherwise the disk's rows, then the rings' trades of the range that are not on disk (yet) —
 * the write queue's and any that could not be written — so the file has every trade once.
 */
export async function* exportRange(src: HistorySources, q: TradeRange, batch = 2000): AsyncGenerator<Trade[]> {
  const { trades: memory, covers } = readMemory(src, q)
  if (covers || src.durable === null) {
    memory.sort(oldestFirst)
    for (let i = 0; i < memory.length; i += batch) yield memory.slice(i, i + batch)
    return
  }
  const notOnDisk = new Map<string, Trade>()
  for (const t of memory) notOnDisk.set(keyOf(t), t)
  const rows = src.durable.exportRange(q)[Symbol.asyncIterator]()
  for (;;) {
    let next: IteratorResult<Trade[]>
    try {
      next = await rows.next()
    } catch (err) {
      throw diskUnreadable(err)
    }
    if (next.done === true) break
    for (const t of next.value) notOnDisk.delete(keyOf(t))
    if (next.value.length > 0) yield next.value
  }
  const rest = [...notOnDisk.values()].sort(oldestFirst)
  for (let i = 0; i < rest.length; i += batch) yield rest.slice(i, i + batch)
}

/** Writes the range's Parquet file (DuckDB `COPY … TO`); refuses when there is no durable tier. */
export async function exportParquet(src: HistorySources, q: TradeRange, file: string): Promise<number> {
  if (src.durable === null) {
    throw new ApiError(
      'persistence_off',
      'Parquet export reads the trades on disk and no data dir is open: persistence is off (--no-persist) ' +
        'or the data dir could not be opened (see /collectors/history); trades.csv exports what memory holds'
    )
  }
  try {
    return await src.durable.exportParquet(q, file)
  } catch (err) {
    throw diskUnreadable(err)
  }
}
