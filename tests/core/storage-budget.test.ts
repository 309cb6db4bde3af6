// The global memory budget: the held trades' columns never take more than the budget; when a new
// block would not fit, the oldest trades across all symbols go first (a quiet symbol keeps a recent
// trade while a busy one sheds its old ones); every eviction is counted, per symbol and by reason,
// and the accounting identity and the exact sums hold throughout.

import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import { Trade } from '../../src/main/core/trade'
import type { Category, StorageStats } from '../../src/shared/dto'

const MB = 1024 * 1024
let nextId = 1

function trade(
  symbol: string,
  receivedAt: number,
  over: { price?: string; quantity?: string; category?: Category } = {}
) {
  const id = nextId++
  return new Trade({
    symbol,
    side: id % 3 ? 'BUY' : 'SELL',
    price: over.price ?? `${100 + (id % 50)}.${id % 7}`,
    quantity: over.quantity ?? `0.0${id % 9}1`,
    timestamp: receivedAt - 2,
    receivedAt,
    category: over.category ?? 'linear',
    tradeId: String(id),
    seq: id
  })
}

/** The bytes of a ring's first block, as the storage reports it for one trade held. */
function firstBlockBytes(): number {
  const st = new TradeStorage({ maxTradesPerSymbol: 1000 })
  st.store(trade('X', 1))
  return st.stats().memory.used_bytes
}

function expectBalanced(s: StorageStats): void {
  const a = s.accounting
  expect(a.balanced).toBe(true)
  expect(a.received).toBe(a.stored + a.evicted + a.duplicates + a.rejected + a.cleared)
  expect(s.memory.evicted_by_cap + s.memory.evicted_by_budget).toBe(s.evicted)
  expect(Object.values(s.evicted_by_symbol).reduce((x, y) => x + y, 0)).toBe(s.evicted)
  expect(s.memory.used_bytes).toBeLessThanOrEqual(s.memory.budget_bytes)
}

describe('the memory budget', () => {
  const block = firstBlockBytes()

  it('evicts the busy symbol’s old trades first; a quiet symbol keeps its recent one', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10_000, memoryBudgetMb: (4 * block) / MB })
    for (let i = 0; i < 96; i++) st.store(trade('HOT', 1000 + i)) // three blocks of 32
    st.store(trade('QUIET', 5000)) // the fourth block: the budget is full
    st.store(trade('HOT', 6000)) // needs a fifth: HOT's oldest 32 go
    const s = st.stats()
    expect(s.trades_by_symbol).toEqual({ HOT: 65, QUIET: 1 })
    expect(s.memory).toMatchObject({ evicted_by_budget: 32, evicted_by_cap: 0 })
    expect(s.evicted_by_symbol).toEqual({ HOT: 32, QUIET: 0 })
    expect([...st.exportTrades('HOT')].map((t) => t.receivedAt)[0]).toBe(1032)
    expect(st.symbolMemory()).toMatchObject({ HOT: { evicted_budget: 32, evicted_cap: 0 }, QUIET: { stored: 1 } })
    expectBalanced(s)
  })

  it('evicts by age, not by symbol: an old trade of a quiet symbol goes before newer busy ones', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10_000, memoryBudgetMb: (4 * block) / MB })
    st.store(trade('QUIET', 500))
    for (let i = 0; i < 97; i++) st.store(trade('HOT', 1000 + i))
    const s = st.stats()
    expect(s.trades_by_symbol).toEqual({ QUIET: 0, HOT: 97 })
    expect(s.evicted_by_symbol).toEqual({ QUIET: 1, HOT: 0 })
    expectBalanced(s)
  })

  it('takes 1,500 (category, symbol) rings by default: the budget is the bound, not a symbol count', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100_000 })
    const categories: Category[] = ['spot', 'linear', 'inverse']
    for (let k = 0; k < 1500; k++) {
      for (let i = 0; i < 3; i++)
        expect(st.store(trade(`SYM${Math.floor(k / 3)}`, k * 10 + i, { category: categories[k % 3] }))).toBe('stored')
    }
    const s = st.stats()
    expect(Object.keys(st.symbolDebug())).toHaveLength(1500)
    expect(s).toMatchObject({ total_trades: 4500, rejected: 0 })
    expect(s.memory.used_bytes).toBe(1500 * block)
    expectBalanced(s)
  })

  it('keeps the per-symbol cap as an upper bound, counted apart from the budget', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 50, memoryBudgetMb: 64 })
    for (let i = 0; i < 80; i++) st.store(trade('A', i))
    for (let i = 0; i < 10; i++) st.store(trade('B', 100 + i))
    const s = st.stats()
    expect(s.trades_by_symbol).toEqual({ A: 50, B: 10 })
    expect(s.memory).toMatchObject({ evicted_by_cap: 30, evicted_by_budget: 0 })
    expectBalanced(s)
  })

  it('a lower budget applied live keeps exactly the newest trades across all symbols', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100_000, memoryBudgetMb: 64 })
    const all: Trade[] = []
    for (let i = 0; i < 3000; i++) {
      const t = trade(['A', 'B', 'C', 'D'][(i * 7) % 4 === 0 ? 0 : i % 4], 10_000 + i)
      st.store(t)
      all.push(t)
    }
    const before = st.stats().memory.used_bytes
    st.setMemoryBudget(before / 3 / MB)
    const s = st.stats()
    expect(s.memory.used_bytes).toBeLessThanOrEqual(before / 3)
    const held = new Set([...st.exportTrades()].map((t) => t.tradeId))
    const evicted = all.filter((t) => !held.has(t.tradeId))
    expect(evicted.length).toBe(s.memory.evicted_by_budget)
    expect(evicted.length).toBeGreaterThan(0)
    const newestEvicted = Math.max(...evicted.map((t) => t.receivedAt))
    const oldestHeld = Math.min(...all.filter((t) => held.has(t.tradeId)).map((t) => t.receivedAt))
    expect(newestEvicted).toBeLessThan(oldestHeld)
    expectBalanced(s)
  })

  it('accounting, per-symbol evictions and exact sums hold through a random mix under a tight budget', () => {
    let x = 12345
    const rand = (n: number): number => (x = (x * 48271) % 2147483647) % n
    const st = new TradeStorage({ maxTradesPerSymbol: 20, memoryBudgetMb: (12 * block) / MB })
    const recent: Trade[] = []
    const prices = ['0.00001000', '109378.90', '123456789012345678.5', '007.5', '1', '99999999.99999999']
    let now = 1_000
    for (let op = 0; op < 6000; op++) {
      now += rand(3)
      const r = rand(100)
      const symbol = `S${rand(rand(2) ? 3 : 12)}`
      const category: Category = rand(4) === 0 ? 'spot' : 'linear'
      if (r < 85) {
        const t = trade(symbol, now, { category, price: rand(10) === 0 ? prices[rand(prices.length)] : undefined })
        expect(st.store(t)).toBe('stored')
        recent.push(t)
        const m = st.memory()
        expect(m.used_bytes).toBeLessThanOrEqual(m.budget_bytes)
      } else if (r < 93 && recent.length > 0) {
        st.store(recent[recent.length - 1 - rand(Math.min(20, recent.length))])
      } else if (r < 96) st.reject(1)
      else if (r < 98) st.resize(10 + rand(30))
      else if (r < 99) st.setMemoryBudget(((6 + rand(10)) * block) / MB)
      else st.clear()
      if (op % 500 === 0) st.cleanup(now)
    }
    st.setMemoryBudget((12 * block) / MB)
    const s = st.stats()
    expectBalanced(s)
    // the mix did reach every path
    expect(s.memory.evicted_by_budget).toBeGreaterThan(0)
    expect(s.memory.evicted_by_cap).toBeGreaterThan(0)
    expect(s.cleared).toBeGreaterThan(0)
    expect(s.duplicates_dropped).toBeGreaterThan(0)
    // the held sums equal sums recomputed from the trades held, exactly
    for (const [symbol, sums] of Object.entries(s.sums_by_symbol)) {
      const held = [...st.exportTrades(symbol)]
      const vol = (side: string): string =>
        held
          .filter((t) => t.side === side)
          .reduce((a, t) => a.plus(t.quantity), new Decimal(0))
          .toFixed()
      const notional = held.reduce((a, t) => a.plus(t.price.times(t.quantity)), new Decimal(0)).toFixed()
      expect({ trades: sums.trades, buy: sums.buy_volume, sell: sums.sell_volume, notional: sums.notional }).toEqual({
        trades: held.length,
        buy: vol('BUY'),
        sell: vol('SELL'),
        notional
      })
    }
  })
})
