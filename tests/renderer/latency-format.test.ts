// How the Connection view reads a latency quantile: inside the histogram a number, beyond its top
// bucket "> 10 s" (the value is unknown, only its bound), and the maximum in seconds once it is large.

import { describe, expect, it } from 'vitest'
import { fmtLatency, fmtMsOrS, type LatencyReading } from '../../src/renderer/src/lib/format'

const reading = (over: Partial<LatencyReading>): LatencyReading => ({
  p50_ms: null,
  p99_ms: null,
  p50_beyond_top: false,
  p99_beyond_top: false,
  top_ms: 10_000,
  ...over
})

describe('fmtLatency', () => {
  it('shows interpolated quantiles as milliseconds', () => {
    const l = reading({ p50_ms: 42.04, p99_ms: 1250 })
    expect(fmtLatency(l, 'p50')).toBe('42.0 ms')
    expect(fmtLatency(l, 'p99')).toBe('1,250 ms')
  })

  it('says "> 10 s" for a quantile beyond the top bucket, never "10,000 ms"', () => {
    const l = reading({ p50_beyond_top: true, p99_beyond_top: true })
    expect(fmtLatency(l, 'p50')).toBe('> 10 s')
    expect(fmtLatency(l, 'p99')).toBe('> 10 s')
  })

  it('keeps p50 as a number while only p99 lies beyond', () => {
    const l = reading({ p50_ms: 3.5, p99_beyond_top: true })
    expect(fmtLatency(l, 'p50')).toBe('3.5 ms')
    expect(fmtLatency(l, 'p99')).toBe('> 10 s')
  })

  it('follows the histogram’s own top bound', () => {
    expect(fmtLatency(reading({ p99_beyond_top: true, top_ms: 2500 }), 'p99')).toBe('> 2,500 ms')
  })

  it('shows no number before the first sample', () => {
    expect(fmtLatency(reading({}), 'p99')).toBe('—')
  })
})

describe('fmtMsOrS', () => {
  it('switches to seconds from 10 s on, so a minute-old trade reads as such', () => {
    expect(fmtMsOrS(63_512)).toBe('63.5 s')
    expect(fmtMsOrS(9_999)).toBe('9,999 ms')
    expect(fmtMsOrS(null)).toBe('—')
  })
})
