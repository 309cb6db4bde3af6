import { EventEmitter } from 'node:events'
import type { Category, CloseInfo, CollectorPhase, CollectorStatus, ErrorInfo, GapCause } from '../../../shared/dto'
import { SPOT_SUBSCRIBE_MAX_ARGS, TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'
import type { SubscribeReply } from '../bybit/frames'
import type { EngineLog, EngineTasks, TaskHandle } from '../engine-facade'
import { NamedLog } from '../log/engine-log'
import { RateMeter } from '../metrics/rate-meter'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import { BybitRestClient } from '../rest/rest-client'
import { GapBackfill } from './backfill'
import { projectStatus, type CollectorIdentity, type ConnectionFacts } from './collector-status'
import { ConnectBudget } from './connect-budget'
import { FrameIngest, type IngestCounters } from './frame-ingest'
import type { GapTracker } from './gaps'
import { ReconnectScheduler } from './reconnect-scheduler'
import { restMismatch } from './refused-upgrade'
import { SocketSession, sessionErrorOf, type Session, type SessionError } from './socket-session'
import { SubscriptionBook } from './subscriptions'
import type { CollectorTimings } from './timings'
import { judge } from './watchdog'

export interface CollectorConfig extends CollectorIdentity {
  /** The manager's single storage instance; a collector never makes its own. */
  storage: TradeStorage
  gaps: GapTracker
  log: EngineLog
  tasks: EngineTasks
  timings: CollectorTimings
  random?: () => number
  /** Shared across restarts of the same collector so a restart cannot reset Bybit's connection limit. */
  connectBudget?: ConnectBudget
}

export interface CollectorEvents {
  /** Every phase change, in order (tests assert exact sequences; the UI samples `status` instead). */
  phase: [phase: CollectorPhase]
  /** Every error the status records as `last_error`: socket failures and the collector's own verdicts. */
  error: [error: ErrorInfo]
  close: [close: CloseInfo]
  /** Every raw frame, before parsing (`--record`). */
  frame: [text: string]
  /** Every newly stored trade, live or backfilled (the engine's event batcher). */
  trade: [trade: Trade]
}

/** One connection and what the collector learned about it; the next step shards topics across several. */
interface Link {
  session: Session
  /** If it closes now, why its live topics have a gap. */
  closeCause: GapCause
  /** A topic went live on it: only such a connection, once it lasted, resets the backoff. */
  subscribed: boolean
}

/** Bybit caps spot subscribe requests at 10 args; derivatives have no documented cap, keep them moderate. */
const SUBSCRIBE_BATCH: Record<Category, number> = { spot: SPOT_SUBSCRIBE_MAX_ARGS, linear: 100, inverse: 100 }
/** A gap on a topic with no trade seen yet starts this long before the collector did. */
const UNSEEN_MARGIN_MS = 1_000

/**
 * `bybit_trades`: Bybit V5 public trades for one category and many symbols.
 * Phases: idle → connecting → open → subscribing → streaming (⇄ stale) → backoff → connecting … → stopped.
 * It owns its sessions, timers and tasks and disposes them on stop.
 */
export class BybitTradesCollector extends EventEmitter<CollectorEvents> {
  readonly name: string
  readonly category: Category
  readonly url: string
  readonly symbols: readonly string[]
  readonly storage: TradeStorage
  private readonly t: CollectorTimings
  private readonly log: NamedLog
  private readonly ingest: FrameIngest
  private readonly book: SubscriptionBook
  private readonly reconnect: ReconnectScheduler
  private readonly msgRate = new RateMeter()
  private readonly tradeRate = new RateMeter()
  private readonly facts: ConnectionFacts = { lastPongAt: null, lastError: null, lastClose: null }
  private backfill: GapBackfill | null = null
  private rest: BybitRestClient | null = null
  private link: Link | null = null
  private phaseValue: CollectorPhase = 'idle'
  private running = false
  private tasks: Record<'socket' | 'heartbeat' | 'watchdog', TaskHandle> | null = null
  private watchdogTimer: NodeJS.Timeout | null = null
  private lastTickAt = Date.now()
  private startedAt = Date.now()
  private lastTradeLocalAt: number | null = null
  private reqSeq = 0
  private stopCause: GapCause | null = null

  constructor(private readonly cfg: CollectorConfig) {
    super()
    this.name = cfg.name
    this.category = cfg.category
    this.url = cfg.url
    this.storage = cfg.storage
    this.symbols = [...cfg.symbols]
    this.t = cfg.timings
    this.log = new NamedLog(cfg.log, cfg.name)
    this.ingest = new FrameIngest({
      ...cfg,
      log: this.log,
      onFrame: (text) => this.emit('frame', text),
      onStored: (trade) => this.emit('trade', trade)
    })
    this.book = new SubscriptionBook(cfg.symbols)
    const budget = cfg.connectBudget ?? new ConnectBudget(this.t.connectBudget, this.t.connectBudgetWindowMs)
    this.reconnect = new ReconnectScheduler({
      timings: this.t,
      budget,
      random: cfg.random,
      attempt: () => this.connect()
    })
  }

  /** A fresh, stopped collector with the same recipe and the same storage (restart). */
  recreate(): BybitTradesCollector {
    return new BybitTradesCollector({ ...this.cfg, connectBudget: this.reconnect.budget })
  }

  get restUrl(): string {
    return this.cfg.restUrl
  }

  get counters(): IngestCounters {
    return this.ingest.counters
  }

  /** Subscribed to at least one topic on an open connection. */
  get isActive(): boolean {
    return this.link?.session.isOpen === true && this.book.countIn('subscribed') > 0
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
    const { tasks, restUrl } = this.cfg
    this.tasks = {
      socket: tasks.register(`${this.name}.socket`, this.url),
      heartbeat: tasks.register(`${this.name}.heartbeat`, `ping every ${this.t.pingIntervalMs / 1000} s`),
      watchdog: tasks.register(`${this.name}.watchdog`, null)
    }
    const rest = new BybitRestClient({
      baseUrl: restUrl,
      timeoutMs: this.t.restTimeoutMs,
      requestsPerSecond: this.t.restRequestsPerSecond
    })
    this.rest = rest
    this.backfill = new GapBackfill({
      ...this.cfg,
      collector: this.name,
      client: rest,
      counters: this.ingest.counters,
      log: this.log,
      task: tasks.register(`${this.name}.backfill`, `REST recent-trade from ${restUrl}`),
      onStored: (trade) => this.emit('trade', trade),
      unusable: restMismatch(this.url, restUrl)
    })
    this.lastTickAt = this.startedAt = Date.now()
    this.watchdogTimer = setInterval(() => this.watchdogTick(Date.now()), this.t.watchdogIntervalMs)
    this.tasks.watchdog.set('running')
    this.connect()
  }

  /** Closes the connection and clears every timer. `cause` 'restart' records gaps for the topics that were live. */
  async stop(cause: GapCause | null = null): Promise<void> {
    if (!this.running) return
    this.running = false
    this.stopCause = cause
    this.reconnect.cancel()
    if (this.watchdogTimer) clearInterval(this.watchdogTimer)
    this.watchdogTimer = null
    this.tasks?.heartbeat.set('idle')
    await this.link?.session.close(this.t.closeTimeoutMs, 'collector stopped')
    this.link = null
    this.rest?.close()
    await this.backfill?.close()
    this.rest = null
    this.backfill = null
    this.phase = 'stopped'
    this.reconnect.clear()
    if (this.tasks) for (const task of Object.values(this.tasks)) task.dispose()
    this.log.info(`Collector ${this.name} stopped`)
  }

  /**
   * Drops the connection (if any) and connects again: at once when `immediate` (a user's request,
   * resume from sleep), else after the usual backoff (the watchdog, so a broken server is not hammered).
   */
  reconnectNow(reason: string, immediate = true): void {
    if (!this.running) return
    if (!this.isActive) this.log.warning(`Collector ${this.name} not active, forcing reconnection`, 'forced_reconnect')
    else this.log.info(`Reconnecting ${this.name}: ${reason}`)
    if (this.reconnect.hurry() || !this.link) return
    this.reconnect.skipBackoff(immediate)
    this.link.session.terminate()
  }

  /** After sleep/resume: ping now and terminate unless the pong comes back quickly. */
  onResume(): void {
    if (!this.running) return
    const link = this.link
    if (link?.session.isOpen) {
      this.log.info('Resumed from sleep: checking the connection with an immediate ping')
      link.closeCause = 'resume'
      link.session.ping(this.t.resumePongTimeoutMs, true)
    } else if (this.reconnect.waiting) this.reconnectNow('resumed from sleep')
  }

  /** Once a second, by the engine. */
  sampleRates(now: number): void {
    this.msgRate.sample(this.ingest.counters.messages, now)
    this.tradeRate.sample(this.ingest.counters.tradesStored, now)
  }

  /** Raw frame entry point, also used by benchmarks without a socket. */
  ingestFrame(text: string, receivedAt: number): void {
    this.handleFrame(this.link, text, receivedAt)
  }

  status(): CollectorStatus {
    return projectStatus(this.cfg, {
      ...this.facts,
      phase: this.phaseValue,
      isActive: this.isActive,
      subscriptions: this.book.snapshot(),
      counters: this.ingest.counters,
      connectedSince: this.link?.session.openedAt ?? null,
      reconnectCount: this.reconnect.count,
      nextReconnectAt: this.reconnect.nextAt,
      messagesPerS: this.msgRate.perSecond(),
      tradesPerS: this.tradeRate.perSecond(),
      openGaps: this.cfg.gaps.openCount(this.name),
      connectBudget: this.reconnect.budget.snapshot()
    })
  }

  private handleFrame(link: Link | null, text: string, receivedAt: number): void {
    const frame = this.ingest.handle(text, receivedAt)
    if (frame.kind === 'trades' && frame.trades.length > 0) {
      this.lastTradeLocalAt = receivedAt
      const last = frame.trades[frame.trades.length - 1].timestamp
      if (this.book.noteTrades(frame.topic, frame.trades.length, last, receivedAt)) {
        this.log.info(`Subscription to ${frame.topic} confirmed by its data`)
        this.onTopicLive(link, frame.symbol, receivedAt)
      }
      if (this.phaseValue === 'stale') {
        this.phase = 'streaming'
        this.log.info(`Trades flowing again on ${frame.topic}`)
      }
    } else if (frame.kind === 'subscribe') this.onSubscribeReply(link, frame, receivedAt)
    else if (frame.kind === 'pong') {
      this.facts.lastPongAt = receivedAt
      if (link) link.closeCause = 'disconnect'
      link?.session.pong()
    } else if (frame.kind === 'other' && frame.error !== null) {
      this.log.warning(`Exchange error reply: ${frame.error}`, 'exchange_error')
    }
  }

  private connect(): void {
    const wait = this.reconnect.admit()
    if (wait > 0) {
      const { limit, window_s } = this.reconnect.budget.snapshot()
      const message = `Connection budget spent (${limit} attempts per ${window_s} s): next attempt in ${(wait / 1000).toFixed(1)} s`
      this.log.warning(message, 'connect_budget')
      this.recordError('connect_budget', message, Date.now())
      this.scheduleReconnect(wait)
      return
    }
    this.phase = 'connecting'
    this.log.info(`Connecting to WebSocket: ${this.url}`)
    this.tasks?.socket.set('starting', this.url)
    let session: SocketSession
    try {
      session = new SocketSession({
        ...this.t,
        url: this.url,
        pingId: () => `${this.name}-ping-${++this.reqSeq}`,
        heartbeatTask: this.tasks?.heartbeat
      })
    } catch (e) {
      this.onSocketError(sessionErrorOf(e, Date.now()))
      this.scheduleReconnect()
      return
    }
    const link: Link = { session, closeCause: 'disconnect', subscribed: false }
    this.link = link
    session.on('open', (at) => this.onOpen(link, at))
    session.on('frame', (text, at) => {
      this.handleFrame(link, text, at)
      this.tasks?.socket.touch()
    })
    session.on('pong-timeout', (timeoutMs) => {
      const message = `No pong within ${timeoutMs / 1000} s, terminating the connection`
      this.log.warning(message, 'pong_timeout')
      this.recordError('pong_timeout', message, Date.now())
      if (link.closeCause === 'disconnect') link.closeCause = 'stale'
      session.terminate()
    })
    session.on('error', (err) => this.onSocketError(err))
    session.on('close', (info) => this.onClose(link, info))
  }

  private onOpen(link: Link, at: number): void {
    this.phase = 'open'
    this.log.info(`WebSocket connection established for ${this.name}`)
    this.log.info('Connected to Bybit WebSocket API v5')
    this.tasks?.socket.set('running', this.url)
    this.book.resetForConnection()
    this.subscribe(link, this.book.allTopics(), at)
  }

  private subscribe(link: Link | null, topics: string[], now: number): void {
    if (!link?.session.isOpen || topics.length === 0) return
    const batch = SUBSCRIBE_BATCH[this.category]
    for (const r of this.book.request(topics, batch, now, () => `${this.name}-sub-${++this.reqSeq}`)) {
      link.session.send({ op: 'subscribe', req_id: r.reqId, args: r.args })
      this.log.info(`Subscribing to: ${r.args.join(', ')} (req_id ${r.reqId})`)
    }
    if (this.phaseValue === 'open') this.phase = 'subscribing'
  }

  private onSubscribeReply(link: Link | null, reply: SubscribeReply, now: number): void {
    if (reply.op !== 'subscribe') return
    const out = this.book.apply(reply, now)
    for (const topic of out.subscribed) {
      this.log.info(`Successfully subscribed to: ${topic}`)
      this.onTopicLive(link, topic.slice(TRADE_TOPIC_PREFIX.length), now)
    }
    for (const f of out.failed) {
      const message = `Subscription to ${f.topic} failed: ${f.reason}`
      this.log.error(message, 'subscribe_failed')
      this.recordError('subscribe_failed', message, now)
    }
    if (out.leftover.length > 0) this.subscribe(link, out.leftover, now)
    if (out.unmatched) this.log.warning(`Subscribe reply matched no request: ${reply.retMsg || '(empty ret_msg)'}`)
    this.settlePhase()
  }

  private onTopicLive(link: Link | null, symbol: string, now: number): void {
    if (link) link.subscribed = true
    const gap = this.cfg.gaps.closeGap(this.name, symbol, now)
    if (gap) this.backfill?.enqueue(gap)
    this.settlePhase()
  }

  /** subscribing → streaming once no topic waits for an answer and at least one is live. */
  private settlePhase(): void {
    if (this.phaseValue !== 'open' && this.phaseValue !== 'subscribing') return
    if (this.book.countIn('pending') === 0 && this.book.countIn('subscribed') > 0) this.phase = 'streaming'
  }

  private watchdogTick(now: number): void {
    this.tasks?.watchdog.touch()
    const link = this.link
    const verdict = judge(
      now,
      {
        previousTickAt: this.lastTickAt,
        open: link?.session.isOpen ?? false,
        phase: this.phaseValue,
        lastFrameAt: link?.session.lastFrameAt ?? 0,
        connectedSince: link?.session.openedAt ?? null,
        lastTradeAt: this.lastTradeLocalAt
      },
      {
        intervalMs: this.t.watchdogIntervalMs,
        silenceTimeoutMs: this.t.silenceTimeoutMs,
        dataStaleMs: this.t.dataStaleMs
      }
    )
    this.lastTickAt = now
    if (!link || verdict.action === 'skip') return
    if (verdict.action === 'reconnect') {
      const message = `No data and no pong for ${Math.round(verdict.silentMs / 1000)} s, terminating the connection`
      this.log.warning(message, 'silent_connection')
      this.recordError('silent_connection', message, now)
      link.closeCause = 'stale'
      link.session.terminate()
      return
    }
    const { retry, exhausted } = this.book.expire(now, this.t.ackTimeoutMs)
    if (exhausted.length > 0) {
      const why = `no subscribe reply for ${exhausted.join(', ')} after a retry`
      this.recordError('ack_timeout', why, now)
      this.reconnectNow(why, false)
      return
    }
    if (retry.length > 0) {
      this.log.warning(`No subscribe reply for ${retry.join(', ')}, subscribing again`, 'ack_timeout')
      this.subscribe(link, retry, now)
    }
    if (verdict.action === 'stale') {
      this.phase = 'stale'
      const quiet = `No trades for ${Math.round(verdict.quietMs / 1000)} s on subscribed topics`
      this.log.warning(`${quiet} (the connection answers pings)`, 'data_stale')
    }
  }

  private onSocketError(err: SessionError): void {
    if (err.minNextDelayMs !== null) this.reconnect.holdOff(err.minNextDelayMs)
    this.recordError(err.code, err.message, err.at)
    this.log.error(`WebSocket connection error: ${err.message}`, err.code)
  }

  private recordError(code: string, message: string, at: number): void {
    const error = { code, message, at }
    this.facts.lastError = error
    this.tasks?.socket.fail(error)
    // EventEmitter throws an `error` nobody listens to; the status keeps it either way.
    if (this.listenerCount('error') > 0) this.emit('error', error)
  }

  private onClose(link: Link, info: CloseInfo): void {
    if (this.link === link) this.link = null
    this.facts.lastClose = info
    this.emit('close', info)
    const closed = `WebSocket closed for ${this.name} (code ${info.code}${info.reason ? `: ${info.reason}` : ''})`
    if (this.running) this.log.warning(closed, 'ws_closed')
    else this.log.info(closed)
    const openedAt = link.session.openedAt
    if (openedAt !== null && link.subscribed && info.at - openedAt >= this.t.stableAfterMs) this.reconnect.stable()
    const cause = this.running ? link.closeCause : this.stopCause
    if (cause !== null) {
      for (const { symbol, lastTradeAt } of this.book.subscribedSymbols()) {
        // No trade seen yet on the topic: everything since the collector started may be missing (a match
        // can be stamped a little before it is pushed, hence the second of margin). Backfill skips what is held.
        this.cfg.gaps.openGap(this.name, symbol, lastTradeAt ?? this.startedAt - UNSEEN_MARGIN_MS, cause)
      }
    }
    this.book.resetForConnection()
    if (this.running) this.scheduleReconnect()
  }

  private scheduleReconnect(floorMs = 0): void {
    const { delay, at } = this.reconnect.schedule(floorMs)
    this.phase = 'backoff'
    this.tasks?.socket.set('backoff', `next attempt at ${new Date(at).toISOString()}`)
    this.log.info(`Reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${this.reconnect.count + 1})`)
  }
}
