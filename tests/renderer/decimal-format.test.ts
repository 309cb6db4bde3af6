// How the Storage view shows exact decimal strings: rounded on the digits (never through a float),
// grouped, with enough places for small values.

import { describe, expect, it } from 'vitest'
import { fmtDecimal, groupThousands, placesFor } from '../../src/renderer/src/lib/decimal'

describe('fmtDecimal', () => {
  it('rounds half away from zero on the digits, and pads to the places asked', () => {
    expect(fmtDecimal('64044.1771819', 2)).toBe('64,044.18')
    expect(fmtDecimal('112897', 2)).toBe('112,897.00')
    expect(fmtDecimal('0', 6)).toBe('0.000000')
    expect(fmtDecimal('2.675', 2)).toBe('2.68') // a double holds 2.67499999…: toFixed(2) says 2.67
    expect(fmtDecimal('-1.005', 2)).toBe('-1.01')
    expect(fmtDecimal('0.165207', 6)).toBe('0.165207')
    expect(fmtDecimal('114520.4317', 0)).toBe('114,520')
  })

  it('keeps digits a double would lose', () => {
    expect(fmtDecimal('123456789012345678901246913568.12345678', 2)).toBe('123,456,789,012,345,678,901,246,913,568.12')
  })
})

describe('placesFor and groupThousands', () => {
  it('shows a value its own places up to the cap, and 4 significant digits below 1', () => {
    expect(placesFor('64044.1771819', 2)).toBe(2)
    expect(placesFor('0.5', 6)).toBe(1)
    expect(placesFor('0.00001234567', 4)).toBe(8)
    expect(placesFor('12', 4)).toBe(0)
  })

  it('groups the whole part only', () => {
    expect(groupThousands('1234567.123456')).toBe('1,234,567.123456')
    expect(groupThousands('-999')).toBe('-999')
    expect(groupThousands('-1000')).toBe('-1,000')
  })
})
