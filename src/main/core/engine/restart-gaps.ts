// Gaps across a restart. While the durable tier is open, every gap the collectors open is marked in
// the file's gap ledger, in step with the trades around it, and ends there once REST was asked for
// its trades (or its symbol is retired). At start, one `restart` gap per collected symbol reaches
// back to the older of its newest trade on disk and the oldest gap an earlier run left open there
// (a backfill queued but never written, one that failed, trades not persisted): backfill recovers
// those holes too, and the restart gap's row replaces theirs.

import { randomUUID } from 'node:crypto'
import type { Category, GapRecord } from '../../../shared/dto'
import { errorMessage } from '../../../shared/guards'
import type { GapTracker } from '../collector/gaps'
import type { DurableTier } from '../durable/durable-tier'
import type { OpenGapRow } from '../durable/gap-ledger'
import type { NamedLog } from '../log/engine-log'
import { COLLECTOR_NAME } from './options'

export interface RestartStart {
  category: string
  symbol: string
  /** Where the restart gap begins: the older of the newest trade on disk and the oldest open gap. */
  from: number
  /** The newest trade on disk, when there is one. */
  last: { tradeId: string; timestamp: number } | null
  /** Gaps of earlier runs still open on disk for this symbol. */
  unfinished: OpenGapRow[]
}

/** Per symbol on disk (trades or open gaps but those `live`), where its restart gap begins. */
export async function restartStarts(
  tier: DurableTier,
  live: (row: OpenGapRow) => boolean = () => false
): Promise<RestartStart[]> {
  const [last, rows] = await Promise.all([tier.lastPersisted(), tier.openGaps()])
  const open = rows.filter((g) => !live(g))
  const bySymbol = new Map<string, RestartStart>()
  const entry = (category: string, symbol: string, from: number): RestartStart => {
    const k = `${category}\u0000${symbol}`
    let e = bySymbol.get(k)
    if (!e) bySymbol.set(k, (e = { category, symbol, from, last: null, unfinished: [] }))
    return e
  }
  for (const p of last) entry(p.category, p.symbol, p.timestamp).last = { tradeId: p.tradeId, timestamp: p.timestamp }
  for (const g of open) {
    const e = entry(g.category, g.symbol, g.from)
    e.unfinished.push(g)
    e.from = Math.min(e.from, g.from)
  }
  return [...bySymbol.values()].sort((a, b) => `${a.category}:${a.symbol}`.localeCompare(`${b.category}:${b.symbol}`))
}

/** Marks this run's gaps in the tier's ledger while it is open; opens the restart gaps. */
export class RestartGaps {
  /** This run's name in the ledger: gap ids start over with each process. */
  private readonly run = randomUUID()
  /**
   * Per `category\0symbol`, since the last watch: the start of the oldest row kept for a backfill
   * that failed or was skipped. A later such gap of the symbol adds nothing (a restart gap reaches
   * back to the oldest row), so its row goes at once: rows stay one per symbol however often it fails.
   */
  private kept = new Map<string, { gapId: number; from: number }>()
  private unwatch: (() => void) | null = null

  constructor(
    private readonly gaps: GapTracker,
    private readonly log: NamedLog
  ) {}

  /** From now on, gaps opening and ending are marked in `tier`; those open or pending now at once. */
  watch(tier: DurableTier): void {
    this.unwatch?.()
    this.kept = new Map()
    const opened = (gap: GapRecord): void =>
      this.guard(() => {
        if (gap.category === undefined) return
        const { category, symbol, from, cause } = gap
        tier.markGap({ op: 'open', gap: { run: this.run, gapId: gap.id, category, symbol, from, cause } })
      })
    for (const gap of this.gaps.unsettled()) opened(gap)
    this.unwatch = this.gaps.watch({
      opened,
      ended: (gap, how) => this.guard(() => this.ended(tier, gap, how))
    })
  }

  /**
   * A gap's row goes once REST was asked (what it had is queued before this mark), or when its
   * symbol is no longer collected. Failed or skipped (a stop, a full backfill queue): the oldest
   * such row per symbol stays, and the next start's restart gap tries again.
   */
  private ended(tier: DurableTier, gap: GapRecord, how: 'settled' | 'retired'): void {
    const key = [{ run: this.run, gapId: gap.id }]
    if (how === 'retired' || gap.backfill === 'complete' || gap.backfill === 'partial') {
      tier.markGap({ op: 'end', keys: key })
      return
    }
    const symbol = `${gap.category ?? ''}\u0000${gap.symbol}`
    const oldest = this.kept.get(symbol)
    if (oldest?.gapId === gap.id) return
    if (oldest !== undefined && oldest.from <= gap.from) tier.markGap({ op: 'end', keys: key })
    else this.kept.set(symbol, { gapId: gap.id, from: gap.from })
  }

  /** A watcher must never throw into the collector that opened or settled the gap. */
  private guard(fn: () => void): void {
    try {
      fn()
    } catch (e) {
      this.log.error(`Marking a gap in the data dir failed: ${errorMessage(e)}`, 'persist_write_failed')
    }
  }

  stop(): void {
    this.unwatch?.()
    this.unwatch = null
  }

  /**
   * A `restart` gap per collected symbol on disk, backfilled from REST once its topic is live. It
   * starts at the oldest row an earlier run left for the symbol, so its own row stands for them all:
   * theirs go in the same write, after its row is in.
   */
  async open(tier: DurableTier, collected: (category: string, symbol: string) => boolean): Promise<void> {
    let starts: RestartStart[]
    try {
      // This process's gaps still open or pending (an engine restart) are not an earlier run's.
      const unsettled = new Set(this.gaps.unsettled().map((g) => g.id))
      starts = await restartStarts(tier, (row) => row.run === this.run && unsettled.has(row.gapId))
    } catch (e) {
      this.log.error(`Reading the last persisted trades failed: ${errorMessage(e)}`, 'persist_open_failed')
      return
    }
    // Every selected category's symbols (ALL: each on disk there); the gap keyed by its category,
    // as the collector closes it when that topic is live.
    for (const s of starts) {
      if (!collected(s.category, s.symbol)) continue
      const gap = this.gaps.openGap(COLLECTOR_NAME, s.symbol, s.from, 'restart', s.category as Category)
      const replaced = s.unfinished.map(({ run, gapId }) => ({ run, gapId }))
      if (replaced.length > 0) tier.markGap({ op: 'end', keys: replaced })
      this.log.info(describe(gap, s))
    }
  }
}

function describe(gap: GapRecord, s: RestartStart): string {
  const at = (t: number): string => new Date(t).toISOString()
  const last = s.last ? `last trade on disk ${s.last.tradeId} at ${at(s.last.timestamp)}` : 'no trade on disk'
  const oldest = s.unfinished[0]
  const unfinished = oldest
    ? `; ${s.unfinished.length} gap(s) of an earlier run never backfilled on disk, the oldest from ` +
      `${at(oldest.from)} (${oldest.cause})`
    : ''
  return `Gap #${gap.id} for ${s.symbol} opened (restart): ${last}${unfinished}; backfilled from REST once the topic is live`
}
