import { EventEmitter } from 'node:events'
import type {
  Category,
  CloseInfo,
  CollectorPhase,
  CollectorStatus,
  ConnectionStatus,
  ErrorInfo,
  GapCause
} from '../../../shared/dto'
import { NamedLog } from '../log/engine-log'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import type { CollectorConfig, CollectorEvents, MarketSpec } from './collector-config'
import { CollectorRuntime } from './collector-runtime'
import { projectStatus, StatusRates, worstPhase } from './collector-status'
import { ConnectBudget } from './connect-budget'
import { IngestCounters } from './frame-ingest'
import { ListingWatch } from './listing'
import { argsChars, fits, planShards, topicChars, type ShardLimits } from './shard-plan'
import { DELISTED_DETAIL } from './subscription-flow'
import { TradeConnection, type ConnectionHooks } from './trade-connection'

export type { CollectorConfig, CollectorEvents, MarketSpec } from './collector-config'

const first = <T>(xs: readonly T[], pick: (x: T) => number | null, better: (a: number, b: number) => boolean) => {
  let out: number | null = null
  for (const x of xs) {
    const v = pick(x)
    if (v !== null && (out === null || better(v, out))) out = v
  }
  return out
}

/**
 * `bybit_trades`: Bybit V5 public trades for one or more categories and many symbols, over one
 * connection per category and shard (`TradeConnection`). Its phase is the worst of its connections';
 * they share one connect budget, one REST client (backfill and instrument listings) and one set of
 * counters. With `ALL`, a category's symbols come from its instrument listing, read again periodically.
 */
export class BybitTradesCollector extends EventEmitter<CollectorEvents> {
  readonly name: string
  readonly category: Category
  readonly url: string
  readonly storage: TradeStorage
  readonly counters = new IngestCounters()
  private readonly log: NamedLog
  private readonly markets: readonly MarketSpec[]
  private readonly budget: ConnectBudget
  private readonly limits: ShardLimits
  private readonly labelled: boolean
  private readonly rates = new StatusRates()
  private readonly connections: TradeConnection[] = []
  private readonly listings = new Map<Category, ListingWatch>()
  private readonly shardsMade = new Map<Category, number>()
  private readonly hooks: ConnectionHooks
  private run: CollectorRuntime | null = null
  private phaseValue: CollectorPhase = 'idle'
  private running = false
  private seq = 0
  private lastError: ErrorInfo | null = null
  private lastClose: CloseInfo | null = null
  private stopping: Promise<void> | null = null

  constructor(private readonly cfg: CollectorConfig) {
    super()
    this.name = cfg.name
    this.storage = cfg.storage
    this.markets = cfg.markets ?? [{ category: cfg.category, url: cfg.url, symbols: cfg.symbols }]
    this.category = this.markets[0]?.category ?? cfg.category
    this.url = this.markets[0]?.url ?? cfg.url
    const t = cfg.timings
    this.log = new NamedLog(cfg.log, cfg.name)
    this.budget = cfg.connectBudget ?? new ConnectBudget(t.connectBudget, t.connectBudgetWindowMs)
    this.limits = { maxArgsChars: t.maxArgsCharsPerConnection, maxTopics: t.maxTopicsPerConnection }
    this.hooks = {
      phase: () => this.refreshPhase(),
      error: (error) => this.recordError(error),
      close: (info) => {
        this.lastClose = info
        this.emit('close', info)
      },
      frame: (text) => this.emit('frame', text),
      trade: (trade) => this.emit('trade', trade)
    }
    const plans = this.markets.map((m) => (m.symbols === 'ALL' ? [] : planShards(m.symbols, this.limits)))
    this.labelled = this.markets.length > 1 || this.markets.some((m, i) => m.symbols === 'ALL' || plans[i].length > 1)
    this.markets.forEach((m, i) => plans[i].forEach((symbols) => this.addConnection(m, symbols)))
  }

  /** A fresh, stopped collector with the same recipe, storage and connect budget (restart). */
  recreate(): BybitTradesCollector {
    return new BybitTradesCollector({ ...this.cfg, connectBudget: this.budget })
  }

  /** Every symbol collected now, each once (a symbol in two categories is listed once). */
  get symbols(): readonly string[] {
    return [...new Set(this.connections.flatMap((c) => c.symbols()))]
  }

  /** What it collects, in words: `spot: BTCUSDT, ETHUSDT` or `linear: ALL listed; spot: BTCUSDT`. */
  get selection(): string {
    return this.markets
      .map((m) => `${m.category}: ${m.symbols === 'ALL' ? 'ALL listed' : m.symbols.join(', ')}`)
      .join('; ')
  }

  /** Subscribed to at least one topic on an open connection. */
  get isActive(): boolean {
    return this.connections.some((c) => c.isActive)
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
    const onStored = (trade: Trade): boolean => this.emit('trade', trade)
    const run = (this.run = new CollectorRuntime({
      ...this.cfg,
      category: this.category,
      url: this.url,
      log: this.log,
      counters: this.counters,
      onStored
    }))
    for (const m of this.markets) if (m.symbols === 'ALL') this.watchListing(m, run)
    for (const c of [...this.connections]) c.start()
    // No connection yet (ALL waits for its listing): connecting.
    this.refreshPhase()
  }

  /** Closes every connection and timer, ends in `final`; `cause` names the gaps. Joins a stop under way. */
  stop(cause: GapCause | null = null, final: 'stopped' | 'paused' = 'stopped'): Promise<void> {
    if (!this.running) return this.stopping ?? Promise.resolve()
    this.running = false
    return (this.stopping = (async () => {
      for (const watch of this.listings.values()) watch.stop()
      this.listings.clear()
      await Promise.all(this.connections.map((c) => c.stop(cause, final)))
      await this.run?.close()
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

  /** Drops every connection and reconnects: at once when `immediate` (a user, a wake), else after backoff. */
  reconnectNow(reason: string, immediate = true): void {
    if (!this.running) return
    if (!this.isActive) this.log.warning(`Collector ${this.name} not active, forcing reconnection`, 'forced_reconnect')
    else this.log.info(`Reconnecting ${this.name}: ${reason}`)
    for (const c of this.connections) c.restart(immediate)
  }

  /** After sleep/resume: each open connection pings now and is terminated unless the pong comes back quickly. */
  onResume(): void {
    for (const c of this.connections) c.onResume()
  }

  /** Once a second, by the engine: rates, and every folded log line. */
  sampleRates(now: number): void {
    this.rates.sample(this.counters, now)
    for (const c of this.connections) c.flushFolded(now)
  }

  /** Every connection's status, without the topics (metrics). */
  connectionStatuses(): ConnectionStatus[] {
    return this.ordered().map((c) => c.status())
  }

  status(): CollectorStatus {
    const conns = this.ordered()
    const facts = conns.map((c) => c.connectorFacts())
    return projectStatus(
      { ...this.cfg, category: this.category, url: this.url, symbols: this.symbols },
      {
        lastPongAt: first(
          conns,
          (c) => c.facts.lastPongAt,
          (a, b) => a > b
        ),
        lastError: this.lastError,
        lastClose: this.lastClose,
        phase: this.phaseValue,
        isActive: this.isActive,
        subscriptions: conns.flatMap((c) => c.flow.snapshot()),
        connectedSince: first(
          facts,
          (f) => f.connectedSince,
          (a, b) => a < b
        ),
        reconnectCount: facts.reduce((n, f) => n + f.reconnectCount, 0),
        nextReconnectAt: first(
          facts,
          (f) => f.nextReconnectAt,
          (a, b) => a < b
        ),
        connectBudget: this.budget.snapshot(),
        proxy: facts.find((f) => f.proxy !== null)?.proxy ?? null,
        ...this.rates.perSecond(),
        counters: this.counters,
        openGaps: this.cfg.gaps.openCount(this.name),
        categories: this.markets.map((m) => m.category),
        connections: conns.map((c) => c.status()),
        listings: [...this.listings.values()].map((w) => w.status())
      }
    )
  }

  /** In the order of the markets (as configured), then by shard: listings may arrive in any order. */
  private ordered(): TradeConnection[] {
    const order = (c: TradeConnection): number => this.markets.findIndex((m) => m.category === c.category)
    return [...this.connections].sort((a, b) => order(a) - order(b) || a.shard - b.shard)
  }

  private addConnection(market: MarketSpec, symbols: readonly string[]): TradeConnection {
    const shard = this.shardsMade.get(market.category) ?? 0
    this.shardsMade.set(market.category, shard + 1)
    const conn = new TradeConnection({
      ...this.cfg,
      collector: this.name,
      category: market.category,
      shard,
      url: market.url,
      symbols,
      labelled: this.labelled,
      log: this.log,
      connectBudget: this.budget,
      counters: this.counters,
      nextId: (kind) => `${this.name}-${kind}-${++this.seq}`,
      backfill: () => this.run?.backfill ?? null,
      hooks: this.hooks
    })
    this.connections.push(conn)
    if (this.running) conn.start()
    return conn
  }

  private watchListing(market: MarketSpec, run: CollectorRuntime): void {
    const { category } = market
    const task = this.cfg.tasks.register(
      `${this.name}.${category}.listing`,
      `REST instruments-info from ${this.cfg.restUrl}`
    )
    const watch = new ListingWatch({
      category,
      client: run.rest,
      timings: this.cfg.timings,
      log: this.log,
      task,
      listed: (symbols) => {
        if (this.running && this.listings.get(category) === watch) this.applyListing(market, symbols, watch)
      },
      failed: (error) => this.recordError(error)
    })
    this.listings.set(category, watch)
    watch.start()
  }

  /** A listing read: delistings dropped from their connections, new listings added where they fit, else on new connections. */
  private applyListing(market: MarketSpec, listed: readonly string[], watch: ListingWatch): void {
    const mine = this.connections.filter((c) => c.category === market.category)
    const held = new Map<string, TradeConnection>()
    for (const c of mine) for (const s of c.symbols()) held.set(s, c)
    if (listed.length === 0 && held.size > 0) {
      // An empty board is far likelier a glitch than every instrument delisted at once.
      const why = `instruments-info for ${market.category} listed no Trading instrument: keeping the ${held.size} held`
      return this.log.warning(why, 'listing_failed')
    }
    const listedSet = new Set(listed)
    const gone = [...held.keys()].filter((s) => !listedSet.has(s))
    const fresh = listed.filter((s) => !held.has(s))
    for (const c of mine) {
      const drop = gone.filter((s) => held.get(s) === c)
      if (drop.length > 0) c.removeSymbols(drop)
    }
    for (const c of mine.filter((c) => c.topicCount === 0)) this.dropConnection(c)
    // Open gaps of symbols not listed that no connection carries (left by an earlier run of this
    // collector, e.g. a restart during which the symbol was delisted): nothing would ever close them.
    // Not on an empty listing (a glitch, see above).
    const unlisted = (g: { category?: Category; symbol: string }): boolean =>
      (g.category ?? this.category) === market.category && !listedSet.has(g.symbol)
    if (listed.length > 0) this.cfg.gaps.retire(this.name, (g) => !unlisted(g), Date.now(), DELISTED_DETAIL)
    let rest = fresh
    const last = this.connections.filter((c) => c.category === market.category).at(-1)
    if (last && rest.length > 0) {
      let count = last.topicCount
      let chars = argsChars(last.symbols())
      const take: string[] = []
      for (const s of rest) {
        if (!fits(count, chars, s, this.limits)) break
        chars = count === 0 ? 1 + topicChars(s) : chars + topicChars(s)
        count++
        take.push(s)
      }
      if (take.length > 0) last.addSymbols(take)
      rest = rest.slice(take.length)
    }
    for (const group of planShards(rest, this.limits)) this.addConnection(market, group)
    if (held.size > 0 && (fresh.length > 0 || gone.length > 0)) {
      watch.changed(fresh.length, gone.length)
      this.log.info(
        `Listing changed for ${market.category}: ${fresh.length} new symbol(s) subscribed, ${gone.length} delisted and dropped`
      )
    }
  }

  private dropConnection(conn: TradeConnection): void {
    this.connections.splice(this.connections.indexOf(conn), 1)
    void conn.stop(null, 'stopped')
    this.refreshPhase()
  }

  /** While running, the phase is the worst of the connections' (connecting while none exists yet). */
  private refreshPhase(): void {
    if (!this.running) return
    this.phase = worstPhase(
      this.connections.map((c) => c.phase),
      'connecting'
    )
  }

  private recordError(error: ErrorInfo): void {
    this.lastError = error
    // EventEmitter throws an `error` nobody listens to; the status keeps it either way.
    if (this.listenerCount('error') > 0) this.emit('error', error)
  }
}
