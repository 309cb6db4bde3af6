// Trades wait here between their arrival and the next animation frame, so the tape does its work
// once per frame however many batches arrive: an arrival costs one array push. The queue is bounded:
// past `capacity` trades (the tape keeps no more than that anyway), the oldest are let go and counted.

import type { TradeDto } from '../../../shared/dto'

export interface Drained {
  /** Oldest first, as received. */
  trades: TradeDto[]
  /** Receipt time (performance.now()) of the newest batch drained. */
  receivedAt: number
}

export class TapeQueue {
  private batches: (readonly TradeDto[])[] = []
  private queued = 0
  private newestAt = 0
  /** Trades let go because the queue was full (the tape was not drained for a while). */
  overflowed = 0

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.queued
  }

  push(batch: readonly TradeDto[], receivedAt: number): void {
    if (batch.length === 0) return
    this.batches.push(batch)
    this.queued += batch.length
    this.newestAt = receivedAt
    while (this.queued - this.batches[0].length >= this.capacity) {
      const dropped = this.batches.shift()!
      this.queued -= dropped.length
      this.overflowed += dropped.length
    }
  }

  /** Everything queued, oldest first, at most `capacity` trades (the oldest beyond are counted as overflowed). */
  take(): Drained | null {
    if (this.queued === 0) return null
    let trades = this.batches.length === 1 ? [...this.batches[0]] : this.batches.flat()
    if (trades.length > this.capacity) {
      this.overflowed += trades.length - this.capacity
      trades = trades.slice(trades.length - this.capacity)
    }
    const out = { trades, receivedAt: this.newestAt }
    this.batches = []
    this.queued = 0
    return out
  }

  clear(): void {
    this.batches = []
    this.queued = 0
  }
}
