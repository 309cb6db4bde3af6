// Gap backfill: when a topic is live again after a gap, fetch REST recent-trade for its symbol,
// store the trades of the gap window that we do not hold (marked `backfilled`), and settle the gap:
// complete (the answer reaches back before the gap), partial (it does not: an unknown number may
// be missing), or failed (the request failed). One request at a time; every outcome is logged.

import type { Category, GapRecord } from '../../../shared/dto'
import type { TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import type { BybitRestClient } from '../rest/rest-client'
import { RECENT_TRADE_LIMIT } from '../../../shared/bybit-protocol'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import type { IngestCounters } from './frame-ingest'
import type { GapTracker } from './gaps'

export interface BackfillOptions {
  collector: string
  category: Category
  storage: TradeStorage
  gaps: GapTracker
  client: BybitRestClient
  counters: IngestCounters
  log: NamedLog
  task: TaskHandle
  onStored?: ((trade: Trade) => void) | null
  /** Why REST cannot serve this stream's gaps (e.g. a local simulator stream with Bybit's REST URL); null: it can. */
  unusable?: string | null
}

/** At most this many gaps wait for backfill; older ones are settled `skipped` (REST only has the latest trades anyway). */
const MAX_QUEUED = 200

export class GapBackfill {
  private readonly queue: GapRecord[] = []
  private running: Promise<void> | null = null
  private closed = false
  /** Gaps settled, by outcome (for tests and the task detail). */
  readonly outcomes = { complete: 0, partial: 0, failed: 0, skipped: 0 }

  constructor(private readonly o: BackfillOptions) {
    o.task.set('idle', 'waiting for a gap to close')
  }

  enqueue(gap: GapRecord): void {
    if (this.closed) return
    if (this.queue.length >= MAX_QUEUED) {
      const dropped = this.queue.shift()
      if (dropped) this.settle(dropped, 'skipped', 0, null, 'too many gaps queued for backfill')
    }
    this.queue.push(gap)
    this.running ??= this.drain().finally(() => (this.running = null))
  }

  /** Stops taking gaps and waits for the one in flight (its request is aborted by the client's close). */
  async close(): Promise<void> {
    this.closed = true
    for (const gap of this.queue.splice(0)) this.settle(gap, 'skipped', 0, null, 'collector stopped before backfill')
    await this.running
    this.o.task.dispose()
  }

  private async drain(): Promise<void> {
    for (let gap = this.queue.shift(); gap && !this.closed; gap = this.queue.shift()) {
      this.o.task.set('running', `backfilling ${gap.symbol} gap #${gap.id}`)
      try {
        await this.fill(gap)
      } catch (e) {
        // A bug here must never take the collector down; the gap says what happened.
        this.settle(gap, 'failed', 0, null, `internal: ${(e as Error).message}`)
      }
      this.o.task.touch()
    }
    this.o.task.set(
      'idle',
      `complete ${this.outcomes.complete}, partial ${this.outcomes.partial}, failed ${this.outcomes.failed}`
    )
  }

  private async fill(gap: GapRecord): Promise<void> {
    const { client, storage, counters } = this.o
    const category = gap.category ?? this.o.category
    const to = gap.to ?? Date.now()
    const limit = RECENT_TRADE_LIMIT[category]
    if (this.o.unusable) return this.settle(gap, 'skipped', 0, null, this.o.unusable)
    const res = await client.recentTrades(category, gap.symbol, limit)
    if (!res.ok) {
      if (res.code === 'closed') return this.settle(gap, 'skipped', 0, null, 'collector stopped during backfill')
      this.o.task.fail({ code: `rest_${res.code}`, message: res.error, at: Date.now() })
      return this.settle(gap, 'failed', 0, null, `REST recent-trade failed (${res.code}): ${res.error}`)
    }
    const { trades, rejected, firstRejection } = res.value
    let recovered = 0
    let duplicates = 0
    let held = 0
    let oldest = Number.POSITIVE_INFINITY
    // Oldest first, so the tape and the per-symbol ring see them in time order.
    for (let k = trades.length - 1; k >= 0; k--) {
      const t = trades[k]
      if (t.timestamp < oldest) oldest = t.timestamp
      if (t.timestamp < gap.from || t.timestamp > to) continue
      // Already held (the last trades before the gap, or live ones after it): not offered again.
      if (storage.holds(category, t.symbol, t.tradeId)) {
        held++
        continue
      }
      counters.tradesReceived++
      let outcome
      try {
        outcome = storage.store(t)
      } catch (e) {
        counters.storageErrors++
        this.o.log.error(`Storage error during backfill: ${(e as Error).message}`, 'storage_error')
        continue
      }
      if (outcome === 'duplicate') {
        duplicates++
        counters.duplicates++
      } else if (outcome === 'rejected') counters.rejected++
      else {
        recovered++
        counters.tradesStored++
        this.o.onStored?.(t)
      }
    }
    // Backfilled trades skip the per-trade lines: one total keeps the log's last word equal to storage.
    if (recovered > 0) this.o.log.info(`Total trades for ${gap.symbol}: ${storage.symbolCount(category, gap.symbol)}`)
    if (rejected > 0) {
      this.o.log.warning(
        `Backfill for ${gap.symbol}: ${rejected} invalid REST trade(s) skipped: ${firstRejection}`,
        'invalid_trade'
      )
    }
    // Complete when the answer reaches back before the gap, or holds fewer trades than asked (that is all there is).
    const covered = oldest < gap.from || trades.length + rejected < limit
    const window = `${new Date(gap.from).toISOString()} → ${new Date(to).toISOString()}`
    const detail = `REST returned ${trades.length} trade(s); ${recovered} recovered, ${held + duplicates} already held (window ${window})`
    if (covered) this.settle(gap, 'complete', recovered, 0, detail)
    else
      this.settle(
        gap,
        'partial',
        recovered,
        null,
        `${detail}; the ${limit} latest trades reach back only to ${new Date(oldest).toISOString()}, older trades of the gap are lost`
      )
  }

  private settle(
    gap: GapRecord,
    outcome: 'complete' | 'partial' | 'failed' | 'skipped',
    recovered: number,
    unrecovered: number | null,
    detail: string
  ): void {
    this.outcomes[outcome]++
    this.o.gaps.settle(gap.id, { backfill: outcome, recovered, unrecovered, detail })
    const line = `Gap #${gap.id} on ${gap.symbol} (${gap.cause}, ${Math.max(0, (gap.to ?? Date.now()) - gap.from)} ms): backfill ${outcome}: ${detail}`
    if (outcome === 'complete') this.o.log.info(line)
    else this.o.log.warning(line, `backfill_${outcome}`)
  }
}
