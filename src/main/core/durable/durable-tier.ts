// The durable tier's face to the rest of the engine. The DuckDB implementation lives beside it;
// the engine, the HTTP routes and the checklist see only this.

import type { HistoryResponse, PersistStats, TradeRange } from '../../../shared/dto-durable'
import type { DuckDBConnection } from '@duckdb/node-api'
import type { TradeChunk } from '../storage/trade-chunk'
import type { Trade } from '../trade'
import type { GapMark, OpenGapRow } from './gap-ledger'

export interface LastPersisted {
  category: string
  symbol: string
  /** Exchange time of the newest trade on disk for this symbol. */
  timestamp: number
  tradeId: string
}

export interface DurableTier {
  /**
   * Queues a stored trade for writing. Never blocks ingest, never throws: a full queue or a
   * failing disk counts the trade in `not_persisted`. `packed`/`slot`: a ring chunk holding the same
   * trade already packed (the storage's `onStored`), copied instead of packed again.
   */
  enqueue(trade: Trade, packed?: TradeChunk, slot?: number): void
  stats(now?: number): PersistStats
  history(now?: number): Promise<HistoryResponse>
  /** Newest first, at most `limit`, from disk (inclusive range). */
  range(q: TradeRange): Promise<Trade[]>
  /** Oldest first, streamed in batches: the CSV export over a range. */
  exportRange(q: TradeRange): AsyncIterable<Trade[]>
  /** Writes a Parquet file of the range to `file` (DuckDB COPY … TO); resolves with its row count. */
  exportParquet(q: TradeRange, file: string): Promise<number>
  /** Up to `count` newest trades of one symbol on disk, oldest first: loaded into the rings at start. */
  newestOf(category: string, symbol: string, count: number): Promise<Trade[]>
  /** The newest trade on disk per symbol: where each restart gap begins. */
  lastPersisted(): Promise<LastPersisted[]>
  /**
   * Records a gap opening or ending in the file's gap ledger (gap-ledger.ts), in step with the
   * trades queued around it: an open before any trade queued after it, an end only once every trade
   * queued before it is on disk.
   */
  markGap(mark: GapMark): void
  /** Gaps whose backfill never reached the disk (a crash, or trades given up): oldest first. */
  openGaps(): Promise<OpenGapRow[]>
  /** Runs `fn` on a connection of its own to the database file (the forwarder's cursor table: publish-cursors.ts). */
  query<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>
  /** Writes what is queued (bounded wait), then closes the file. */
  close(): Promise<void>
}
