import type { RateSample } from '../../../shared/dto'
import type { CollectorManager } from '../manager'
import type { TradeStorage } from '../storage/trade-storage'
import { SymbolRates } from './symbol-rates'

const SAMPLES_KEPT = 600

/** One rate/latency sample per `sample` tick, the last ten minutes kept for the charts. */
export class RateSampler {
  private readonly samples: RateSample[] = []
  /** Per-symbol trades/s, on the same tick. */
  readonly symbols = new SymbolRates()

  constructor(
    private readonly manager: CollectorManager,
    private readonly storage: TradeStorage
  ) {}

  sample(): RateSample {
    const now = Date.now()
    this.symbols.tick(now, this.storage.symbolActivity())
    let tps = 0
    let mps = 0
    for (const c of this.manager.all()) {
      c.sampleRates(now)
      const st = c.status()
      tps += st.trades_per_s
      mps += st.messages_per_s
    }
    const first = this.manager.all()[0]
    const lat = first ? first.counters.latency.summary() : { p50_ms: null, p99_ms: null }
    const s: RateSample = {
      at: now,
      trades_per_s: Math.round(tps * 100) / 100,
      messages_per_s: Math.round(mps * 100) / 100,
      latency_p50_ms: lat.p50_ms,
      latency_p99_ms: lat.p99_ms,
      total_trades: this.storage.totalTrades
    }
    this.samples.push(s)
    if (this.samples.length > SAMPLES_KEPT) this.samples.shift()
    return s
  }

  list(): RateSample[] {
    return [...this.samples]
  }
}
