import type { Category, GapCause, TopicStatus } from '../../../shared/dto'
import type { CollectorErrorCode } from '../../../shared/error-codes'
import { SPOT_SUBSCRIBE_MAX_ARGS, TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'
import type { SubscribeReply, TradesFrame } from '../bybit/frames'
import type { NamedLog } from '../log/engine-log'
import type { GapBackfill } from './backfill'
import type { GapTracker } from './gaps'
import type { Session } from './socket-session'
import { SubscriptionBook } from './subscriptions'

/** Bybit caps spot subscribe requests at 10 args; derivatives have no documented cap, keep them moderate. */
const SUBSCRIBE_BATCH: Record<Category, number> = { spot: SPOT_SUBSCRIBE_MAX_ARGS, linear: 100, inverse: 100 }
/** A gap on a topic with no trade seen yet starts this long before the collector did. */
const UNSEEN_MARGIN_MS = 1_000
/** How a gap of a delisted symbol is settled (not backfilled). */
export const DELISTED_DETAIL = 'delisted: no longer in the instrument listing, not backfilled'

export interface FlowOptions<C> {
  /** The collector's name: its gaps are recorded under it (with the category). */
  name: string
  /** The connection's id (`linear.0`), shown on each topic. */
  connection: string
  category: Category
  symbols: readonly string[]
  gaps: GapTracker
  log: NamedLog
  recordError: (code: CollectorErrorCode, message: string, at: number) => void
  /** Request ids come from the owner so they stay unique across its connections. */
  reqId: () => string
  /** Present while the collector runs. */
  backfill: () => GapBackfill | null
  /** A topic went live on connection `conn` (its gap is already closed). */
  live: (conn: C | null, now: number) => void
}

/**
 * A collector's trade topics: subscribe requests, the replies, a topic going live (which closes its
 * gap and queues the backfill), and the gaps a connection leaves when it ends with live topics.
 * `C` is the owner's connection handle, passed through so it knows where a topic went live.
 */
export class SubscriptionFlow<C extends { session: Session }> {
  readonly book: SubscriptionBook
  constructor(private readonly o: FlowOptions<C>) {
    this.book = new SubscriptionBook(o.symbols)
  }

  /** No topic waits for an answer and at least one is live. */
  get settled(): boolean {
    return this.book.countIn('pending') === 0 && this.book.countIn('subscribed') > 0
  }

  get live(): number {
    return this.book.countIn('subscribed')
  }

  snapshot(): TopicStatus[] {
    const { category, connection } = this.o
    return this.book.snapshot({ category, connection })
  }

  /** New symbols (a listing grew): subscribed at once on an open connection, else with the next one. */
  add(conn: C | null, symbols: readonly string[], now: number): string[] {
    const topics = this.book.add(symbols)
    this.subscribe(conn, topics, now)
    return topics
  }

  /**
   * Symbols no longer collected (delisted): unsubscribed on an open connection, forgotten, and their
   * open gaps settled `skipped`.
   */
  remove(conn: C | null, symbols: readonly string[], now: number): string[] {
    const topics = this.book.remove(symbols)
    if (topics.length === 0) return topics
    if (conn?.session.isOpen) {
      const batch = SUBSCRIBE_BATCH[this.o.category]
      for (let i = 0; i < topics.length; i += batch) {
        const args = topics.slice(i, i + batch)
        conn.session.send({ op: 'unsubscribe', req_id: this.o.reqId(), args })
        this.o.log.info(`Unsubscribing from: ${args.join(', ')}`)
      }
    }
    const gone = new Set(topics.map((t) => t.slice(TRADE_TOPIC_PREFIX.length)))
    const { name, category } = this.o
    this.o.gaps.retire(name, (g) => (g.category ?? category) !== category || !gone.has(g.symbol), now, DELISTED_DETAIL)
    return topics
  }

  /** A new connection asks for every topic again; false when nothing was sent. */
  subscribeAll(conn: C, now: number): boolean {
    this.book.resetForConnection()
    return this.subscribe(conn, this.book.allTopics(), now)
  }

  /** Sends subscribe requests for `topics`; false when nothing was sent. */
  subscribe(conn: C | null, topics: string[], now: number): boolean {
    if (!conn?.session.isOpen || topics.length === 0) return false
    for (const r of this.book.request(topics, SUBSCRIBE_BATCH[this.o.category], now, this.o.reqId)) {
      conn.session.send({ op: 'subscribe', req_id: r.reqId, args: r.args })
      this.o.log.info(`Subscribing to: ${r.args.join(', ')} (req_id ${r.reqId})`)
    }
    return true
  }

  onReply(conn: C | null, reply: SubscribeReply, now: number): void {
    const out = this.book.apply(reply, now)
    for (const topic of out.subscribed) {
      this.o.log.info(`Successfully subscribed to: ${topic}`)
      this.topicLive(conn, topic.slice(TRADE_TOPIC_PREFIX.length), now)
    }
    for (const f of out.failed) {
      const message = `Subscription to ${f.topic} failed: ${f.reason}`
      this.o.log.error(message, 'subscribe_failed')
      this.o.recordError('subscribe_failed', message, now)
    }
    if (out.leftover.length > 0) this.subscribe(conn, out.leftover, now)
    if (out.unmatched) this.o.log.warning(`Subscribe reply matched no request: ${reply.retMsg || '(empty ret_msg)'}`)
  }

  /** Trades on a topic whose reply never came also prove it live. */
  onTrades(conn: C | null, frame: TradesFrame, now: number): void {
    const last = frame.trades[frame.trades.length - 1].timestamp
    if (!this.book.noteTrades(frame.topic, frame.trades.length, last, now)) return
    this.o.log.info(`Subscription to ${frame.topic} confirmed by its data`)
    this.topicLive(conn, frame.symbol, now)
  }

  /** Ack deadlines: one resubscribe; still unanswered after it, the reason to reconnect (recorded), else null. */
  expire(conn: C, now: number, ackTimeoutMs: number): string | null {
    const { retry, exhausted } = this.book.expire(now, ackTimeoutMs)
    if (exhausted.length > 0) {
      const why = `no subscribe reply for ${exhausted.join(', ')} after a retry`
      this.o.recordError('ack_timeout', why, now)
      return why
    }
    if (retry.length > 0) {
      this.o.log.warning(`No subscribe reply for ${retry.join(', ')}, subscribing again`, 'ack_timeout')
      this.subscribe(conn, retry, now)
    }
    return null
  }

  /** The connection ended; with a `cause`, every topic that was live has a gap from its last trade. */
  connectionEnded(cause: GapCause | null, startedAt: number): void {
    if (cause !== null) {
      for (const { symbol, lastTradeAt } of this.book.subscribedSymbols()) {
        // No trade seen yet on the topic: everything since the collector started may be missing (a match
        // can be stamped a little before it is pushed, hence the second of margin). Backfill skips what is held.
        const from = lastTradeAt ?? startedAt - UNSEEN_MARGIN_MS
        this.o.gaps.openGap(this.o.name, symbol, from, cause, this.o.category)
      }
    }
    this.book.resetForConnection()
  }

  private topicLive(conn: C | null, symbol: string, now: number): void {
    const gap = this.o.gaps.closeGap(this.o.name, symbol, now, this.o.category)
    if (gap) this.o.backfill()?.enqueue(gap)
    this.o.live(conn, now)
  }
}
