import type { Category, CloseInfo, CollectorPhase, ErrorInfo } from '../../../shared/dto'
import type { ALL_SYMBOLS } from '../../../shared/markets'
import type { EngineLog, EngineTasks } from '../engine-facade'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import type { CollectorIdentity } from './collector-status'
import type { ConnectBudget } from './connect-budget'
import type { GapTracker } from './gaps'
import type { CollectorTimings } from './timings'

/** One category a collector collects: its stream URL and symbols, or every listed symbol (`ALL`). */
export interface MarketSpec {
  category: Category
  url: string
  symbols: readonly string[] | typeof ALL_SYMBOLS
}

/**
 * A collector's recipe: what it collects and the engine parts it uses. Listeners go on its events.
 * `category`, `url` and `symbols` describe the first market; `markets` (when given) lists them all.
 */
export interface CollectorConfig extends CollectorIdentity {
  markets?: readonly MarketSpec[]
  /** The manager's single storage instance; a collector never makes its own. */
  storage: TradeStorage
  gaps: GapTracker
  log: EngineLog
  tasks: EngineTasks
  timings: CollectorTimings
  random?: () => number
  /** The proxy setting: '' the environment's (HTTPS_PROXY…), `none`, or a proxy URL (`--proxy`). */
  proxy?: string
  /** Shared across restarts of the same collector so a restart cannot reset Bybit's connection limit. */
  connectBudget?: ConnectBudget
}

export interface CollectorEvents {
  /** Every phase change, in order (tests assert exact sequences; the UI samples `status` instead). */
  phase: [phase: CollectorPhase]
  /** Every error the status records as `last_error`: socket failures and the collector's own verdicts. */
  error: [error: ErrorInfo]
  /** Every connection's end. */
  close: [close: CloseInfo]
  /** Every raw frame, before parsing (`--record`). */
  frame: [text: string]
  /** Every newly stored trade, live or backfilled (the engine's event batcher). */
  trade: [trade: Trade]
}
