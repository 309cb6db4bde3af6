import type { RateSample } from '../../../shared/dto'

type NumericKey = 'trades_per_s' | 'messages_per_s' | 'latency_p50_ms' | 'latency_p99_ms'
const PEAK_KEYS: readonly NumericKey[] = ['trades_per_s', 'messages_per_s', 'latency_p50_ms', 'latency_p99_ms']

/**
 * At most `max` points for a chart: consecutive samples are merged into buckets that keep each
 * series' peak (a one-second spike must not vanish from a ten-minute chart) and the bucket's last time.
 */
export function downsampleSamples(samples: readonly RateSample[], max: number): RateSample[] {
  if (samples.length <= max) return samples as RateSample[]
  const size = Math.ceil(samples.length / max)
  const out: RateSample[] = []
  for (let i = 0; i < samples.length; i += size) {
    const bucket = samples.slice(i, i + size)
    const last = bucket[bucket.length - 1]
    const merged: RateSample = { ...last }
    for (const key of PEAK_KEYS) {
      let peak: number | null = null
      for (const s of bucket) {
        const v = s[key]
        if (v !== null && (peak === null || v > peak)) peak = v
      }
      ;(merged as Record<NumericKey, number | null>)[key] = peak
    }
    out.push(merged)
  }
  return out
}
