import type { TopicStatus } from '../../../shared/dto'
import type { SubscribeReply } from '../bybit/frames'
import { TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'

export interface SubscribeRequest {
  reqId: string
  args: string[]
}

interface Outstanding {
  reqId: string
  topics: string[]
  sentAt: number
}

interface TopicEntry extends TopicStatus {
  /** The ack timeout already triggered one resubscribe on this connection. */
  retried: boolean
}

export interface ReplyOutcome {
  subscribed: string[]
  failed: { topic: string; reason: string }[]
  /** A reply that matched nothing we asked for. */
  unmatched: boolean
  /**
   * Topics of a refused request that the refusal did not name. Bybit names only one culprit and
   * may or may not have applied the rest, so the owner asks for them again: an
   * `already subscribed` answer then confirms them.
   */
  leftover: string[]
}

/** Bybit's words for "you already have it": the topic is live, so count it as subscribed. */
const ALREADY_SUBSCRIBED = 'already subscribed'

/**
 * Per-topic subscription state of one connection, driven by the replies. A reply is matched by
 * `req_id`, else by the topics named in `ret_msg` (`topic:publicTrade.X`, `[publicTrade.X]`), else
 * (no id, no topic, e.g. spot's `args size >10` or an ack without `req_id`) by the oldest request
 * still waiting: Bybit answers requests in order on a connection.
 */
export class SubscriptionBook {
  private readonly topics = new Map<string, TopicEntry>()
  private readonly outstanding: Outstanding[] = []

  constructor(symbols: readonly string[]) {
    this.add(symbols)
  }

  /** Topics of `symbols` not held yet, pending; returns the topics added. */
  add(symbols: readonly string[]): string[] {
    const added: string[] = []
    for (const symbol of symbols) {
      const topic = TRADE_TOPIC_PREFIX + symbol
      if (this.topics.has(topic)) continue
      added.push(topic)
      this.topics.set(topic, {
        topic,
        symbol,
        state: 'pending',
        reason: null,
        requested_at: null,
        acked_at: null,
        last_trade_at: null,
        trades: 0,
        retried: false
      })
    }
    return added
  }

  /** Forgets the topics of `symbols` (a delisting); replies about them are then unmatched. Returns the topics removed. */
  remove(symbols: readonly string[]): string[] {
    const removed: string[] = []
    for (const symbol of symbols) {
      const topic = TRADE_TOPIC_PREFIX + symbol
      if (this.topics.delete(topic)) removed.push(topic)
    }
    for (const r of this.outstanding) r.topics = r.topics.filter((t) => this.topics.has(t))
    return removed
  }

  get size(): number {
    return this.topics.size
  }

  has(symbol: string): boolean {
    return this.topics.has(TRADE_TOPIC_PREFIX + symbol)
  }

  /** A new connection: every topic must be asked for again. Trade counters survive. */
  resetForConnection(): void {
    this.outstanding.length = 0
    for (const t of this.topics.values()) {
      t.state = 'pending'
      t.reason = null
      t.requested_at = null
      t.acked_at = null
      t.retried = false
    }
  }

  allTopics(): string[] {
    return [...this.topics.keys()]
  }

  /** Splits `topics` into requests of at most `batchSize` args and marks them requested. */
  request(topics: readonly string[], batchSize: number, now: number, nextReqId: () => string): SubscribeRequest[] {
    const out: SubscribeRequest[] = []
    for (let i = 0; i < topics.length; i += batchSize) {
      const args = topics.slice(i, i + batchSize)
      const reqId = nextReqId()
      for (const topic of args) {
        const t = this.topics.get(topic)
        if (!t) continue
        t.state = 'pending'
        t.reason = null
        t.requested_at = now
      }
      this.outstanding.push({ reqId, topics: args, sentAt: now })
      out.push({ reqId, args })
    }
    return out
  }

  apply(reply: SubscribeReply, now: number): ReplyOutcome {
    const outcome: ReplyOutcome = { subscribed: [], failed: [], unmatched: false, leftover: [] }
    let req: Outstanding | undefined
    if (reply.reqId !== null) req = this.outstanding.find((r) => r.reqId === reply.reqId)
    const named = reply.topics.filter((t) => this.topics.has(t))
    let affected: string[]
    if (named.length > 0) affected = named
    else if (req) affected = req.topics
    else if (reply.topics.length === 0 && this.outstanding.length > 0) {
      req = this.outstanding[0]
      affected = req.topics
    } else {
      outcome.unmatched = true
      return outcome
    }
    const alreadyLive = !reply.success && reply.retMsg.includes(ALREADY_SUBSCRIBED)
    for (const topic of affected) {
      const t = this.topics.get(topic)
      if (!t) continue
      const failed = reply.failTopics.includes(topic) || (!reply.success && !alreadyLive)
      if (failed) {
        t.state = 'failed'
        t.reason = reply.retMsg || 'subscribe refused'
        outcome.failed.push({ topic, reason: t.reason })
      } else {
        if (t.state !== 'subscribed') outcome.subscribed.push(topic)
        t.state = 'subscribed'
        t.reason = null
        t.acked_at = now
      }
    }
    if (req && outcome.failed.length > 0) {
      outcome.leftover = req.topics.filter((topic) => this.topics.get(topic)?.state === 'pending')
    }
    // A request is settled once it was answered; leftovers are asked for again by the owner.
    if (
      req &&
      (outcome.leftover.length > 0 || req.topics.every((topic) => this.topics.get(topic)?.state !== 'pending'))
    ) {
      this.outstanding.splice(this.outstanding.indexOf(req), 1)
    }
    return outcome
  }

  /** Data on a topic proves the subscription even if its ack was lost or folded into another reply. */
  noteTrades(topic: string, n: number, lastTradeAt: number, now: number): boolean {
    const t = this.topics.get(topic)
    if (!t) return false
    t.trades += n
    t.last_trade_at = lastTradeAt
    if (t.state === 'pending' || t.state === 'timeout') {
      t.state = 'subscribed'
      t.reason = null
      t.acked_at = now
      return true
    }
    return false
  }

  /** Topics whose ack is overdue: marked `timeout`, split by whether they were retried already. */
  expire(now: number, ackTimeoutMs: number): { retry: string[]; exhausted: string[] } {
    const retry: string[] = []
    const exhausted: string[] = []
    for (const t of this.topics.values()) {
      if (t.state !== 'pending' || t.requested_at === null || now - t.requested_at < ackTimeoutMs) continue
      t.state = 'timeout'
      t.reason = `no subscribe reply within ${Math.round(ackTimeoutMs / 100) / 10} s`
      if (t.retried) exhausted.push(t.topic)
      else {
        t.retried = true
        retry.push(t.topic)
      }
    }
    for (let i = this.outstanding.length - 1; i >= 0; i--) {
      if (this.outstanding[i].topics.every((topic) => this.topics.get(topic)?.state !== 'pending')) {
        this.outstanding.splice(i, 1)
      }
    }
    return { retry, exhausted }
  }

  get(topic: string): TopicStatus | undefined {
    return this.topics.get(topic)
  }

  countIn(state: TopicStatus['state']): number {
    let n = 0
    for (const t of this.topics.values()) if (t.state === state) n++
    return n
  }

  subscribedSymbols(): { symbol: string; lastTradeAt: number | null }[] {
    const out: { symbol: string; lastTradeAt: number | null }[] = []
    for (const t of this.topics.values())
      if (t.state === 'subscribed') out.push({ symbol: t.symbol, lastTradeAt: t.last_trade_at })
    return out
  }

  /** Every topic's status, copied (with `extra` fields on each: its category and connection). */
  snapshot(extra: Partial<TopicStatus> = {}): TopicStatus[] {
    const out: TopicStatus[] = []
    for (const t of this.topics.values()) {
      out.push({
        topic: t.topic,
        symbol: t.symbol,
        state: t.state,
        reason: t.reason,
        requested_at: t.requested_at,
        acked_at: t.acked_at,
        last_trade_at: t.last_trade_at,
        trades: t.trades,
        ...extra
      })
    }
    return out
  }

  /** The symbols held, in order (no copy of their state). */
  symbols(): string[] {
    const out: string[] = []
    for (const t of this.topics.values()) out.push(t.symbol)
    return out
  }
}
