import { EventEmitter } from 'node:events'
import type { Category, CloseInfo, CollectorPhase, CollectorStatus, GapCause } from '../../../shared/dto'
import type { CollectorErrorCode, ConnectionErrorCode } from '../../../shared/error-codes'
import { NamedLog } from '../log/engine-log'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import type { CollectorConfig, CollectorEvents } from './collector-config'
import { watchFacts, type CollectorLink, type LinkOwner } from './collector-link'
import { CollectorRuntime } from './collector-runtime'
import { projectStatus, StatusRates, type ConnectionFacts } from './collector-status'
import { FrameIngest, type IngestCounters } from './frame-ingest'
import { Connector } from './connector'
import { SubscriptionFlow } from './subscription-flow'
import { Watchdog, type WatchdogVerdict } from './watchdog'

export type { CollectorConfig, CollectorEvents } from './collector-config'

/**
 * `bybit_trades`: Bybit V5 public trades for one category and many symbols.
 * Phases: idle → connecting → open → subscribing → streaming (⇄ stale) → backoff → connecting … → stopped/paused.
 * It owns its links, timers and tasks and disposes them on stop.
 */
export class BybitTradesCollector extends EventEmitter<CollectorEvents> implements Omit<LinkOwner, 'socketError'> {
  readonly name: string
  readonly category: Category
  readonly url: string
  readonly storage: TradeStorage
  private readonly log: NamedLog
  private readonly ingest: FrameIngest
  private readonly flow: SubscriptionFlow<CollectorLink>
  private readonly connector: Connector
  private readonly watchdog: Watchdog
  private readonly rates = new StatusRates()
  private readonly facts: ConnectionFacts = { lastPongAt: null, lastError: null, lastClose: null }
  private run: CollectorRuntime | null = null
  private phaseValue: CollectorPhase = 'idle'
  private running = false
  private startedAt = Date.now()
  private lastTradeAt: number | null = null // local clock, for the watchdog (the status shows the exchange's)
  private reqSeq = 0
  private stopCause: GapCause | null = null
  private stopping: Promise<void> | null = null

  constructor(private readonly cfg: CollectorConfig) {
    super()
    this.name = cfg.name
    this.category = cfg.category
    this.url = cfg.url
    this.storage = cfg.storage
    const t = cfg.timings
    this.log = new NamedLog(cfg.log, cfg.name)
    const onFrame = (text: string): boolean => this.emit('frame', text)
    this.ingest = new FrameIngest({ ...cfg, log: this.log, onFrame, onStored: (trade) => this.emit('trade', trade) })
    this.flow = new SubscriptionFlow<CollectorLink>({
      ...cfg,
      log: this.log,
      recordError: (code, message, at) => this.recordError(code, message, at),
      reqId: () => `${this.name}-sub-${++this.reqSeq}`,
      backfill: () => this.run?.backfill ?? null,
      live: (link) => {
        if (link) link.subscribed = true
        this.settlePhase()
      }
    })
    this.connector = new Connector({
      ...cfg,
      log: this.log,
      tasks: () => this.run?.tasks,
      pingId: () => `${this.name}-ping-${++this.reqSeq}`,
      owner: this,
      phase: (phase) => (this.phase = phase),
      recordError: (e) => this.recordError(e.code, e.message, e.at),
      running: () => this.running
    })
    const look = () => ({ ...watchFacts(this.connector.link), phase: this.phaseValue, lastTradeAt: this.lastTradeAt })
    this.watchdog = new Watchdog({ ...t, intervalMs: t.watchdogIntervalMs }, look, (v, now) => this.onVerdict(v, now))
  }

  /** A fresh, stopped collector with the same recipe and the same storage (restart). */
  recreate(): BybitTradesCollector {
    return new BybitTradesCollector({ ...this.cfg, connectBudget: this.connector.schedule.budget })
  }

  get symbols(): readonly string[] {
    return this.cfg.symbols
  }

  get counters(): IngestCounters {
    return this.ingest.counters
  }

  /** Subscribed to at least one topic on an open connection. */
  get isActive(): boolean {
    return this.connector.link?.isOpen === true && this.flow.live > 0
  }

  get currentPhase(): CollectorPhase {
    return this.phaseValue
  }

  private set phase(next: CollectorPhase) {
    if (next === this.phaseValue) return
    this.phaseValue = next
    this.emit('phase', next)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.stopCause = null
    const onStored = (trade: Trade): boolean => this.emit('trade', trade)
    this.run = new CollectorRuntime({ ...this.cfg, log: this.log, counters: this.ingest.counters, onStored })
    this.startedAt = Date.now()
    this.watchdog.start()
    this.run.tasks.watchdog.set('running')
    this.connector.connect()
  }

  /** Closes the connection, clears every timer, ends in `final`; `cause` names the gaps. Joins a stop under way. */
  stop(cause: GapCause | null = null, final: 'stopped' | 'paused' = 'stopped'): Promise<void> {
    if (!this.running) return this.stopping ?? Promise.resolve()
    this.running = false
    this.stopCause = cause
    return (this.stopping = (async () => {
      this.watchdog.stop()
      this.run?.tasks.heartbeat.set('idle')
      await this.connector.close(this.cfg.timings.closeTimeoutMs)
      await this.run?.close()
      this.ingest.flushFolded(Date.now())
      this.phase = final // a pause shows `paused` at once, never a transient `stopped`
      this.run = null
      this.log.info(`Collector ${this.name} ${final}`)
    })().finally(() => (this.stopping = null)))
  }

  /** Stops with gaps recorded for the live topics (cause `pause`) and shows `paused` until started again. */
  async pause(): Promise<void> {
    await this.stop('pause', 'paused')
    this.phase = 'paused'
  }

  /** Drops the connection (if any) and reconnects: at once when `immediate` (a user, a wake), else after backoff. */
  reconnectNow(reason: string, immediate = true): void {
    if (!this.running) return
    if (!this.isActive) this.log.warning(`Collector ${this.name} not active, forcing reconnection`, 'forced_reconnect')
    else this.log.info(`Reconnecting ${this.name}: ${reason}`)
    this.connector.restart(immediate)
  }

  /** After sleep/resume: ping now and terminate unless the pong comes back quickly. */
  onResume(): void {
    if (!this.running) return
    if (this.connector.link?.isOpen) {
      this.log.info('Resumed from sleep: checking the connection with an immediate ping')
      this.connector.link.checkAfterResume(this.cfg.timings.resumePongTimeoutMs)
    } else if (this.connector.schedule.waiting) this.reconnectNow('resumed from sleep')
  }

  /** Once a second, by the engine: rates, and every folded log line. */
  sampleRates(now: number): void {
    this.rates.sample(this.ingest.counters, now)
    this.ingest.flushFolded(now)
  }

  status(): CollectorStatus {
    return projectStatus(this.cfg, {
      ...this.facts,
      phase: this.phaseValue,
      isActive: this.isActive,
      subscriptions: this.flow.snapshot(),
      ...this.connector.facts(),
      ...this.rates.perSecond(),
      counters: this.ingest.counters,
      openGaps: this.cfg.gaps.openCount(this.name)
    })
  }

  /** LinkOwner: a frame from `link` (null: fed by hand, no connection). */
  frame(link: CollectorLink | null, text: string, receivedAt: number): void {
    const frame = this.ingest.handle(text, receivedAt)
    if (link) this.run?.tasks.socket.touch()
    if (frame.kind === 'trades' && frame.trades.length > 0) {
      this.lastTradeAt = receivedAt
      this.flow.onTrades(link, frame, receivedAt)
      if (this.phaseValue === 'stale') {
        this.phase = 'streaming'
        this.log.info(`Trades flowing again on ${frame.topic}`)
      }
    } else if (frame.kind === 'subscribe' && frame.op === 'subscribe') {
      this.flow.onReply(link, frame, receivedAt)
      this.settlePhase()
    } else if (frame.kind === 'pong') {
      this.facts.lastPongAt = receivedAt
      link?.pong()
    } else if (frame.kind === 'other' && frame.error !== null) {
      this.log.warning(`Exchange error reply: ${frame.error}`, 'exchange_error')
    }
  }

  opened(link: CollectorLink, at: number): void {
    this.phase = 'open'
    this.log.info(`WebSocket connection established for ${this.name}`)
    this.log.info('Connected to Bybit WebSocket API v5')
    this.run?.tasks.socket.set('running', this.url)
    if (this.flow.subscribeAll(link, at) && this.phaseValue === 'open') this.phase = 'subscribing'
  }

  verdict(code: ConnectionErrorCode, message: string): void {
    this.log.warning(message, code)
    this.recordError(code, message, Date.now())
  }

  closed(link: CollectorLink, info: CloseInfo): void {
    this.facts.lastClose = info
    this.emit('close', info)
    const closed = `WebSocket closed for ${this.name} (code ${info.code}${info.reason ? `: ${info.reason}` : ''})`
    if (this.running) this.log.warning(closed, 'ws_closed')
    else this.log.info(closed)
    this.flow.connectionEnded(this.running ? link.closeCause : this.stopCause, this.startedAt)
  }

  /** subscribing → streaming once no topic waits for an answer and at least one is live. */
  private settlePhase(): void {
    if (this.phaseValue !== 'open' && this.phaseValue !== 'subscribing') return
    if (this.flow.settled) this.phase = 'streaming'
  }

  private onVerdict(verdict: WatchdogVerdict, now: number): void {
    this.run?.tasks.watchdog.touch()
    const link = this.connector.link
    if (!link || verdict.action === 'skip') return
    if (verdict.action === 'reconnect') return link.silent(verdict.silentMs)
    const reconnect = this.flow.expire(link, now, this.cfg.timings.ackTimeoutMs)
    if (reconnect !== null) return this.reconnectNow(reconnect, false)
    if (verdict.action === 'stale') {
      this.phase = 'stale'
      const quiet = `No trades for ${Math.round(verdict.quietMs / 1000)} s on subscribed topics`
      this.log.warning(`${quiet} (the connection answers pings)`, 'data_stale')
    }
  }

  private recordError(code: CollectorErrorCode, message: string, at: number): void {
    const error = (this.facts.lastError = { code, message, at })
    this.run?.tasks.socket.fail(error)
    // EventEmitter throws an `error` nobody listens to; the status keeps it either way.
    if (this.listenerCount('error') > 0) this.emit('error', error)
  }
}
