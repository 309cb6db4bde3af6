// Wire shapes of the durable tier (the DuckDB file in the data dir): its stats, the history
// summary and the range query. Field names are the REST API's, as in dto.ts.

import type { Category, ErrorInfo } from './dto'

/**
 * `off`: --no-persist (memory only). `opening`: the file is being opened or loaded.
 * `ok`: writing. `failing`: the last write or open failed (see `last_error`); trades keep
 * being collected into memory and each one that could not be written is counted in `not_persisted`.
 */
export type PersistState = 'off' | 'opening' | 'ok' | 'failing'

export interface PersistStats {
  state: PersistState
  data_dir: string | null
  /** The database file (absolute path), null when off. */
  file: string | null
  file_bytes: number
  /** Trades written to disk by this engine since it started. */
  persisted: number
  /** Trades that could not be written (queue full, disk full, read-only, locked, corrupt): counted, never silent. */
  not_persisted: number
  /** Trades offered but already on disk (same category, symbol, trade id): stored once. */
  duplicates_skipped: number
  queue_depth: number
  queue_capacity: number
  /** Age (ms) of the oldest trade waiting in the queue; 0 when it is empty. */
  lag_ms: number
  /** Rows written per second over the last few seconds. */
  write_rate: number
  /** Exchange time of the newest trade on disk. */
  newest_persisted_timestamp: number | null
  rows_on_disk: number
  oldest_timestamp: number | null
  retention: { days: number; gb: number; deleted: number; last_run_at: number | null }
  last_error: ErrorInfo | null
}

export interface HistorySymbol {
  category: Category
  symbol: string
  /** Rows on disk for this symbol. */
  stored: number
  first_timestamp: number | null
  last_timestamp: number | null
  /** Estimated share of the file (bytes). */
  bytes: number
  /** Trades of this symbol waiting in the write queue. */
  pending: number
  lag_ms: number
}

export interface HistoryResponse {
  persist: PersistStats
  symbols: HistorySymbol[]
}

/** A bounded time range of `/collectors/trades`, `trades.csv` and `trades.parquet` (epoch ms, inclusive). */
export interface TradeRange {
  symbol?: string
  from?: number
  to?: number
  limit?: number
}
