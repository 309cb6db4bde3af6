// The simulated exchange: the listed instruments, the order flow of every active symbol, the client
// sessions it pushes to, the tape it records, its counters, and the fault switches tests flip.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { Catalog } from './catalog'
import { assignZipfWeights, dueTrades, overlapMs, type Burst, type FlowConfig, type FlowEntry } from './flow'
import type { SlidingWindow } from './limits'
import { SymbolMarket } from './market'
import type { ClientSession, SessionHost } from './session'
import { SimStats, type Rejection, type SimStatsSnapshot } from './stats'
import { Tape, tapeKey } from './tape'
import { TRADE_TOPIC_PREFIX } from '../shared/bybit-protocol'
import type { SentTrade, SimCategory } from './types'
import { encodeTradeFrame, tradeTopic } from './wire'

export interface ExchangeConfig {
  catalog: Catalog
  flow: FlowConfig
  seed: number
  tickMs: number
  sentCapacity: number
  subscribeFailure: 'whole-request' | 'per-topic'
  maxArgsChars: number
  unfilteredListing: boolean
  restWindow: SlidingWindow
  log: (line: string) => void
}

/** Frames a match may be split over when the rate is high, so 20,000+ trades/s stays cheap. */
const MAX_FILLS_PER_FRAME = 1024

interface ActiveEntry extends FlowEntry {
  readonly category: SimCategory
  readonly symbol: string
}

export class Exchange implements SessionHost {
  stalled = false
  answeringPings = true
  ackingSubscribes = true
  paused = false
  refusing = false
  readonly sessions = new Set<ClientSession>()
  readonly tape: Tape
  readonly subscribeFailure: 'whole-request' | 'per-topic'
  readonly maxArgsChars: number
  readonly catalog: Catalog
  readonly unfilteredListing: boolean
  readonly restWindow: SlidingWindow
  readonly stats = new SimStats()
  burst: Burst | undefined
  /** Symbols the market trades on its own: every symbol ever subscribed (the market does not stop when clients leave). */
  private readonly active: Record<SimCategory, Set<string>> = { spot: new Set(), linear: new Set(), inverse: new Set() }
  private readonly markets = new Map<string, SymbolMarket>()
  /** The active symbols that trade now, with their weights; rebuilt when the board or the active set changes. */
  private entries: ActiveEntry[] = []
  private entriesVersion = -1
  private activeVersion = 0
  private readonly rejections = new Map<string, string>()
  private readonly everSubscribed = new Set<string>()
  private readonly pendingDuplicates = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 })
  private lastTick = 0
  /** Observer for new subscriptions (the replay starts on the first one to a replayed topic). */
  onSubscribed: ((category: SimCategory, topics: string[]) => void) | undefined

  constructor(private readonly config: ExchangeConfig) {
    this.tape = new Tape(config.sentCapacity)
    this.subscribeFailure = config.subscribeFailure
    this.maxArgsChars = config.maxArgsChars
    this.catalog = config.catalog
    this.unfilteredListing = config.unfilteredListing
    this.restWindow = config.restWindow
  }

  log(line: string): void {
    this.config.log(line)
  }

  /** Starts the one generator timer, unless nothing would ever trade on its own (tests inject trades). */
  start(): void {
    this.loopDelay.enable()
    const { perSymbolRate, totalRate } = this.config.flow
    if (perSymbolRate > 0 || (totalRate ?? 0) > 0) this.ensureTimer()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.loopDelay.disable()
  }

  /** `from`: where the first tick's interval begins (a burst's start, so none of its window is skipped). */
  private ensureTimer(from = Date.now()): void {
    if (this.timer) return
    this.lastTick = from
    this.timer = setInterval(() => this.tick(), this.config.tickMs)
  }

  /** A liquidation cascade: `rate` trades/s over the subscribed symbols for `seconds`, from now. */
  startBurst(rate: number, seconds: number): Burst {
    const now = Date.now()
    this.burst = { start: now, end: now + seconds * 1000, rate }
    this.stats.burstsStarted++
    this.log(`burst: ${rate} trades/s for ${seconds} s`)
    this.ensureTimer(now)
    return this.burst
  }

  rejected(r: Rejection): void {
    this.stats.rejected(r)
  }

  countSubscribe(accepted: boolean): void {
    this.stats.subscribeTotal++
    if (accepted) this.stats.subscribeAccepted++
  }

  /** The counters as `GET /sim/stats` shows them. */
  statsSnapshot(): SimStatsSnapshot {
    const st = this.stats
    const open: Record<SimCategory, number> = { spot: 0, linear: 0, inverse: 0 }
    const topics: Record<SimCategory, Set<string>> = { spot: new Set(), linear: new Set(), inverse: new Set() }
    for (const s of this.sessions) {
      open[s.category]++
      for (const t of s.topics) topics[s.category].add(t)
    }
    // Active until a tick past its end has generated its last trades.
    const burst = this.burst
    return {
      connections: {
        open: this.sessions.size,
        open_by_category: open,
        opened_total: st.openedTotal,
        refused_total: st.refusedTotal(),
        refused_by_reason: { ...st.refused },
        each: [...this.sessions].map((s) => ({
          conn_id: s.connId,
          category: s.category,
          remote: s.remote,
          topics: s.topics.size,
          args_chars: s.argsChars
        }))
      },
      subscribe_requests: {
        total: st.subscribeTotal,
        accepted: st.subscribeAccepted,
        rejected: st.subscribeTotal - st.subscribeAccepted
      },
      rejected_requests: {
        total: st.rejectedTotal,
        by_reason: { ...st.rejectedByReason },
        recent: st.recentRejections()
      },
      topics_subscribed: { spot: topics.spot.size, linear: topics.linear.size, inverse: topics.inverse.size },
      rest_requests: { total: st.restRequests, refused: st.restRefused },
      trades_generated: st.tradesGenerated,
      frames_pushed: st.framesPushed,
      burst: {
        active: burst !== undefined,
        rate: burst?.rate ?? 0,
        until: burst?.end ?? null,
        started_total: st.burstsStarted
      },
      instruments: {
        spot: this.catalog.statusCounts('spot'),
        linear: this.catalog.statusCounts('linear'),
        inverse: this.catalog.statusCounts('inverse')
      },
      event_loop_delay_ms: {
        p50: ms(this.loopDelay.percentile(50)),
        p99: ms(this.loopDelay.percentile(99)),
        max: ms(this.loopDelay.max)
      }
    }
  }

  list(category: SimCategory, symbol: string): void {
    this.catalog.list(category, symbol)
  }

  isListed(category: SimCategory, symbol: string): boolean {
    return this.catalog.isListed(category, symbol)
  }

  rejection(symbol: string): string | undefined {
    return this.rejections.get(symbol)
  }

  setRejection(symbol: string, retMsg: string | undefined): void {
    if (retMsg === undefined) this.rejections.delete(symbol)
    else this.rejections.set(symbol, retMsg)
  }

  /** Arms a one-time resend of the last k trades for every symbol that has been subscribed before. */
  armDuplicates(k: number): void {
    this.pendingDuplicates.clear()
    if (k <= 0) return
    for (const key of this.everSubscribed) this.pendingDuplicates.set(key, k)
  }

  subscribed(session: ClientSession, topics: string[]): void {
    for (const topic of topics) {
      const symbol = topic.slice(TRADE_TOPIC_PREFIX.length)
      const key = tapeKey(session.category, symbol)
      if (!this.active[session.category].has(symbol)) {
        this.active[session.category].add(symbol)
        this.activeVersion++
      }
      const k = this.pendingDuplicates.get(key)
      if (k !== undefined && this.everSubscribed.has(key)) {
        this.pendingDuplicates.delete(key)
        const again = this.tape.last(session.category, symbol, k)
        if (again.length > 0) session.send(encodeTradeFrame(session.category, symbol, Date.now(), again))
        this.log(`[${session.category}] resent ${again.length} trades of ${symbol} as duplicates`)
      }
      this.everSubscribed.add(key)
    }
    this.onSubscribed?.(session.category, topics)
  }

  subscribers(category: SimCategory, topic: string): ClientSession[] {
    const out: ClientSession[] = []
    for (const s of this.sessions) if (s.category === category && s.topics.has(topic)) out.push(s)
    return out
  }

  /** Pushes one text frame to every subscriber of the topic; true when at least one got it. */
  push(category: SimCategory, topic: string, text: string): boolean {
    this.stats.framesPushed++
    let delivered = false
    for (const s of this.sessions) {
      if (s.category === category && s.topics.has(topic) && s.send(text)) delivered = true
    }
    return delivered
  }

  /** Frames trades of one symbol, pushes them and records them on the tape. */
  publish(category: SimCategory, symbol: string, ts: number, trades: SentTrade[]): void {
    for (const t of trades) t.ts = ts
    const delivered = this.push(category, tradeTopic(symbol), encodeTradeFrame(category, symbol, ts, trades))
    for (const t of trades) t.delivered = delivered
    this.stats.tradesGenerated += trades.length
    this.tape.record(trades)
  }

  /** Records trades that were pushed as an exact replayed frame. */
  recordReplayed(trades: SentTrade[], delivered: boolean): void {
    for (const t of trades) t.delivered = delivered
    this.tape.record(trades)
  }

  emit(category: SimCategory, symbol: string, n: number, perFrame?: number): SentTrade[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer')
    if (perFrame !== undefined && (!Number.isInteger(perFrame) || perFrame < 1)) {
      throw new RangeError('perFrame must be a positive integer')
    }
    const market = this.market(category, symbol)
    const out: SentTrade[] = []
    for (let left = n; left > 0;) {
      const size = Math.min(left, perFrame ?? market.matchSize(9))
      const now = Date.now()
      const trades = market.match(size, now - 1)
      this.publish(category, symbol, Math.max(now, trades[0].T), trades)
      out.push(...trades)
      left -= size
    }
    return out
  }

  private market(category: SimCategory, symbol: string): SymbolMarket {
    const key = tapeKey(category, symbol)
    let m = this.markets.get(key)
    if (!m) {
      const grid = this.catalog.get(category, symbol)?.instrument
      this.markets.set(key, (m = new SymbolMarket(category, symbol, this.config.seed, grid)))
    }
    return m
  }

  /** The active symbols whose instrument is Trading (PreLaunch, Delivering and Closed ones are quiet). */
  private trading(): ActiveEntry[] {
    const version = this.catalog.version * 1_000_003 + this.activeVersion
    if (version === this.entriesVersion) return this.entries
    const carry = new Map(this.entries.map((e) => [e.key, e.carry]))
    const out: ActiveEntry[] = []
    for (const category of ['spot', 'linear', 'inverse'] as const) {
      for (const symbol of this.active[category]) {
        const listing = this.catalog.get(category, symbol)
        if (!listing || listing.status !== 'Trading') continue
        const key = tapeKey(category, symbol)
        out.push({ category, symbol, key, rank: listing.rank + 1, weight: 0, carry: carry.get(key) ?? 0 })
      }
    }
    assignZipfWeights(out, this.config.flow.zipf)
    this.entries = out
    this.entriesVersion = version
    return out
  }

  /** Emits the trades that fell due since the last tick, spreading their match times over the interval. */
  private tick(): void {
    const now = Date.now()
    const elapsed = Math.max(0, now - this.lastTick)
    const from = this.lastTick
    this.lastTick = now
    const burst = this.burst
    if (burst && burst.end <= from) this.burst = undefined
    if (this.paused) return
    const burstMs = burst ? overlapMs(from, now, burst.start, burst.end) : 0
    const burstRate = burst?.rate ?? 0
    for (const entry of this.trading()) {
      const n = dueTrades(entry, this.config.flow, elapsed - burstMs, burstMs, burstRate)
      if (n > 0) this.generate(entry.category, entry.symbol, n, from, elapsed, burstMs > 0)
    }
  }

  private generate(
    category: SimCategory,
    symbol: string,
    n: number,
    from: number,
    elapsed: number,
    cascade: boolean
  ): void {
    const market = this.market(category, symbol)
    // A cascade sweeps the book: liquidations match as large multi-fill takers.
    const maxFills = Math.min(MAX_FILLS_PER_FRAME, Math.max(9, Math.ceil(n / (cascade ? 4 : 40))))
    for (let done = 0; done < n;) {
      const size = Math.min(n - done, market.matchSize(maxFills))
      done += size
      // Matched over the past interval; the exchange stamps the frame (ts) a millisecond or two later.
      const T = from - 2 + Math.floor((elapsed * done) / n)
      const trades = market.match(size, T)
      this.publish(category, symbol, Math.max(trades[0].T, Math.min(from + elapsed, trades[0].T + 2)), trades)
    }
  }
}

/** A histogram's nanoseconds as milliseconds with 0.1 ms precision (0 before the first sample). */
function ms(ns: number): number {
  return Number.isFinite(ns) ? Math.round(ns / 100_000) / 10 : 0
}
