import type { CollectorStatus, CollectorStorageRef, GapCause, GapRecord } from '../../shared/dto'
import { BybitTradesCollector, type CollectorConfig } from './collector/bybit-trades-collector'
import type { GapTracker } from './collector/gaps'
import type { EngineLog } from './engine-facade'
import { NamedLog } from './log/engine-log'
import type { TradeStorage } from './storage/trade-storage'

/** A collector's recipe, minus what the manager supplies (its storage and gap tracker). */
export type CollectorSpec = Omit<CollectorConfig, 'storage' | 'gaps'>

/**
 * Owns the one storage instance and the gap tracker, creates the collectors, hands that same
 * instance to each, and starts, stops and restarts them.
 */
export class CollectorManager {
  private readonly collectors = new Map<string, BybitTradesCollector>()
  private readonly log: NamedLog
  private readonly wiring: ((collector: BybitTradesCollector) => void)[] = []
  private pausedValue = false

  /**
   * `collectorStorage` is what each collector is handed: the manager's own storage, except when a
   * test wires the collectors to another instance, or to none, on purpose (`EngineInternals`).
   */
  constructor(
    readonly storage: TradeStorage,
    readonly gaps: GapTracker,
    log: EngineLog,
    private readonly collectorStorage: TradeStorage | null = storage
  ) {
    this.log = new NamedLog(log, 'manager')
  }

  /** Replaces the collector set (stopped); call `startAll` afterwards. */
  configure(specs: CollectorSpec[]): void {
    if ([...this.collectors.values()].some((c) => !['idle', 'stopped', 'paused'].includes(c.currentPhase))) {
      throw new Error('stop the collectors before configuring new ones')
    }
    const now = Date.now()
    for (const [name, old] of this.collectors) {
      const spec = specs.find((s) => s.name === name)
      const markets = spec ? (spec.markets ?? [{ category: spec.category, symbols: spec.symbols }]) : []
      // Another category is another market: its trades must not fill this one's gaps.
      const keep = (gap: GapRecord): boolean => {
        const m = markets.find((x) => x.category === (gap.category ?? old.category))
        return m !== undefined && (m.symbols === 'ALL' || m.symbols.includes(gap.symbol))
      }
      for (const gap of this.gaps.retire(name, keep, now)) {
        this.log.info(`Gap #${gap.id} for ${gap.symbol} closed: ${name} no longer collects it`)
      }
    }
    this.collectors.clear()
    for (const spec of specs) {
      this.collectors.set(
        spec.name,
        // `null` only from the test seam: the checklist must see a collector without storage.
        this.wired(
          new BybitTradesCollector({ ...spec, storage: this.collectorStorage as TradeStorage, gaps: this.gaps })
        )
      )
    }
  }

  /** Runs `wire` on every collector, now and whenever one is created (configure, restart): event listeners. */
  onEach(wire: (collector: BybitTradesCollector) => void): void {
    this.wiring.push(wire)
    for (const c of this.collectors.values()) wire(c)
  }

  private wired(collector: BybitTradesCollector): BybitTradesCollector {
    for (const wire of this.wiring) wire(collector)
    return collector
  }

  get(name: string): BybitTradesCollector | undefined {
    return this.collectors.get(name)
  }

  all(): BybitTradesCollector[] {
    return [...this.collectors.values()]
  }

  /** Collection paused by the user: collectors started while paused (settings, engine restart) stay paused. */
  get paused(): boolean {
    return this.pausedValue
  }

  /** Stops every collector with its gaps recorded (cause `pause`); `resume` starts them again. */
  async pause(): Promise<void> {
    this.pausedValue = true
    await Promise.all([...this.collectors.values()].map((c) => c.pause()))
  }

  /** Ends the pause; `startNow` while the engine runs (otherwise its start starts them). */
  resume(startNow: boolean): void {
    this.pausedValue = false
    if (startNow) this.startAll()
  }

  startAll(): void {
    if (this.pausedValue) {
      for (const c of this.collectors.values())
        c.pause().catch((e: unknown) =>
          this.log.error(
            `Pausing collector ${c.name} failed: ${e instanceof Error ? e.message : String(e)}`,
            'pause_failed'
          )
        )
      return
    }
    for (const c of this.collectors.values()) {
      this.log.info(`Starting collector ${c.name} (${c.selection})`)
      c.start()
    }
  }

  async stopAll(cause: GapCause | null = null): Promise<void> {
    await Promise.all([...this.collectors.values()].map((c) => c.stop(cause)))
  }

  /** Stops one collector and starts a fresh one with the same recipe (counters start over). */
  async restart(name: string): Promise<boolean> {
    const old = this.collectors.get(name)
    if (!old) return false
    await old.stop('restart')
    const fresh = this.wired(old.recreate())
    this.collectors.set(name, fresh)
    if (this.pausedValue) await fresh.pause()
    else fresh.start()
    return true
  }

  statuses(): Record<string, CollectorStatus> {
    const out: Record<string, CollectorStatus> = {}
    for (const c of this.collectors.values()) out[c.name] = c.status()
    return out
  }

  /** `collector_<name>_storage`: which storage instance each collector holds, and whether it is ours. */
  storageRefs(): Record<`collector_${string}_storage`, CollectorStorageRef> {
    const out: Record<`collector_${string}_storage`, CollectorStorageRef> = {}
    for (const c of this.collectors.values()) {
      out[`collector_${c.name}_storage`] = {
        storage_id: c.storage.id,
        is_manager_storage: c.storage === this.storage,
        total_trades: c.storage.totalTrades
      }
    }
    return out
  }
}
