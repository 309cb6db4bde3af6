// from/to of the history routes: epoch ms or ISO 8601 with a zone, inside 2000..2100, from ≤ to;
// and the export's file name built from the same range.

import { describe, expect, it } from 'vitest'
import { exportFileName } from '../../src/shared/export-name'
import { parseTimeParam, parseTimeRange } from '../../src/shared/time-range'

describe('parseTimeParam', () => {
  it.each([
    ['1767322800000', 1_767_322_800_000],
    ['2026-01-02T03:00:00Z', 1_767_322_800_000],
    ['2026-01-02T03:00:00.000Z', 1_767_322_800_000],
    ['2026-01-02T04:00:00+01:00', 1_767_322_800_000],
    ['2026-01-02T04:00+0100', 1_767_322_800_000],
    ['2026-01-02 03:00:00Z', 1_767_322_800_000],
    ['2026-01-02', 1_767_312_000_000]
  ])('%s → %d', (raw, ms) => {
    expect(parseTimeParam(raw, 'from')).toEqual({ ok: true, value: ms })
  })

  it('absent or empty is "not given"', () => {
    expect(parseTimeParam(undefined, 'from')).toEqual({ ok: true, value: undefined })
    expect(parseTimeParam('', 'to')).toEqual({ ok: true, value: undefined })
  })

  it.each([
    ['now', 'must be epoch milliseconds or an ISO 8601 time'],
    ['-5', 'must be epoch milliseconds'],
    ['1.5e12', 'must be epoch milliseconds'],
    ['2026-02-30T00:00:00Z', 'not a real date'],
    ['2026-01-02T03:00:00', 'needs a zone'],
    ['1767322800', 'must lie between 2000-01-01 and 2100-01-01'],
    ['99999999999999999999', 'must lie between'],
    ["1' OR '1'='1", 'must be epoch milliseconds']
  ])('%s is refused (%s)', (raw, rule) => {
    const parsed = parseTimeParam(raw, 'from')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain(rule)
  })
})

describe('parseTimeRange', () => {
  it('refuses from after to, naming both', () => {
    const parsed = parseTimeRange({ from: '2026-01-02T00:00:01Z', to: '2026-01-02T00:00:00Z' })
    expect(parsed).toEqual({
      ok: false,
      error: 'from (2026-01-02T00:00:01.000Z) is after to (2026-01-02T00:00:00.000Z); swap them'
    })
  })

  it('keeps an equal pair (one millisecond) and either end alone', () => {
    expect(parseTimeRange({ from: '1767322800000', to: '1767322800000' })).toEqual({
      ok: true,
      value: { from: 1_767_322_800_000, to: 1_767_322_800_000 }
    })
    expect(parseTimeRange({ to: '1767322800000' })).toEqual({ ok: true, value: { to: 1_767_322_800_000 } })
    expect(parseTimeRange({})).toEqual({ ok: true, value: {} })
  })
})

describe('exportFileName', () => {
  it('names the symbol, the range and the format', () => {
    expect(exportFileName({ symbol: 'BTCUSDT', from: 1_767_322_800_000, to: 1_767_326_400_123 }, 'parquet')).toBe(
      'trades-BTCUSDT-20260102T030000Z-20260102T040000Z.parquet'
    )
    expect(exportFileName({ to: 1_767_322_800_000 }, 'csv')).toBe('trades-all-start-20260102T030000Z.csv')
    expect(exportFileName({ symbol: 'ETHUSDT' }, 'csv')).toBe('trades-ETHUSDT.csv')
  })
})
