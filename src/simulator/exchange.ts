// The simulated exchange: listed symbols, the order flow of every active symbol, the client
// sessions it pushes to, the tape it records, and the fault switches tests flip.
import { SymbolMarket } from './market'
import type { ClientSession, SessionHost } from './session'
import { Tape, tapeKey } from './tape'
import { TRADE_TOPIC_PREFIX } from '../shared/bybit-protocol'
import type { SentTrade, SimCategory } from './types'
import { encodeTradeFrame, tradeTopic } from './wire'

export interface ExchangeConfig {
  listed: Record<SimCategory, string[]>
  tradesPerSecond: number
  seed: number
  tickMs: number
  sentCapacity: number
  subscribeFailure: 'whole-request' | 'per-topic'
  log: (line: string) => void
}

/** Frames a match may be split over when the rate is high, so 20,000+ trades/s stays cheap. */
const MAX_FILLS_PER_FRAME = 1024

export class Exchange implements SessionHost {
  stalled = false
  answeringPings = true
  ackingSubscribes = true
  paused = false
  refusing = false
  readonly sessions = new Set<ClientSession>()
  readonly tape: Tape
  readonly subscribeFailure: 'whole-request' | 'per-topic'
  private readonly listed: Record<SimCategory, Set<string>>
  /** Symbols the market trades on its own: every symbol ever subscribed (the market does not stop when clients leave). */
  private readonly active: Record<SimCategory, Set<string>> = { spot: new Set(), linear: new Set(), inverse: new Set() }
  private readonly markets = new Map<string, SymbolMarket>()
  private readonly carry = new Map<string, number>()
  private readonly rejections = new Map<string, string>()
  private readonly everSubscribed = new Set<string>()
  private readonly pendingDuplicates = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private lastTick = 0
  /** Observer for new subscriptions (the replay starts on the first one to a replayed topic). */
  onSubscribed: ((category: SimCategory, topics: string[]) => void) | undefined

  constructor(private readonly config: ExchangeConfig) {
    this.tape = new Tape(config.sentCapacity)
    this.subscribeFailure = config.subscribeFailure
    this.listed = {
      spot: new Set(config.listed.spot),
      linear: new Set(config.listed.linear),
      inverse: new Set(config.listed.inverse)
    }
  }

  log(line: string): void {
    this.config.log(line)
  }

  start(): void {
    if (this.config.tradesPerSecond <= 0) return
    this.lastTick = Date.now()
    this.timer = setInterval(() => this.tick(), this.config.tickMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  list(category: SimCategory, symbol: string): void {
    this.listed[category].add(symbol)
  }

  isListed(category: SimCategory, symbol: string): boolean {
    return this.listed[category].has(symbol)
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
      this.active[session.category].add(symbol)
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
    if (!m) this.markets.set(key, (m = new SymbolMarket(category, symbol, this.config.seed)))
    return m
  }

  /** Emits the trades that fell due since the last tick, spreading their match times over the interval. */
  private tick(): void {
    const now = Date.now()
    const elapsed = Math.max(0, now - this.lastTick)
    const from = this.lastTick
    this.lastTick = now
    if (this.paused) return
    for (const category of ['spot', 'linear', 'inverse'] as const) {
      for (const symbol of this.active[category]) {
        const key = tapeKey(category, symbol)
        const due = (this.config.tradesPerSecond * elapsed) / 1000 + (this.carry.get(key) ?? 0)
        const n = Math.floor(due)
        this.carry.set(key, due - n)
        if (n > 0) this.generate(category, symbol, n, from, elapsed)
      }
    }
  }

  private generate(category: SimCategory, symbol: string, n: number, from: number, elapsed: number): void {
    const market = this.market(category, symbol)
    const maxFills = Math.min(MAX_FILLS_PER_FRAME, Math.max(9, Math.ceil(n / 40)))
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
