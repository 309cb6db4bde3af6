// The Symbols view's table model: sorting by every column (exact prices by value, no trade yet last),
// search, and the virtual window that keeps 1,500 rows down to the ones on screen.

import { describe, expect, it } from 'vitest'
import type { SymbolRow } from '../../src/shared/dto-symbols'
import {
  compareDecimal,
  DEFAULT_SYMBOL_SORT,
  nextSort,
  searchSymbols,
  sortSymbols,
  virtualWindow,
  type SymbolColumn
} from '../../src/renderer/src/lib/symbols-table'

function row(symbol: string, over: Partial<SymbolRow> = {}): SymbolRow {
  return {
    category: 'linear',
    symbol,
    last_price: '1',
    trades_per_s: 0,
    last_trade_at: 1000,
    last_trade_age_ms: 0,
    stored: 0,
    evicted: 0,
    open_gaps: 0,
    subscription: 'subscribed',
    subscription_reason: null,
    ...over
  }
}

const ROWS: SymbolRow[] = [
  row('BTCUSDT', { last_price: '104569.5', trades_per_s: 40, last_trade_age_ms: 5, stored: 900, evicted: 30 }),
  row('ETHUSDT', { last_price: '3890.15', trades_per_s: 12.5, last_trade_age_ms: 50, stored: 400, open_gaps: 1 }),
  row('PEPEUSDT', { last_price: '0.00001234', trades_per_s: 3, last_trade_age_ms: 900, stored: 50 }),
  row('NOPEUSDT', {
    last_price: null,
    last_trade_at: null,
    last_trade_age_ms: null,
    subscription: 'failed',
    subscription_reason: 'Invalid symbol'
  }),
  row('BTCUSDT', { category: 'spot', last_price: '104570', trades_per_s: 20, last_trade_age_ms: 20, stored: 700 }),
  row('SOLUSDT', {
    category: 'inverse',
    last_price: '150.2',
    trades_per_s: 1,
    last_trade_age_ms: 3000,
    subscription: 'pending'
  })
]
const names = (rows: SymbolRow[]): string[] => rows.map((r) => `${r.category}:${r.symbol}`)

describe('sorting', () => {
  it('starts busiest first', () => {
    expect(names(sortSymbols(ROWS, DEFAULT_SYMBOL_SORT)).slice(0, 3)).toEqual([
      'linear:BTCUSDT',
      'spot:BTCUSDT',
      'linear:ETHUSDT'
    ])
  })

  it('sorts exact prices by value, not as text or floats, with no price last both ways', () => {
    const asc = sortSymbols(ROWS, { column: 'last_price', dir: 'asc' }).map((r) => r.last_price)
    expect(asc).toEqual(['0.00001234', '150.2', '3890.15', '104569.5', '104570', null])
    const desc = sortSymbols(ROWS, { column: 'last_price', dir: 'desc' }).map((r) => r.last_price)
    expect(desc).toEqual(['104570', '104569.5', '3890.15', '150.2', '0.00001234', null])
    expect(compareDecimal('10.5', '9.99')).toBeGreaterThan(0)
    expect(compareDecimal('-1', '0.1')).toBeLessThan(0)
    expect(compareDecimal('-2', '-1.5')).toBeLessThan(0)
    expect(compareDecimal('1.10', '1.1')).toBe(0)
  })

  it('sorts by every column, both ways, each a reversal of the other apart from ties and missing values', () => {
    const columns: SymbolColumn[] = [
      'category',
      'symbol',
      'last_price',
      'trades_per_s',
      'last_trade_age_ms',
      'stored',
      'evicted',
      'open_gaps',
      'subscription'
    ]
    for (const column of columns) {
      const asc = sortSymbols(ROWS, { column, dir: 'asc' })
      const desc = sortSymbols(ROWS, { column, dir: 'desc' })
      expect(asc).toHaveLength(ROWS.length)
      const key = (r: SymbolRow): unknown => r[column]
      // the first ascending value is the last descending one among rows that have a value
      const present = (rows: SymbolRow[]): unknown[] => rows.map(key).filter((v) => v !== null)
      expect(present(asc)[0]).toEqual(present(desc).at(-1))
    }
    expect(sortSymbols(ROWS, { column: 'subscription', dir: 'asc' })[0].subscription).toBe('failed')
    expect(sortSymbols(ROWS, { column: 'last_trade_age_ms', dir: 'asc' })[0].symbol).toBe('BTCUSDT')
    expect(sortSymbols(ROWS, { column: 'open_gaps', dir: 'desc' })[0].symbol).toBe('ETHUSDT')
  })

  it('flips the sorted column on a second click and starts others in their natural direction', () => {
    expect(nextSort({ column: 'stored', dir: 'desc' }, 'stored')).toEqual({ column: 'stored', dir: 'asc' })
    expect(nextSort({ column: 'stored', dir: 'desc' }, 'symbol')).toEqual({ column: 'symbol', dir: 'asc' })
    expect(nextSort({ column: 'symbol', dir: 'asc' }, 'evicted')).toEqual({ column: 'evicted', dir: 'desc' })
  })

  it('does not change the rows it is given', () => {
    const before = names(ROWS)
    sortSymbols(ROWS, { column: 'symbol', dir: 'desc' })
    expect(names(ROWS)).toEqual(before)
  })
})

describe('search', () => {
  it('matches symbols in any case, every word, and category or state words', () => {
    expect(names(searchSymbols(ROWS, 'btc'))).toEqual(['linear:BTCUSDT', 'spot:BTCUSDT'])
    expect(names(searchSymbols(ROWS, 'btc spot'))).toEqual(['spot:BTCUSDT'])
    expect(names(searchSymbols(ROWS, 'failed'))).toEqual(['linear:NOPEUSDT'])
    expect(names(searchSymbols(ROWS, '  '))).toEqual(names(ROWS))
    expect(searchSymbols(ROWS, 'XYZ')).toEqual([])
  })
})

describe('virtual window', () => {
  it('renders only the rows on screen plus overscan, whatever the total', () => {
    const w = virtualWindow(1500, 0, 600, 28, 6)
    expect(w).toEqual({ first: 0, end: 28, offset: 0, height: 42_000 })
    const mid = virtualWindow(1500, 28 * 700 + 10, 600, 28, 6)
    expect(mid.first).toBe(694)
    // the last row touched by the viewport: (19,610 + 600) / 28 → 722, plus the overscan
    expect(mid.end).toBe(722 + 6)
    expect(mid.offset).toBe(694 * 28)
    expect(mid.end - mid.first).toBeLessThan(40)
  })

  it('clamps past the end (a search shrank the list under the scroll position) and handles few rows', () => {
    const w = virtualWindow(100, 1_000_000, 600, 28, 6)
    expect(w.end).toBe(100)
    expect(w.first).toBe(100 - Math.ceil(600 / 28) - 6)
    expect(virtualWindow(3, 0, 600, 28)).toEqual({ first: 0, end: 3, offset: 0, height: 84 })
    expect(virtualWindow(0, 50, 600, 28)).toEqual({ first: 0, end: 0, offset: 0, height: 0 })
  })
})
