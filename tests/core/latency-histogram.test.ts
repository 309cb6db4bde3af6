// The exchange→local latency histogram: quantiles inside the buckets are interpolated, and a
// quantile beyond the top bucket reads as "beyond", never as the top bound (a replayed capture or a
// skewed clock used to show "10,000 ms" for p50 and p99 alike).

import { describe, expect, it } from 'vitest'
import { LATENCY_TOP_MS, LatencyHistogram } from '../../src/main/core/metrics/latency-histogram'

describe('LatencyHistogram', () => {
  it('interpolates quantiles inside the finite buckets and keeps the exact maximum', () => {
    const h = new LatencyHistogram()
    for (let i = 0; i < 100; i++) h.observe(30 + i * 0.1) // all in the (25, 50] ms bucket
    const s = h.summary()
    expect(s.p50_ms).toBeGreaterThan(25)
    expect(s.p50_ms).toBeLessThanOrEqual(50)
    expect(s.p50_beyond_top).toBe(false)
    expect(s.p99_beyond_top).toBe(false)
    expect(s.max_ms).toBe(39.9)
    expect(s.samples).toBe(100)
  })

  it('reports p50 and p99 beyond the top bucket, with the true maximum, when observations exceed it', () => {
    const h = new LatencyHistogram()
    for (let i = 0; i < 10; i++) h.observe(60_000 + i * 1000)
    expect(h.quantileMs(0.5)).toBe(Infinity)
    const s = h.summary()
    expect(s.p50_ms).toBeNull()
    expect(s.p99_ms).toBeNull()
    expect(s.p50_beyond_top).toBe(true)
    expect(s.p99_beyond_top).toBe(true)
    expect(s.top_ms).toBe(10_000)
    expect(s.max_ms).toBe(69_000)
    expect(JSON.parse(JSON.stringify(s))).toEqual(s) // the DTO survives JSON (no Infinity in it)
  })

  it('keeps p50 finite while only the tail lies beyond the top bucket', () => {
    const h = new LatencyHistogram()
    for (let i = 0; i < 90; i++) h.observe(3)
    for (let i = 0; i < 10; i++) h.observe(LATENCY_TOP_MS + 1)
    const s = h.summary()
    expect(s.p50_ms).toBeGreaterThan(2.5)
    expect(s.p50_ms).toBeLessThanOrEqual(5)
    expect(s.p50_beyond_top).toBe(false)
    expect(s.p99_beyond_top).toBe(true)
    expect(s.max_ms).toBe(LATENCY_TOP_MS + 1)
  })

  it('counts the slow observations only in the +Inf bucket, and the sum stays exact', () => {
    const h = new LatencyHistogram()
    h.observe(4)
    h.observe(20_000)
    h.observe(30_000)
    const buckets = h.cumulative()
    expect(buckets.find((b) => b.le === '10')?.count).toBe(1)
    expect(buckets.at(-1)).toEqual({ le: '+Inf', count: 3 })
    expect(h.count).toBe(3)
    expect(h.sumSeconds).toBeCloseTo(50.004, 6)
  })

  it('has no quantile and no maximum before the first observation', () => {
    const s = new LatencyHistogram().summary()
    expect(s).toMatchObject({ p50_ms: null, p99_ms: null, max_ms: null, p50_beyond_top: false, samples: 0 })
  })
})
