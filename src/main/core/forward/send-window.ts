// The publishes in flight, in the order they were sent, and the cursor they advance: a trade counts
// as forwarded only once it and every trade sent before it are acknowledged, so the cursor (the last
// acknowledged trade per symbol) never skips a trade still unconfirmed.

import type { PublishCursor } from '../../../shared/dto-publish'
import type { Trade } from '../trade'

export interface Sent {
  readonly trade: Trade
  acked: boolean
}

export class SendWindow {
  private items: Sent[] = []
  private head = 0
  private readonly cursors = new Map<string, PublishCursor>()

  get size(): number {
    return this.items.length - this.head
  }

  add(trade: Trade): Sent {
    const s: Sent = { trade, acked: false }
    this.items.push(s)
    return s
  }

  /** The oldest trade sent and not yet completed. */
  oldest(): Trade | undefined {
    return this.head < this.items.length ? this.items[this.head].trade : undefined
  }

  /** Marks `s` acknowledged and completes the acknowledged run at the front; calls `done` for each, in order. */
  ack(s: Sent, done: (t: Trade) => void): void {
    s.acked = true
    while (this.head < this.items.length && this.items[this.head].acked) {
      const t = this.items[this.head].trade
      this.items[this.head] = undefined as unknown as Sent
      this.head++
      this.cursors.set(`${t.category}:${t.symbol}`, {
        category: t.category,
        symbol: t.symbol,
        timestamp: t.timestamp,
        trade_id: t.tradeId
      })
      done(t)
    }
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }

  /** Every trade not yet completed, in order, and an empty window: what is sent again after a failure. */
  takeUnfinished(): Trade[] {
    const out: Trade[] = []
    for (let i = this.head; i < this.items.length; i++) out.push(this.items[i].trade)
    this.items = []
    this.head = 0
    return out
  }

  cursorList(): PublishCursor[] {
    return [...this.cursors.values()]
  }

  cursorOf(category: string, symbol: string): PublishCursor | undefined {
    return this.cursors.get(`${category}:${symbol}`)
  }

  /** Cursors loaded from disk at start (a durable outbox). */
  restore(cursors: readonly PublishCursor[]): void {
    for (const c of cursors) this.cursors.set(`${c.category}:${c.symbol}`, { ...c })
  }
}
