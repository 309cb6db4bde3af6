// The in-memory outbox: a bounded FIFO of trades waiting to be sent. A trade offered to a full
// outbox is refused (the caller counts it: dropped without persistence, read back from disk later
// with it), so what the outbox holds stays a contiguous run of the feed.

import type { Trade } from '../trade'

export class Outbox {
  private buf: (Trade | undefined)[]
  private head = 0
  private size = 0

  constructor(readonly capacity: number) {
    this.buf = new Array<Trade | undefined>(Math.min(capacity, 1024))
  }

  get length(): number {
    return this.size
  }

  /** False when full (the trade is not taken). */
  offer(t: Trade): boolean {
    if (this.size >= this.capacity) return false
    if (this.size === this.buf.length) this.grow()
    this.buf[(this.head + this.size) % this.buf.length] = t
    this.size++
    return true
  }

  peek(): Trade | undefined {
    return this.size === 0 ? undefined : this.buf[this.head]
  }

  shift(): Trade | undefined {
    if (this.size === 0) return undefined
    const t = this.buf[this.head]
    this.buf[this.head] = undefined
    this.head = (this.head + 1) % this.buf.length
    this.size--
    return t
  }

  /** Puts trades back in front, in their order (a resend after a failed connection). Ignores the capacity. */
  unshiftAll(trades: readonly Trade[]): void {
    for (let i = trades.length - 1; i >= 0; i--) {
      if (this.size === this.buf.length) this.grow()
      this.head = (this.head - 1 + this.buf.length) % this.buf.length
      this.buf[this.head] = trades[i]
      this.size++
    }
  }

  /** Empties it; returns how many it held. */
  clear(): number {
    const n = this.size
    this.buf = new Array<Trade | undefined>(Math.min(this.capacity, 1024))
    this.head = 0
    this.size = 0
    return n
  }

  private grow(): void {
    const next = new Array<Trade | undefined>(Math.max(16, this.buf.length * 2))
    for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) % this.buf.length]
    this.buf = next
    this.head = 0
  }
}
