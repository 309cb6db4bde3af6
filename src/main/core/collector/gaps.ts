import type { Category, GapCause, GapRecord } from '../../../shared/dto'

/** One open gap per collector, category and symbol (spot BTCUSDT is not linear BTCUSDT). */
const keyOf = (collector: string, category: Category | undefined, symbol: string): string =>
  `${collector}:${category ?? ''}:${symbol}`

/**
 * Told of each gap as it opens (again when it comes to reach further back) and as it ends: settled
 * by its backfill (any outcome, `gap.backfill` says which), or retired with its symbol.
 */
export interface GapWatcher {
  opened(gap: GapRecord): void
  ended(gap: GapRecord, how: 'settled' | 'retired'): void
}

/**
 * Stretches of time a collector may have missed trades: opened per symbol when a connection is
 * lost (from = the last trade seen), closed when the topic is subscribed again. Backfill (REST
 * recent-trade) plugs in through `onGapClosed` and reports back with `settle`.
 */
export class GapTracker {
  private readonly gaps: GapRecord[] = []
  private readonly open = new Map<string, GapRecord>()
  /** Every gap not settled yet, by id (also those past `maxKept` in the list). */
  private readonly unsettledById = new Map<number, GapRecord>()
  private nextId = 1
  private total = 0
  private changes = 0
  /** Called once per closed gap; the backfill seam. */
  onGapClosed: ((gap: GapRecord) => void) | null = null
  private readonly watchers = new Set<GapWatcher>()

  constructor(private readonly maxKept = 1000) {}

  openGap(collector: string, symbol: string, from: number, cause: GapCause, category?: Category): GapRecord {
    const key = keyOf(collector, category, symbol)
    const existing = this.open.get(key)
    if (existing) {
      // Asked from earlier (a restart gap over a gap still open in this process): it reaches back.
      if (from < existing.from) {
        existing.from = from
        this.changes++
        for (const w of this.watchers) w.opened(existing)
      }
      return existing
    }
    const gap: GapRecord = {
      id: this.nextId++,
      collector,
      ...(category === undefined ? {} : { category }),
      symbol,
      from,
      to: null,
      cause,
      backfill: 'pending',
      recovered: 0,
      unrecovered: null,
      detail: null
    }
    this.open.set(key, gap)
    this.unsettledById.set(gap.id, gap)
    this.gaps.push(gap)
    this.total++
    this.changes++
    if (this.gaps.length > this.maxKept) this.gaps.shift()
    for (const w of this.watchers) w.opened(gap)
    return gap
  }

  /** Watches gaps opening and ending from now on; returns the unwatch. */
  watch(watcher: GapWatcher): () => void {
    this.watchers.add(watcher)
    return () => void this.watchers.delete(watcher)
  }

  closeGap(collector: string, symbol: string, to: number, category?: Category): GapRecord | null {
    const key = keyOf(collector, category, symbol)
    const gap = this.open.get(key)
    if (!gap) return null
    this.open.delete(key)
    gap.to = to
    this.changes++
    this.onGapClosed?.(gap)
    return gap
  }

  /**
   * Closes the open gaps of symbols a collector no longer collects (a settings change dropped them,
   * or the collector itself): nothing will resubscribe them, so they would stay open forever.
   * Not backfilled — the user stopped asking for that symbol.
   */
  retire(
    collector: string,
    keep: readonly string[] | ((gap: GapRecord) => boolean),
    at: number,
    detail = 'symbol no longer collected: not backfilled'
  ): GapRecord[] {
    const kept = typeof keep === 'function' ? keep : (gap: GapRecord) => keep.includes(gap.symbol)
    const retired: GapRecord[] = []
    for (const [key, gap] of this.open) {
      if (gap.collector !== collector || kept(gap)) continue
      this.open.delete(key)
      Object.assign(gap, { to: at, backfill: 'skipped', detail })
      this.unsettledById.delete(gap.id)
      retired.push(gap)
      this.changes++
    }
    for (const gap of retired) for (const w of this.watchers) w.ended(gap, 'retired')
    return retired
  }

  /** Records a backfill outcome for a gap. */
  settle(id: number, outcome: Pick<GapRecord, 'backfill' | 'recovered' | 'unrecovered' | 'detail'>): void {
    const gap = this.unsettledById.get(id) ?? this.gaps.find((g) => g.id === id)
    if (!gap) return
    Object.assign(gap, outcome)
    this.changes++
    if (outcome.backfill === 'pending') return
    this.unsettledById.delete(id)
    for (const w of this.watchers) w.ended(gap, 'settled')
  }

  /** Gaps open or waiting for their backfill, oldest first. */
  unsettled(): GapRecord[] {
    return [...this.unsettledById.values()]
  }

  openCount(collector?: string): number {
    if (collector === undefined) return this.open.size
    let n = 0
    for (const g of this.open.values()) if (g.collector === collector) n++
    return n
  }

  /** Every gap ever opened (including those no longer kept). */
  get totalOpened(): number {
    return this.total
  }

  /** Counts every change to the list (opened, closed, retired, settled): the `gaps` event's trigger. */
  get revision(): number {
    return this.changes
  }

  list(): GapRecord[] {
    return this.gaps.map((g) => ({ ...g }))
  }
}
