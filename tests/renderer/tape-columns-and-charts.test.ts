import { describe, expect, it } from 'vitest'
import { downsampleSamples } from '../../src/renderer/src/components/downsample'
import { TAPE_COLUMNS, TAPE_COLUMN_GAP, TAPE_PADDING_X, tapeColumns } from '../../src/renderer/src/tape/tape-columns'

describe('tape columns', () => {
  it('fill the row width exactly, in order, without overlap', () => {
    for (const width of [800, 1000, 1280, 1920]) {
      const cols = tapeColumns(width)
      expect(cols).toHaveLength(TAPE_COLUMNS.length)
      cols.forEach((c, i) => {
        expect(c.w).toBeGreaterThanOrEqual(TAPE_COLUMNS[i].min)
        if (i > 0) expect(c.x).toBe(cols[i - 1].x + cols[i - 1].w + TAPE_COLUMN_GAP)
      })
      const last = cols[cols.length - 1]
      const right = last.x + last.w + TAPE_PADDING_X
      if (width >= 800) expect(width - right).toBeLessThan(TAPE_COLUMNS.length) // only rounding is left over
    }
  })

  it('keep their minimum widths when the row is too narrow', () => {
    const cols = tapeColumns(300)
    cols.forEach((c, i) => expect(c.w).toBe(TAPE_COLUMNS[i].min))
  })
})

describe('chart downsampling', () => {
  const sample = (i: number, rate: number, p99: number | null) => ({
    at: 1000 * i,
    trades_per_s: rate,
    messages_per_s: rate / 2,
    latency_p50_ms: null,
    latency_p99_ms: p99,
    total_trades: i
  })

  it('keeps short series as they are', () => {
    const s = [sample(1, 1, 2), sample(2, 3, 4)]
    expect(downsampleSamples(s, 150)).toBe(s)
  })

  it('caps the points and keeps every series peak, so a one-second spike stays visible', () => {
    const s = Array.from({ length: 600 }, (_, i) => sample(i, i === 417 ? 9000 : 10, i === 33 ? 250 : 3))
    const out = downsampleSamples(s, 150)
    expect(out.length).toBeLessThanOrEqual(150)
    expect(Math.max(...out.map((p) => p.trades_per_s))).toBe(9000)
    expect(Math.max(...out.map((p) => p.latency_p99_ms ?? 0))).toBe(250)
    expect(out.every((p) => p.latency_p50_ms === null)).toBe(true)
    expect(out[out.length - 1].at).toBe(599_000)
  })
})
