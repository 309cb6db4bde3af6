import type { ProcessMetric } from '../../../shared/dto'
import type { ChooseFile } from '../durable/file-export'
import type { CollectorTimings } from '../collector/timings'
import type { ForwardBacklog } from '../forward/forward-backlog'
import type { ForwardConfig } from '../forward/forward-config'
import type { LogLevelName } from '../log/engine-log'
import type { PersistOptions } from './persistence'
import type { PublisherIntervals } from '../publisher'
import type { EngineContext } from './context'
import type { StorageOptions, TradeStorage } from '../storage/trade-storage'

export const COLLECTOR_NAME = 'bybit_trades'

/**
 * Seams for tests that must build a broken engine on purpose. Never set by the app, the CLIs or
 * the desktop glue: there is no flag, setting or environment variable behind them.
 */
export interface EngineInternals {
  /**
   * Test-only: the storage handed to the collectors instead of the manager's own, so the
   * checklist's storage items can be seen failing. `null`: the collectors hold no storage at all
   * (such an engine must not be started: the first frame would have nowhere to go).
   */
  collectorStorage?: TradeStorage | null
}

export interface EngineOptions {
  mode?: 'electron' | 'headless'
  version?: string
  /** Print log lines to stdout (headless CLI). Default false (tests, Electron). */
  stdoutLog?: boolean
  logCapacity?: number
  /** Lowest level printed to stdout (`--log-level`); every level is kept for the UI. Default info. */
  logLevel?: LogLevelName
  /** Collector time constants; tests shorten heartbeat, timeouts and backoff here. */
  timings?: Partial<CollectorTimings>
  /** Event cadences (trades ≥ 50 ms); `gaps` and `health` changes are looked for at the status cadence. */
  intervals?: Partial<PublisherIntervals>
  /** Most trades per `trades` event; the rest are counted (`mdm_event_trades_dropped_total`). */
  maxTradesPerBatch?: number
  /** Storage housekeeping cadence. Default 30 s. */
  cleanupIntervalMs?: number
  rawFrames?: StorageOptions['rawFrames']
  /** Distinct (category, symbol) rings the storage keeps (default 150); many-symbol tests and benches raise it. */
  maxSymbols?: number
  /** Backoff jitter source (tests pin it). */
  random?: () => number
  /** Resource sampling cadence for the live charts. Default 2 s. */
  resourceIntervalMs?: number
  /** Per-process metrics from the host (Electron: `app.getAppMetrics()`), shown beside this process's. */
  processMetrics?: () => ProcessMetric[]
  /** The desktop app's save dialog for Export (null/absent: saving to a file is refused, as in serve). */
  chooseExportFile?: ChooseFile
  /** Forward every stored trade to NATS JetStream (--publish); null/absent: off. */
  publish?: ForwardConfig | null
  /** The durable outbox behind forwarding (the cursor and the trades on disk); absent: the in-memory outbox only. */
  publishBacklog?: (ctx: EngineContext) => ForwardBacklog | null
  /**
   * The data dir and the durable tier in it (Settings → persist turns it on and off); absent: memory
   * only, whatever the settings say (tests, doctor).
   */
  persist?: PersistOptions
  /** The folder the host writes the log file into (DATA_DIR/logs); null or absent: no log file. */
  logFolder?: string | null
  /** Test-only wiring faults; see `EngineInternals`. */
  internals?: EngineInternals
}
