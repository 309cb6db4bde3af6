import type { CollectorStatus, LogEntry, RateSample, StorageStats } from '../../shared/dto'
import type { TaskHandle } from './engine-facade'
import type { EventHub } from './events'
import type { Trade } from './trade'

export interface PublisherIntervals {
  /** Trades and log batches: one batch per tick (≥ 50 ms). */
  tradesMs: number
  statusMs: number
  statsMs: number
  sampleMs: number
}

export const DEFAULT_INTERVALS: PublisherIntervals = { tradesMs: 100, statusMs: 500, statsMs: 1000, sampleMs: 1000 }

/**
 * Batches events at the producer: trades and log entries are buffered (bounded) and go out once
 * per tick; status, stats and rate samples on slower timers. Nothing is buffered for an event
 * nobody listens to, so the hot path pays one `has()` check per stored trade when the UI is closed.
 */
export class EventPublisher {
  private trades: Trade[] = []
  private logs: LogEntry[] = []
  private timers: NodeJS.Timeout[] = []
  /** Trades left out of a batch by the cap: the UI tape skipped them, storage did not. */
  tradesDropped = 0
  logsDropped = 0

  constructor(
    private readonly hub: EventHub,
    private readonly intervals: PublisherIntervals,
    private readonly maxTradesPerBatch: number,
    private readonly task: TaskHandle,
    private readonly sources: {
      status: () => CollectorStatus[]
      stats: () => StorageStats
      sample: () => RateSample
    }
  ) {}

  pushTrade(t: Trade): void {
    if (!this.hub.has('trades')) return
    if (this.trades.length < this.maxTradesPerBatch) this.trades.push(t)
    else this.tradesDropped++
  }

  pushLog(e: LogEntry): void {
    if (!this.hub.has('log')) return
    if (this.logs.length < 1000) this.logs.push(e)
    else this.logsDropped++
  }

  start(): void {
    const every = (ms: number, fn: () => void): void => {
      this.timers.push(setInterval(fn, Math.max(50, ms)))
    }
    every(this.intervals.tradesMs, () => this.flush())
    every(this.intervals.statusMs, () => {
      if (this.hub.has('status')) this.hub.emit('status', this.sources.status())
    })
    every(this.intervals.statsMs, () => {
      if (this.hub.has('stats')) this.hub.emit('stats', this.sources.stats())
    })
    every(this.intervals.sampleMs, () => this.hub.emit('sample', this.sources.sample()))
    this.task.set('running', `trades every ${this.intervals.tradesMs} ms, at most ${this.maxTradesPerBatch} per batch`)
  }

  flush(): void {
    if (this.trades.length > 0) {
      const batch = this.trades
      this.trades = []
      this.hub.emit(
        'trades',
        batch.map((t) => t.toDto())
      )
    }
    if (this.logs.length > 0) {
      const batch = this.logs
      this.logs = []
      this.hub.emit('log', batch)
    }
    this.task.touch()
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    this.trades = []
    this.logs = []
    this.task.dispose()
  }
}
