import type { Category, CloseInfo, CollectorPhase, ConnectionStatus, ErrorInfo, GapCause } from '../../../shared/dto'
import type { CollectorErrorCode, ConnectionErrorCode } from '../../../shared/error-codes'
import type { EngineTasks, TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import type { GapBackfill } from './backfill'
import { watchFacts, type CollectorLink, type LinkOwner } from './collector-link'
import { stateOf, type ConnectionFacts, type ConnectorFacts } from './collector-status'
import type { ConnectBudget } from './connect-budget'
import { Connector } from './connector'
import { FrameIngest, type IngestCounters } from './frame-ingest'
import type { GapTracker } from './gaps'
import { argsChars } from './shard-plan'
import { SubscriptionFlow } from './subscription-flow'
import type { CollectorTimings } from './timings'
import { Watchdog, type WatchdogVerdict } from './watchdog'

/** What a connection reports to its collector. */
export interface ConnectionHooks {
  phase: (conn: TradeConnection, phase: CollectorPhase) => void
  error: (error: ErrorInfo) => void
  close: (close: CloseInfo) => void
  frame: (text: string) => void
  trade: (trade: Trade) => void
}

export interface ConnectionConfig {
  /** The collector's name: log lines, request ids, gaps and task names start with it. */
  collector: string
  category: Category
  shard: number
  url: string
  symbols: readonly string[]
  /** Log lines about the connection carry ` [linear.0]` (a collector with more than one connection). */
  labelled: boolean
  storage: TradeStorage
  gaps: GapTracker
  tasks: EngineTasks
  timings: CollectorTimings
  random?: () => number
  proxy?: string
  log: NamedLog
  /** Shared by every connection of the collector (Bybit counts connections per domain). */
  connectBudget: ConnectBudget
  /** Shared by every connection: the collector's counters are the sum. */
  counters: IngestCounters
  /** Request ids from the collector, unique across its connections. */
  nextId: (kind: 'sub' | 'ping') => string
  backfill: () => GapBackfill | null
  hooks: ConnectionHooks
}

/**
 * One WebSocket connection of `bybit_trades`: one category, one shard of its topics. Phases:
 * idle → connecting → open → subscribing → streaming (⇄ stale) → backoff → connecting … → stopped.
 * It owns its link, reconnect schedule, watchdog and tasks (`<collector>.<id>.socket|heartbeat|watchdog`).
 */
export class TradeConnection implements Omit<LinkOwner, 'socketError'> {
  readonly id: string
  readonly flow: SubscriptionFlow<CollectorLink>
  readonly connector: Connector
  readonly facts: ConnectionFacts = { lastPongAt: null, lastError: null, lastClose: null }
  private readonly label: string
  private readonly ingest: FrameIngest
  private readonly watchdog: Watchdog
  private tasks: Record<'socket' | 'heartbeat' | 'watchdog', TaskHandle> | null = null
  private phaseValue: CollectorPhase = 'idle'
  private running = false
  private startedAt = Date.now()
  private lastTradeAt: number | null = null
  private stopCause: GapCause | null = null

  constructor(private readonly cfg: ConnectionConfig) {
    this.id = `${cfg.category}.${cfg.shard}`
    this.label = cfg.labelled ? ` [${this.id}]` : ''
    const t = cfg.timings
    const { log, hooks } = cfg
    this.ingest = new FrameIngest({
      name: cfg.collector,
      category: cfg.category,
      storage: cfg.storage,
      log,
      counters: cfg.counters,
      onFrame: hooks.frame,
      onStored: hooks.trade
    })
    this.flow = new SubscriptionFlow<CollectorLink>({
      name: cfg.collector,
      connection: this.id,
      category: cfg.category,
      symbols: cfg.symbols,
      gaps: cfg.gaps,
      log,
      recordError: (code, message, at) => this.recordError(code, message, at),
      reqId: () => cfg.nextId('sub'),
      backfill: cfg.backfill,
      live: (link) => {
        if (link) link.subscribed = true
        this.settlePhase()
      }
    })
    this.connector = new Connector({
      name: cfg.collector,
      url: cfg.url,
      label: this.label,
      timings: t,
      connectBudget: cfg.connectBudget,
      random: cfg.random,
      proxy: cfg.proxy,
      log,
      tasks: () => this.tasks ?? undefined,
      pingId: () => cfg.nextId('ping'),
      owner: this,
      phase: (phase) => (this.phase = phase),
      recordError: (e) => this.recordError(e.code, e.message, e.at),
      running: () => this.running
    })
    const look = () => ({ ...watchFacts(this.connector.link), phase: this.phaseValue, lastTradeAt: this.lastTradeAt })
    this.watchdog = new Watchdog({ ...t, intervalMs: t.watchdogIntervalMs }, look, (v, now) => this.onVerdict(v, now))
  }

  get category(): Category {
    return this.cfg.category
  }

  get shard(): number {
    return this.cfg.shard
  }

  get url(): string {
    return this.cfg.url
  }

  get phase(): CollectorPhase {
    return this.phaseValue
  }

  private set phase(next: CollectorPhase) {
    if (next === this.phaseValue) return
    this.phaseValue = next
    this.cfg.hooks.phase(this, next)
  }

  /** Subscribed to at least one topic on an open connection. */
  get isActive(): boolean {
    return this.connector.link?.isOpen === true && this.flow.live > 0
  }

  get topicCount(): number {
    return this.flow.book.size
  }

  /** The symbols this connection carries, in order. */
  symbols(): string[] {
    return this.flow.book.symbols()
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.stopCause = null
    const { tasks, collector, url, timings: t } = this.cfg
    const name = `${collector}.${this.id}`
    this.tasks = {
      socket: tasks.register(`${name}.socket`, url),
      heartbeat: tasks.register(`${name}.heartbeat`, `ping every ${t.pingIntervalMs / 1000} s`),
      watchdog: tasks.register(`${name}.watchdog`, null)
    }
    this.startedAt = Date.now()
    this.watchdog.start()
    this.tasks.watchdog.set('running')
    this.connector.connect()
  }

  /** Closes the connection and its timers; `cause` names the gaps; ends in `final`. */
  async stop(cause: GapCause | null, final: 'stopped' | 'paused'): Promise<void> {
    if (!this.running) return
    this.running = false
    this.stopCause = cause
    this.watchdog.stop()
    this.tasks?.heartbeat.set('idle')
    await this.connector.close(this.cfg.timings.closeTimeoutMs)
    this.ingest.flushFolded(Date.now())
    for (const task of Object.values(this.tasks ?? {})) task.dispose()
    this.tasks = null
    this.phase = final
  }

  /** Drops the connection (if any) and reconnects: at once when `immediate`, else after backoff. */
  restart(immediate: boolean): void {
    if (this.running) this.connector.restart(immediate)
  }

  /** `restart` with the guide's line saying why. */
  reconnect(reason: string, immediate: boolean): void {
    if (!this.running) return
    const who = `${this.cfg.collector}${this.label}`
    if (!this.isActive) this.cfg.log.warning(`Collector ${who} not active, forcing reconnection`, 'forced_reconnect')
    else this.cfg.log.info(`Reconnecting ${who}: ${reason}`)
    this.restart(immediate)
  }

  /** After sleep/resume: ping now and terminate unless the pong comes back quickly; reconnect a waiting one. */
  onResume(): void {
    if (!this.running) return
    if (this.connector.link?.isOpen) {
      this.cfg.log.info(`Resumed from sleep: checking the connection with an immediate ping${this.label}`)
      this.connector.link.checkAfterResume(this.cfg.timings.resumePongTimeoutMs)
    } else if (this.connector.schedule.waiting) this.reconnect('resumed from sleep', true)
  }

  flushFolded(now: number): void {
    this.ingest.flushFolded(now)
  }

  /** New listings on this connection. */
  addSymbols(symbols: readonly string[]): void {
    this.flow.add(this.connector.link, symbols, Date.now())
  }

  /** Delistings: unsubscribed, forgotten, their gaps settled `skipped`. */
  removeSymbols(symbols: readonly string[]): void {
    this.flow.remove(this.connector.link, symbols, Date.now())
  }

  connectorFacts(): ConnectorFacts {
    return this.connector.facts()
  }

  status(): ConnectionStatus {
    const c = this.connector.facts()
    const book = this.flow.book
    let state = stateOf(this.phaseValue)
    if (state === 'connecting' && c.reconnectCount > 0) state = 'reconnecting'
    return {
      id: this.id,
      category: this.cfg.category,
      shard: this.cfg.shard,
      state,
      phase: this.phaseValue,
      url: this.cfg.url,
      topics: book.size,
      subscribed: book.countIn('subscribed'),
      failed: book.countIn('failed'),
      args_chars: argsChars(book.symbols()),
      connected_since: c.connectedSince,
      reconnect_count: c.reconnectCount,
      next_reconnect_at: c.nextReconnectAt,
      last_error: this.facts.lastError
    }
  }

  /** LinkOwner: a frame from `link`. */
  frame(link: CollectorLink | null, text: string, receivedAt: number, bytes: Uint8Array | null = null): void {
    const frame = this.ingest.handle(text, receivedAt, bytes)
    if (link) this.tasks?.socket.touch()
    if (frame.kind === 'trades' && frame.trades.length > 0) {
      this.lastTradeAt = receivedAt
      this.flow.onTrades(link, frame, receivedAt)
      if (this.phaseValue === 'stale') {
        this.phase = 'streaming'
        this.cfg.log.info(`Trades flowing again on ${frame.topic}`)
      }
    } else if (frame.kind === 'subscribe' && frame.op === 'subscribe') {
      this.flow.onReply(link, frame, receivedAt)
      this.settlePhase()
    } else if (frame.kind === 'pong') {
      this.facts.lastPongAt = receivedAt
      link?.pong()
    } else if (frame.kind === 'other' && frame.error !== null) {
      this.cfg.log.warning(`Exchange error reply: ${frame.error}`, 'exchange_error')
    }
  }

  opened(link: CollectorLink, at: number): void {
    this.phase = 'open'
    this.cfg.log.info(`WebSocket connection established for ${this.cfg.collector}${this.label}`)
    this.cfg.log.info('Connected to Bybit WebSocket API v5')
    this.tasks?.socket.set('running', this.cfg.url)
    if (this.flow.subscribeAll(link, at) && this.phaseValue === 'open') this.phase = 'subscribing'
  }

  verdict(code: ConnectionErrorCode, message: string): void {
    this.cfg.log.warning(`${message}${this.label}`, code)
    this.recordError(code, message, Date.now())
  }

  closed(link: CollectorLink, info: CloseInfo): void {
    this.facts.lastClose = info
    this.cfg.hooks.close(info)
    const why = `(code ${info.code}${info.reason ? `: ${info.reason}` : ''})`
    const closed = `WebSocket closed for ${this.cfg.collector}${this.label} ${why}`
    if (this.running) this.cfg.log.warning(closed, 'ws_closed')
    else this.cfg.log.info(closed)
    this.flow.connectionEnded(this.running ? link.closeCause : this.stopCause, this.startedAt)
  }

  /** subscribing → streaming once no topic waits for an answer and at least one is live. */
  private settlePhase(): void {
    if (this.phaseValue !== 'open' && this.phaseValue !== 'subscribing') return
    if (this.flow.settled) this.phase = 'streaming'
  }

  private onVerdict(verdict: WatchdogVerdict, now: number): void {
    this.tasks?.watchdog.touch()
    const link = this.connector.link
    if (!link || verdict.action === 'skip') return
    if (verdict.action === 'reconnect') return link.silent(verdict.silentMs)
    const reconnect = this.flow.expire(link, now, this.cfg.timings.ackTimeoutMs)
    if (reconnect !== null) return this.reconnect(reconnect, false)
    if (verdict.action === 'stale') {
      this.phase = 'stale'
      const quiet = `No trades for ${Math.round(verdict.quietMs / 1000)} s on subscribed topics`
      this.cfg.log.warning(`${quiet} (the connection answers pings)${this.label}`, 'data_stale')
    }
  }

  private recordError(code: CollectorErrorCode, message: string, at: number): void {
    const error = (this.facts.lastError = { code, message, at })
    this.tasks?.socket.fail(error)
    this.cfg.hooks.error(error)
  }
}
