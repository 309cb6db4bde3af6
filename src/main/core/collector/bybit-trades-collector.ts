import WebSocket from 'ws'
import type {
  Category,
  CloseInfo,
  CollectorPhase,
  CollectorState,
  CollectorStatus,
  ErrorInfo,
  GapCause
} from '../../../shared/dto'
import { SPOT_SUBSCRIBE_MAX_ARGS, TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'
import type { SubscribeReply } from '../bybit/frames'
import type { EngineLog, EngineTasks, TaskHandle } from '../engine-facade'
import { NamedLog } from '../log/engine-log'
import { RateMeter } from '../metrics/rate-meter'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import { BybitRestClient } from '../rest/rest-client'
import { Backoff } from './backoff'
import { GapBackfill } from './backfill'
import { ConnectBudget } from './connect-budget'
import { FrameIngest, type IngestCounters } from './frame-ingest'
import type { GapTracker } from './gaps'
import { Heartbeat } from './heartbeat'
import { judgeRefusal, restMismatch, retryAfterMs, type RefusedUpgrade } from './refused-upgrade'
import { SubscriptionBook } from './subscriptions'
import type { CollectorTimings } from './timings'

export interface CollectorConfig {
  name: string
  category: Category
  url: string
  restUrl: string
  symbols: readonly string[]
  /** The manager's single storage instance; a collector never makes its own. */
  storage: TradeStorage
  gaps: GapTracker
  log: EngineLog
  tasks: EngineTasks
  timings: CollectorTimings
  random?: () => number
  onFrame?: ((text: string) => void) | null
  onStored?: ((trade: Trade) => void) | null
  /** Shared across restarts of the same collector so a restart cannot reset Bybit's connection limit. */
  connectBudget?: ConnectBudget
}

/** Bybit caps spot subscribe requests at 10 args; derivatives have no documented cap, keep them moderate. */
const SUBSCRIBE_BATCH: Record<Category, number> = { spot: SPOT_SUBSCRIBE_MAX_ARGS, linear: 100, inverse: 100 }
const MAX_PAYLOAD = 1024 * 1024
const MAX_FRAGMENTS = 1024
/** A gap on a topic with no trade seen yet starts this long before the collector did. */
const UNSEEN_MARGIN_MS = 1_000

const STATE_OF_PHASE: Record<CollectorPhase, CollectorState> = {
  idle: 'stopped',
  connecting: 'connecting',
  open: 'connected',
  subscribing: 'connected',
  streaming: 'connected',
  stale: 'stale',
  backoff: 'reconnecting',
  stopped: 'stopped'
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

interface CollectorTasks {
  socket: TaskHandle
  heartbeat: TaskHandle
  watchdog: TaskHandle
}

/**
 * `bybit_trades`: one Bybit V5 public connection for one category and many symbols.
 * Phases: idle → connecting → open → subscribing → streaming (⇄ stale) → backoff → connecting … → stopped.
 * It owns its socket and timers and disposes them on stop.
 */
export class BybitTradesCollector {
  readonly name: string
  readonly category: Category
  readonly url: string
  readonly restUrl: string
  readonly symbols: readonly string[]
  readonly storage: TradeStorage
  private readonly t: CollectorTimings
  private readonly log: NamedLog
  private readonly ingest: FrameIngest
  private readonly book: SubscriptionBook
  private readonly backoff: Backoff
  private readonly budget: ConnectBudget
  private backfill: GapBackfill | null = null
  private rest: BybitRestClient | null = null
  private refused: RefusedUpgrade | null = null
  /** The next reconnect waits at least this long (Retry-After, a refused upgrade). */
  private minNextDelayMs = 0
  private readonly msgRate = new RateMeter()
  private readonly tradeRate = new RateMeter()
  private ws: WebSocket | null = null
  private socketClosed: Promise<void> = Promise.resolve()
  private currentPhaseValue: CollectorPhase = 'idle'
  /** Every phase change, in order (tests assert exact sequences; the UI samples `status` instead). */
  onPhaseChange: ((phase: CollectorPhase) => void) | null = null
  private running = false
  private tasks: CollectorTasks | null = null
  private readonly heartbeat: Heartbeat
  private watchdogTimer: NodeJS.Timeout | null = null
  private backoffTimer: NodeJS.Timeout | null = null
  private connectedSince: number | null = null
  private subscribedThisConnection = false
  private lastFrameAt = 0
  private lastWatchdogAt = Date.now()
  private startedAt = Date.now()
  private lastTradeLocalAt: number | null = null
  private lastPongAt: number | null = null
  private reconnectCount = 0
  private nextReconnectAt: number | null = null
  private lastError: ErrorInfo | null = null
  private lastClose: CloseInfo | null = null
  private reqSeq = 0
  private closeCause: GapCause = 'disconnect'
  private immediateReconnect = false
  private stopCause: GapCause | null = null

  constructor(private readonly cfg: CollectorConfig) {
    this.name = cfg.name
    this.category = cfg.category
    this.url = cfg.url
    this.restUrl = cfg.restUrl
    this.symbols = [...cfg.symbols]
    this.storage = cfg.storage
    this.t = cfg.timings
    this.log = new NamedLog(cfg.log, cfg.name)
    this.ingest = new FrameIngest({
      name: cfg.name,
      category: cfg.category,
      storage: cfg.storage,
      log: this.log,
      onFrame: cfg.onFrame,
      onStored: cfg.onStored
    })
    this.book = new SubscriptionBook(cfg.symbols)
    this.backoff = new Backoff({
      baseMs: this.t.backoffBaseMs,
      capMs: this.t.backoffCapMs,
      minMs: this.t.backoffMinMs,
      random: cfg.random
    })
    this.budget = cfg.connectBudget ?? new ConnectBudget(this.t.connectBudget, this.t.connectBudgetWindowMs)
    this.heartbeat = new Heartbeat({
      intervalMs: this.t.pingIntervalMs,
      pongTimeoutMs: this.t.pongTimeoutMs,
      sendPing: () => this.sendPing(),
      onPongTimeout: (timeoutMs) => this.onPongTimeout(timeoutMs)
    })
  }

  /** A fresh, stopped collector with the same recipe and the same storage (restart). */
  recreate(): BybitTradesCollector {
    return new BybitTradesCollector({ ...this.cfg, connectBudget: this.budget })
  }

  get counters(): IngestCounters {
    return this.ingest.counters
  }

  /** Subscribed to at least one topic on an open socket. */
  get isActive(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN && this.book.countIn('subscribed') > 0
  }

  get currentPhase(): CollectorPhase {
    return this.phase
  }

  private get phase(): CollectorPhase {
    return this.currentPhaseValue
  }

  private set phase(next: CollectorPhase) {
    if (next === this.currentPhaseValue) return
    this.currentPhaseValue = next
    this.onPhaseChange?.(next)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.stopCause = null
    this.tasks = {
      socket: this.cfg.tasks.register(`${this.name}.socket`, this.url),
      heartbeat: this.cfg.tasks.register(`${this.name}.heartbeat`, `ping every ${this.t.pingIntervalMs / 1000} s`),
      watchdog: this.cfg.tasks.register(`${this.name}.watchdog`, null)
    }
    this.rest = new BybitRestClient({
      baseUrl: this.restUrl,
      timeoutMs: this.t.restTimeoutMs,
      requestsPerSecond: this.t.restRequestsPerSecond
    })
    this.backfill = new GapBackfill({
      collector: this.name,
      category: this.category,
      storage: this.storage,
      gaps: this.cfg.gaps,
      client: this.rest,
      counters: this.ingest.counters,
      log: this.log,
      task: this.cfg.tasks.register(`${this.name}.backfill`, `REST recent-trade from ${this.restUrl}`),
      onStored: this.cfg.onStored,
      unusable: restMismatch(this.url, this.restUrl)
    })
    this.lastWatchdogAt = Date.now()
    this.startedAt = Date.now()
    this.watchdogTimer = setInterval(() => this.watchdogTick(Date.now()), this.t.watchdogIntervalMs)
    this.tasks.watchdog.set('running')
    this.connect()
  }

  /** Closes the socket and clears every timer. `cause` 'restart' records gaps for the topics that were live. */
  async stop(cause: GapCause | null = null): Promise<void> {
    if (!this.running) return
    this.running = false
    this.stopCause = cause
    this.clearTimer('backoff')
    this.clearTimer('watchdog')
    this.stopHeartbeat()
    const ws = this.ws
    if (ws) {
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'collector stopped')
      else ws.terminate()
      let grace: NodeJS.Timeout | null = null
      await Promise.race([
        this.socketClosed,
        new Promise<void>((resolve) => {
          grace = setTimeout(resolve, this.t.closeTimeoutMs)
        })
      ])
      if (grace) clearTimeout(grace)
      ws.terminate()
      await this.socketClosed
    }
    this.ws = null
    this.rest?.close()
    await this.backfill?.close()
    this.rest = null
    this.backfill = null
    this.phase = 'stopped'
    this.nextReconnectAt = null
    this.connectedSince = null
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
    if (this.backoffTimer) {
      this.clearTimer('backoff')
      this.reconnectCount++
      this.connect()
      return
    }
    if (this.ws) {
      this.immediateReconnect = immediate
      this.ws.terminate()
    }
  }

  /** After sleep/resume: ping now and terminate unless the pong comes back quickly. */
  onResume(): void {
    if (!this.running) return
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.log.info('Resumed from sleep: checking the connection with an immediate ping')
      this.closeCause = 'resume'
      this.heartbeat.ping(this.t.resumePongTimeoutMs, true)
    } else if (this.backoffTimer) this.reconnectNow('resumed from sleep')
  }

  /** Once a second, by the engine. */
  sampleRates(now: number): void {
    this.msgRate.sample(this.ingest.counters.messages, now)
    this.tradeRate.sample(this.ingest.counters.tradesStored, now)
  }

  /** Raw frame entry point, also used by benchmarks without a socket. */
  ingestFrame(text: string, receivedAt: number): void {
    this.lastFrameAt = receivedAt
    const frame = this.ingest.handle(text, receivedAt)
    switch (frame.kind) {
      case 'trades':
        if (frame.trades.length > 0) {
          this.lastTradeLocalAt = receivedAt
          const last = frame.trades[frame.trades.length - 1].timestamp
          if (this.book.noteTrades(frame.topic, frame.trades.length, last, receivedAt)) {
            this.log.info(`Subscription to ${frame.topic} confirmed by its data`)
            this.onTopicLive(frame.symbol, receivedAt)
          }
          if (this.phase === 'stale') {
            this.phase = 'streaming'
            this.log.info(`Trades flowing again on ${frame.topic}`)
          }
        }
        break
      case 'subscribe':
        this.onSubscribeReply(frame, receivedAt)
        break
      case 'pong':
        this.onPong(receivedAt)
        break
      case 'other':
        if (frame.error !== null) this.log.warning(`Exchange error reply: ${frame.error}`, 'exchange_error')
        break
      case 'malformed':
        break
    }
  }

  status(): CollectorStatus {
    const c = this.ingest.counters
    let state = STATE_OF_PHASE[this.phase]
    if (state === 'connecting' && this.reconnectCount > 0) state = 'reconnecting'
    return {
      name: this.name,
      status: state,
      phase: this.phase,
      is_active: this.isActive,
      exchange: 'bybit',
      category: this.category,
      url: this.url,
      rest_url: this.restUrl,
      symbols: [...this.symbols],
      subscriptions: this.book.snapshot(),
      messages_received: c.messages,
      trades_processed: c.tradesStored,
      parse_errors: c.parseErrors,
      trades_rejected: c.rejected,
      duplicates_dropped: c.duplicates,
      last_message_at: c.lastMessageAt,
      last_trade_at: c.lastTradeAt,
      last_pong_at: this.lastPongAt,
      connected_since: this.connectedSince,
      reconnect_count: this.reconnectCount,
      next_reconnect_at: this.nextReconnectAt,
      last_error: this.lastError,
      last_close: this.lastClose,
      messages_per_s: this.msgRate.perSecond(),
      trades_per_s: this.tradeRate.perSecond(),
      latency: c.latency.summary(),
      open_gaps: this.cfg.gaps.openCount(this.name),
      connect_budget: this.budget.snapshot()
    }
  }

  private connect(): void {
    const wait = this.budget.take()
    if (wait > 0) {
      const { limit, window_s } = this.budget.snapshot()
      const message = `Connection budget spent (${limit} attempts per ${window_s} s): next attempt in ${(wait / 1000).toFixed(1)} s`
      this.log.warning(message, 'connect_budget')
      this.recordError('connect_budget', message, Date.now())
      this.scheduleReconnect(wait)
      return
    }
    this.refused = null
    this.nextReconnectAt = null
    this.phase = 'connecting'
    this.log.info(`Connecting to WebSocket: ${this.url}`)
    this.tasks?.socket.set('starting', this.url)
    let ws: WebSocket
    try {
      ws = new WebSocket(this.url, {
        handshakeTimeout: this.t.handshakeTimeoutMs,
        maxPayload: MAX_PAYLOAD,
        perMessageDeflate: false,
        followRedirects: false,
        // A message in many tiny fragments is a memory DoS; Bybit sends whole messages.
        maxFragments: MAX_FRAGMENTS
      })
    } catch (e) {
      this.onError(e as Error)
      this.scheduleReconnect()
      return
    }
    this.ws = ws
    let closed: () => void = () => {}
    this.socketClosed = new Promise<void>((resolve) => (closed = resolve))
    ws.on('open', () => {
      if (this.ws === ws) this.onOpen()
    })
    ws.on('message', (data) => {
      if (this.ws === ws) {
        this.ingestFrame(rawText(data), Date.now())
        this.tasks?.socket.touch()
      }
    })
    ws.on('unexpected-response', (_req, res) => {
      // Handled here (not as ws's generic error) to read Retry-After and Location; never followed.
      this.refused = {
        status: res.statusCode ?? 0,
        retryAfterMs: retryAfterMs(res.headers['retry-after'], Date.now()),
        location: typeof res.headers.location === 'string' ? res.headers.location : null
      }
      res.resume()
      ws.terminate()
    })
    ws.on('error', (err) => {
      if (this.ws === ws) this.onError(err)
    })
    ws.on('close', (code, reason) => {
      closed()
      if (this.ws === ws) this.onClose(code, reason.toString('utf8'))
    })
  }

  private onOpen(): void {
    const now = Date.now()
    this.connectedSince = now
    this.lastFrameAt = now
    this.subscribedThisConnection = false
    this.phase = 'open'
    this.log.info(`WebSocket connection established for ${this.name}`)
    this.log.info('Connected to Bybit WebSocket API v5')
    this.tasks?.socket.set('running', this.url)
    this.book.resetForConnection()
    this.startHeartbeat()
    this.subscribe(this.book.allTopics(), now)
  }

  private subscribe(topics: string[], now: number): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || topics.length === 0) return
    const requests = this.book.request(
      topics,
      SUBSCRIBE_BATCH[this.category],
      now,
      () => `${this.name}-sub-${++this.reqSeq}`
    )
    for (const r of requests) {
      this.ws.send(JSON.stringify({ op: 'subscribe', req_id: r.reqId, args: r.args }))
      this.log.info(`Subscribing to: ${r.args.join(', ')} (req_id ${r.reqId})`)
    }
    if (this.phase === 'open') this.phase = 'subscribing'
  }

  private onSubscribeReply(reply: SubscribeReply, now: number): void {
    if (reply.op !== 'subscribe') return
    const out = this.book.apply(reply, now)
    for (const topic of out.subscribed) {
      this.log.info(`Successfully subscribed to: ${topic}`)
      this.onTopicLive(topic.slice(TRADE_TOPIC_PREFIX.length), now)
    }
    for (const f of out.failed) {
      const message = `Subscription to ${f.topic} failed: ${f.reason}`
      this.log.error(message, 'subscribe_failed')
      this.recordError('subscribe_failed', message, now)
    }
    if (out.leftover.length > 0) this.subscribe(out.leftover, now)
    if (out.unmatched) this.log.warning(`Subscribe reply matched no request: ${reply.retMsg || '(empty ret_msg)'}`)
    this.settlePhase()
  }

  private onTopicLive(symbol: string, now: number): void {
    this.subscribedThisConnection = true
    const gap = this.cfg.gaps.closeGap(this.name, symbol, now)
    if (gap) this.backfill?.enqueue(gap)
    this.settlePhase()
  }

  /** subscribing → streaming once no topic waits for an answer and at least one is live. */
  private settlePhase(): void {
    if (this.phase !== 'open' && this.phase !== 'subscribing') return
    if (this.book.countIn('pending') === 0 && this.book.countIn('subscribed') > 0) this.phase = 'streaming'
  }

  private onPong(now: number): void {
    this.lastPongAt = now
    this.heartbeat.pong()
    this.closeCause = 'disconnect'
    this.tasks?.heartbeat.touch()
  }

  private startHeartbeat(): void {
    this.heartbeat.start()
    this.tasks?.heartbeat.set('running')
  }

  private stopHeartbeat(): void {
    this.heartbeat.stop()
    this.tasks?.heartbeat.set('idle')
  }

  private sendPing(): boolean {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN) return false
    ws.send(JSON.stringify({ op: 'ping', req_id: `${this.name}-ping-${++this.reqSeq}` }))
    this.tasks?.heartbeat.touch()
    return true
  }

  private onPongTimeout(timeoutMs: number): void {
    const message = `No pong within ${timeoutMs / 1000} s, terminating the connection`
    this.log.warning(message, 'pong_timeout')
    this.recordError('pong_timeout', message, Date.now())
    if (this.closeCause === 'disconnect') this.closeCause = 'stale'
    this.ws?.terminate()
  }

  private watchdogTick(now: number): void {
    this.tasks?.watchdog.touch()
    const stalled = now - this.lastWatchdogAt > 2 * this.t.watchdogIntervalMs + 100
    this.lastWatchdogAt = now
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN) return
    // After an event-loop stall, frames may be waiting unread: judge silence on the next tick.
    if (stalled) return
    if (now - this.lastFrameAt > this.t.silenceTimeoutMs) {
      const message = `No data and no pong for ${Math.round((now - this.lastFrameAt) / 1000)} s, terminating the connection`
      this.log.warning(message, 'silent_connection')
      this.recordError('silent_connection', message, now)
      this.closeCause = 'stale'
      ws.terminate()
      return
    }
    const { retry, exhausted } = this.book.expire(now, this.t.ackTimeoutMs)
    if (exhausted.length > 0) {
      this.recordError('ack_timeout', `no subscribe reply for ${exhausted.join(', ')} after a retry`, now)
      this.reconnectNow(`no subscribe reply for ${exhausted.join(', ')} after a retry`, false)
      return
    }
    if (retry.length > 0) {
      this.log.warning(`No subscribe reply for ${retry.join(', ')}, subscribing again`, 'ack_timeout')
      this.subscribe(retry, now)
    }
    if (this.phase === 'streaming') {
      const since = Math.max(this.lastTradeLocalAt ?? 0, this.connectedSince ?? 0)
      if (now - since > this.t.dataStaleMs) {
        this.phase = 'stale'
        this.log.warning(
          `No trades for ${Math.round((now - since) / 1000)} s on subscribed topics (the connection answers pings)`,
          'data_stale'
        )
      }
    }
  }

  private onError(err: Error): void {
    if (this.refused !== null) {
      const { code, message, minNextDelayMs } = judgeRefusal(this.refused, this.t.rejectedUpgradeMinMs)
      if (minNextDelayMs !== null) this.minNextDelayMs = minNextDelayMs
      this.recordError(code, message, Date.now())
      this.log.error(`WebSocket connection error: ${message}`, code)
      return
    }
    const code = (err as NodeJS.ErrnoException).code ?? 'ws_error'
    this.recordError(code, err.message, Date.now())
    this.log.error(`WebSocket connection error: ${err.message}`, code)
  }

  private recordError(code: string, message: string, at: number): void {
    this.lastError = { code, message, at }
    this.tasks?.socket.fail(this.lastError)
  }

  private onClose(code: number, reason: string): void {
    const now = Date.now()
    this.ws = null
    this.stopHeartbeat()
    this.lastClose = { code, reason, at: now }
    const closed = `WebSocket closed for ${this.name} (code ${code}${reason ? `: ${reason}` : ''})`
    if (this.running) this.log.warning(closed, 'ws_closed')
    else this.log.info(closed)
    if (
      this.connectedSince !== null &&
      this.subscribedThisConnection &&
      now - this.connectedSince >= this.t.stableAfterMs
    ) {
      this.backoff.reset()
    }
    const cause = this.running ? this.closeCause : this.stopCause
    if (cause !== null) {
      for (const { symbol, lastTradeAt } of this.book.subscribedSymbols()) {
        // No trade seen yet on the topic: everything since the collector started may be missing (a match
        // can be stamped a little before it is pushed, hence the second of margin). Backfill skips what is held.
        this.cfg.gaps.openGap(this.name, symbol, lastTradeAt ?? this.startedAt - UNSEEN_MARGIN_MS, cause)
      }
    }
    this.connectedSince = null
    this.closeCause = 'disconnect'
    this.book.resetForConnection()
    if (this.running) this.scheduleReconnect()
  }

  private scheduleReconnect(floorMs = 0): void {
    const delay = Math.max(floorMs, this.minNextDelayMs, this.immediateReconnect ? 0 : this.backoff.next())
    this.immediateReconnect = false
    this.minNextDelayMs = 0
    const at = Date.now() + delay
    this.nextReconnectAt = at
    this.phase = 'backoff'
    this.tasks?.socket.set('backoff', `next attempt at ${new Date(at).toISOString()}`)
    this.log.info(`Reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${this.reconnectCount + 1})`)
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = null
      this.reconnectCount++
      this.connect()
    }, delay)
  }

  private clearTimer(which: 'watchdog' | 'backoff'): void {
    if (which === 'watchdog' && this.watchdogTimer) clearInterval(this.watchdogTimer)
    if (which === 'backoff' && this.backoffTimer) clearTimeout(this.backoffTimer)
    this[`${which}Timer`] = null
  }
}
