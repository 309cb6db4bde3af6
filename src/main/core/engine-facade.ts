// What the outer layers (the mirror, the Electron glue, the CLIs) may use of the engine.
// The engine in this folder implements it; nothing outside core reaches further in.

import type { ApiEventSource, ApiHandlers } from '../../shared/contract'
import type { ErrorInfo, LogLevel, MirrorStatus, TaskState, TradeDto } from '../../shared/dto'
import type { TradeRange } from '../../shared/dto-durable'
import type { LogCode } from '../../shared/log-codes'

export interface EngineLog {
  log(level: LogLevel, logger: string, message: string, code?: LogCode): void
}

/** A long-lived activity as `/debug/tasks` shows it; the owner reports on it, and disposes it. */
export interface TaskHandle {
  readonly name: string
  set(state: TaskState, detail?: string | null): void
  touch(): void
  fail(error: ErrorInfo): void
  restarted(): void
  dispose(): void
}

export interface EngineTasks {
  register(name: string, detail?: string | null): TaskHandle
}

export interface EngineFacade extends ApiEventSource {
  /** Server side of every contract call; input is already parsed by the caller (IPC or HTTP edge). */
  readonly handlers: ApiHandlers
  readonly logger: EngineLog
  readonly tasks: EngineTasks
  /** Starts every collector and the periodic tasks. Resolves once the sockets are being opened. */
  start(): Promise<void>
  /** Stops everything the engine owns: sockets, timers, listeners. Idempotent. */
  stop(): Promise<void>
  /** Prometheus text exposition format (version 0.0.4). */
  metricsText(): string
  /** Stored trades oldest first, for CSV export; `symbol` undefined: every symbol. */
  exportTrades(symbol?: string): Iterable<TradeDto>
  /** Trades of a time range, oldest first, in batches: from the rings when they hold it, else disk + rings. */
  exportTradeRange(q: TradeRange): AsyncIterable<TradeDto[]>
  /** Writes the range's Parquet file (DuckDB); an ApiError `persistence_off` under --no-persist. */
  exportParquet(q: TradeRange, file: string): Promise<number>
  /** The mirror reports its state here so `/debug/runtime`, the UI and the checklist can see it. */
  setMirrorStatus(status: MirrorStatus): void
}
