// Wire shapes shared by the engine, the REST mirror, IPC and the renderer.
// Field names are the REST API's (snake_case) so `curl` output, IPC payloads and
// UI state are the same objects. Timestamps are Unix epoch milliseconds.

import type { PersistStats } from './dto-durable'
import type { CollectorErrorCode } from './error-codes'
import type { LogCode } from './log-codes'
import type { StorageMemory, SymbolMemory } from './dto-storage-memory'
import type { ConnectionStatus, ListingStatus } from './dto-connections'

export type Category = 'spot' | 'linear' | 'inverse'
export const CATEGORIES: readonly Category[] = ['spot', 'linear', 'inverse']

export type Side = 'BUY' | 'SELL'

/** A trade as it leaves the engine: prices and sizes as exact decimal strings, never floats. */
export interface TradeDto {
  symbol: string
  side: Side
  price: string
  quantity: string
  /** Exchange match time (Bybit `T`). */
  timestamp: number
  /** Local receipt time. */
  received_at: number
  exchange: 'bybit'
  category: Category
  /** String: spot ids exceed 2^53. */
  trade_id: string
  seq?: number
  tick_direction?: string
  is_block_trade?: boolean
  is_rpi?: boolean
  /** True when the trade was recovered from REST after a gap. */
  backfilled?: boolean
}

/** The guide's words for a collector's state; finer phases live in `phase`. */
/** `paused`: collection paused by the user (the tray's Pause, `setCollectionPaused`); gaps are recorded. */
export type CollectorState = 'connecting' | 'connected' | 'reconnecting' | 'stale' | 'stopped' | 'paused'

export type CollectorPhase =
  'idle' | 'connecting' | 'open' | 'subscribing' | 'streaming' | 'stale' | 'backoff' | 'stopped' | 'paused'

export type TopicState = 'pending' | 'subscribed' | 'failed' | 'timeout'

export interface TopicStatus {
  topic: string
  symbol: string
  state: TopicState
  /** The exchange's refusal or the timeout, in its own words. */
  reason: string | null
  requested_at: number | null
  acked_at: number | null
  last_trade_at: number | null
  trades: number
  /** The topic's market and the connection (`linear.0`) that carries it. */
  category?: Category
  connection?: string
}

export interface ErrorInfo {
  code: CollectorErrorCode
  message: string
  at: number
}

export interface CloseInfo {
  code: number
  reason: string
  at: number
}

export interface LatencySummary {
  /** Interpolated within its bucket; null with no samples, or when it lies beyond the top bucket. */
  p50_ms: number | null
  p99_ms: number | null
  /** True when the quantile lies beyond the histogram's top bucket: it is only known to exceed `top_ms`. */
  p50_beyond_top: boolean
  p99_beyond_top: boolean
  /** The histogram's top finite bound (ms); slower observations land in the +Inf bucket. */
  top_ms: number
  /** The slowest observation seen, exact (null with no samples). */
  max_ms: number | null
  samples: number
}

export interface CollectorStatus {
  name: string
  status: CollectorState
  phase: CollectorPhase
  is_active: boolean
  exchange: 'bybit'
  category: Category
  url: string
  rest_url: string
  symbols: string[]
  subscriptions: TopicStatus[]
  messages_received: number
  trades_processed: number
  parse_errors: number
  trades_rejected: number
  duplicates_dropped: number
  last_message_at: number | null
  last_trade_at: number | null
  last_pong_at: number | null
  connected_since: number | null
  reconnect_count: number
  next_reconnect_at: number | null
  last_error: ErrorInfo | null
  last_close: CloseInfo | null
  messages_per_s: number
  trades_per_s: number
  latency: LatencySummary
  open_gaps: number
  /** Connection attempts in the rolling window vs the limit (Bybit: 500 per 5 minutes; we stop at `limit`). */
  connect_budget: { used: number; limit: number; window_s: number }
  /** The proxy of the last connection attempt, credentials redacted, with its source (`… (HTTPS_PROXY)`); null: direct. */
  proxy: string | null
  /** Every category collected (`category` is the first). */
  categories?: Category[]
  /** Every connection (one per category and shard): `status` above is the worst of theirs. */
  connections?: ConnectionStatus[]
  /** Instrument listings (`--symbols ALL`), per category; empty otherwise. */
  listings?: ListingStatus[]
}

export type HealthState = 'healthy' | 'degraded' | 'unhealthy'

export interface HealthReport {
  status: HealthState
  timestamp: number
  uptime_s: number
  /** Why the status is not healthy, in words; empty when healthy. */
  reasons: string[]
  collectors: Record<
    string,
    Pick<CollectorStatus, 'status' | 'is_active' | 'trades_processed' | 'last_message_at' | 'reconnect_count'>
  >
  storage: { total_trades: number; symbols: number; balanced: boolean }
}

export interface RawFrameStats {
  count: number
  bytes: number
  max_count: number
  max_bytes: number
}

/** Every trade received ends up in exactly one of these buckets. */
export interface Accounting {
  received: number
  stored: number
  evicted: number
  duplicates: number
  rejected: number
  cleared: number
  /** received === stored + evicted + duplicates + rejected + cleared */
  balanced: boolean
  /**
   * Of `received`, the trades loaded from the data dir at start (already on disk, not written again):
   * counted as received and stored, then evicted or cleared like any other.
   */
  loaded?: number
}

/**
 * Exact sums of a set of trades, as decimal strings (never floats; no trailing zeros).
 * `notional` is Σ price × size in the units the exchange quotes (for inverse contracts, price ×
 * contracts), and `vwap` is notional / (buy + sell volume), rounded half-even to four places past
 * the widest price seen; null when the volume is 0.
 */
export interface DecimalSums {
  trades: number
  buy_volume: string
  sell_volume: string
  notional: string
  vwap: string | null
}

/**
 * A symbol's sums over the trades storage holds now (kept as trades are stored, evicted and
 * cleared), and over the trades stored in the last minute by local receipt time (the current
 * second and the 59 before it, whether or not still held; Clear storage empties it too).
 */
export interface SymbolSums extends DecimalSums {
  last_minute: DecimalSums
}

export interface StorageStats {
  total_trades: number
  trades_by_symbol: Record<string, number>
  sums_by_symbol: Record<string, SymbolSums>
  max_trades_per_symbol: number
  max_symbols: number
  evicted: number
  duplicates_dropped: number
  rejected: number
  cleared: number
  raw_frames: RawFrameStats
  oldest_timestamp: number | null
  newest_timestamp: number | null
  accounting: Accounting
  /** The durable tier under the rings (state `off` with --no-persist). */
  persist?: PersistStats
  /** Trades evicted per symbol (by the per-symbol cap or the memory budget), since start. */
  evicted_by_symbol: Record<string, number>
  memory: StorageMemory
}

export interface TradesResponse {
  count: number
  trades: TradeDto[]
  /** Only with `from`/`to`: `memory` (the rings held the whole range) or `disk` (DuckDB, merged with the rings). */
  source?: 'memory' | 'disk'
}

export type TaskState = 'starting' | 'running' | 'idle' | 'backoff' | 'stopped' | 'failed'

export interface TaskInfo {
  name: string
  state: TaskState
  started_at: number | null
  last_activity_at: number | null
  restarts: number
  last_error: ErrorInfo | null
  detail: string | null
}

export interface TasksResponse {
  count: number
  tasks: Record<string, TaskInfo>
}

export interface CollectorStorageRef {
  storage_id: string
  is_manager_storage: boolean
  total_trades: number
}

/** `collector_<name>_storage` keys hold a CollectorStorageRef. */
export interface StorageDebug {
  manager_storage_id: string
  storage_class: string
  symbols: Record<string, { stored: number; capacity: number; dedupe_index: number }>
  /** Per (category:)symbol: what its columns take and what was evicted, by reason. */
  symbol_memory: Record<string, SymbolMemory>
  raw_frames: RawFrameStats
  last_cleanup_at: number | null
  storage_errors: number
  last_storage_error: ErrorInfo | null
  [collectorKey: `collector_${string}_storage`]: CollectorStorageRef
}

export type GapCause = 'disconnect' | 'stale' | 'restart' | 'resume' | 'pause'
export type BackfillOutcome = 'pending' | 'complete' | 'partial' | 'failed' | 'skipped'

export interface GapRecord {
  id: number
  collector: string
  /** The market of the symbol (absent in records from before several categories). */
  category?: Category
  symbol: string
  from: number
  to: number | null
  cause: GapCause
  backfill: BackfillOutcome
  /** Trades recovered from REST and stored. */
  recovered: number
  /** Trades known to be missing after backfill (a lower bound), null when unknown. */
  unrecovered: number | null
  detail: string | null
}

export interface GapsResponse {
  count: number
  gaps: GapRecord[]
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR'
/** Lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR']

export interface LogEntry {
  seq: number
  at: number
  level: LogLevel
  logger: string
  message: string
  code?: LogCode
}

export interface LogsResponse {
  count: number
  entries: LogEntry[]
}

/** One raw frame as the socket received it, before parsing. */
export interface RawFrameDto {
  received_at: number
  text: string
  /** The frame's size as the socket delivered it, in bytes. */
  bytes: number
}

/** The newest raw frames, oldest first, and the ring that holds them. */
export interface RawFramesResponse {
  count: number
  frames: RawFrameDto[]
  ring: RawFrameStats
}

/** One point of the live charts, produced by the engine once a second. */
export interface RateSample {
  at: number
  trades_per_s: number
  messages_per_s: number
  latency_p50_ms: number | null
  latency_p99_ms: number | null
  total_trades: number
}

export interface SamplesResponse {
  count: number
  samples: RateSample[]
}

export type MirrorState = 'off' | 'starting' | 'listening' | 'port_busy' | 'failed'

export interface MirrorStatus {
  state: MirrorState
  host: string
  port: number
  url: string | null
  error: string | null
}

export interface RuntimeInfo {
  app: 'market-data-monitor'
  version: string
  mode: 'electron' | 'headless'
  started_at: number
  node: string
  mirror: MirrorStatus
}

export interface ActionResult {
  ok: boolean
  message: string
}

export * from './dto-diagnostics'
export * from './dto-storage-memory'
export * from './dto-connections'
