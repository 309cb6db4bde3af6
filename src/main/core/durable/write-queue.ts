// The bounded queue between ingest and the disk: push is O(1) and never allocates past its
// capacity; a full queue refuses (the caller counts the trade as not persisted). The writer peeks
// a batch, writes it, and only then drops it, so a failed write keeps its trades queued for the retry.

import type { Trade } from '../trade'

export class WriteQueue {
  private readonly slots: (Trade | undefined)[]
  private head = 0
  private size = 0

  constructor(readonly capacity: number) {
    this.slots = new Array<Trade | undefined>(capacity)
  }

  get length(): number {
    return this.size
  }

  push(trade: Trade): boolean {
    if (this.size >= this.capacity) return false
    this.slots[(this.head + this.size) % this.capacity] = trade
    this.size++
    return true
  }

  /** Up to `n` trades from the head, oldest first, still queued. */
  peek(n: number): Trade[] {
    const k = Math.min(n, this.size)
    const out = new Array<Trade>(k)
    for (let i = 0; i < k; i++) out[i] = this.slots[(this.head + i) % this.capacity] as Trade
    return out
  }

  /** Drops `n` trades from the head (after they were written or given up). */
  drop(n: number): void {
    const k = Math.min(n, this.size)
    for (let i = 0; i < k; i++) this.slots[(this.head + i) % this.capacity] = undefined
    this.head = (this.head + k) % this.capacity
    this.size -= k
  }

  /** The oldest queued trade's local receive time, or null when empty. */
  oldestReceivedAt(): number | null {
    return this.size === 0 ? null : (this.slots[this.head] as Trade).receivedAt
  }

  /** Per `category:symbol`: queued count and oldest receive time. */
  pendingBySymbol(): Map<string, { count: number; oldest: number }> {
    const out = new Map<string, { count: number; oldest: number }>()
    for (let i = 0; i < this.size; i++) {
      const t = this.slots[(this.head + i) % this.capacity] as Trade
      const key = `${t.category}:${t.symbol}`
      const p = out.get(key)
      if (p) {
        p.count++
        if (t.receivedAt < p.oldest) p.oldest = t.receivedAt
      } else out.set(key, { count: 1, oldest: t.receivedAt })
    }
    return out
  }
}
