import type { LatencySummary } from '../../../shared/dto'

/** Upper bounds in seconds, Prometheus-style (`le`), for exchange → local latency. */
export const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const
const BOUNDS_MS = LATENCY_BUCKETS_S.map((s) => s * 1000)
export const LATENCY_TOP_MS = BOUNDS_MS[BOUNDS_MS.length - 1]

/**
 * Exchange→local latency (receivedAt − T) as a fixed-bucket histogram: bounded memory, O(buckets)
 * per observation; p50/p99 are interpolated within the bucket, as Prometheus' histogram_quantile does.
 * A quantile that falls in the +Inf bucket has no upper bound to interpolate towards, so it is
 * reported as "beyond the top bound" (with the exact maximum beside it), never as the top bound itself.
 */
export class LatencyHistogram {
  /** counts[i]: observations ≤ BOUNDS_MS[i] and > the previous bound; last slot: +Inf. */
  private readonly counts = new Float64Array(BOUNDS_MS.length + 1)
  private total = 0
  private sumMs = 0
  private maxMs: number | null = null

  observe(ms: number): void {
    const v = ms < 0 ? 0 : ms
    let i = 0
    while (i < BOUNDS_MS.length && v > BOUNDS_MS[i]) i++
    this.counts[i]++
    this.total++
    this.sumMs += v
    if (this.maxMs === null || v > this.maxMs) this.maxMs = v
  }

  get count(): number {
    return this.total
  }

  /** The q-quantile in ms; `Infinity` when it lies beyond the top bucket; null with no samples. */
  quantileMs(q: number): number | null {
    if (this.total === 0) return null
    const rank = q * this.total
    let seen = 0
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i]
      if (seen + c >= rank && c > 0) {
        if (i === BOUNDS_MS.length) return Infinity
        const lo = i === 0 ? 0 : BOUNDS_MS[i - 1]
        const hi = BOUNDS_MS[i]
        return lo + ((hi - lo) * (rank - seen)) / c
      }
      seen += c
    }
    return Infinity
  }

  summary(): LatencySummary {
    const p50 = this.quantileMs(0.5)
    const p99 = this.quantileMs(0.99)
    const r = (v: number | null): number | null =>
      v === null || !Number.isFinite(v) ? null : Math.round(v * 100) / 100
    return {
      p50_ms: r(p50),
      p99_ms: r(p99),
      p50_beyond_top: p50 === Infinity,
      p99_beyond_top: p99 === Infinity,
      top_ms: LATENCY_TOP_MS,
      max_ms: r(this.maxMs),
      samples: this.total
    }
  }

  /** Cumulative counts per `le` bound (seconds), +Inf last (always the total count). */
  cumulative(): { le: string; count: number }[] {
    const out: { le: string; count: number }[] = []
    let acc = 0
    for (let i = 0; i < BOUNDS_MS.length; i++) {
      acc += this.counts[i]
      out.push({ le: String(LATENCY_BUCKETS_S[i]), count: acc })
    }
    out.push({ le: '+Inf', count: this.total })
    return out
  }

  get sumSeconds(): number {
    return this.sumMs / 1000
  }
}
