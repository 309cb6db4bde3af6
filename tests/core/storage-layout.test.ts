// The hot tier's compact layout seen from outside: every trade read back (query, export) is the
// trade that was stored, field for field and byte for byte, whatever its decimals and id look
// like; duplicates are still found by id; resize, clear and export snapshots behave as before.

import { describe, expect, it } from 'vitest'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import { Trade, type TradeInit } from '../../src/main/core/trade'
import type { TradeDto } from '../../src/shared/dto'

let nextSeq = 1
function make(over: Partial<TradeInit> = {}): Trade {
  const seq = nextSeq++
  return new Trade({
    symbol: 'BTCUSDT',
    side: seq % 2 ? 'BUY' : 'SELL',
    price: '114513.1',
    quantity: '0.00862',
    timestamp: 1_761_520_812_163 + seq,
    receivedAt: 1_761_520_812_170 + seq,
    category: 'spot',
    tradeId: String(2_240_000_000_970_262_966n + BigInt(seq)),
    seq: 111_156_121_170 + seq,
    ...over
  })
}

/** Stores each trade, then reads every one back through query and export, as the API serves them. */
function roundTrip(trades: Trade[]): { queried: TradeDto[]; exported: TradeDto[] } {
  const st = new TradeStorage({ maxTradesPerSymbol: 10_000 })
  for (const t of trades) expect(st.store(t)).toBe('stored')
  const queried = st.query(1000).map((t) => t.toDto())
  const exported = [...st.exportTrades()].map((t) => t.toDto())
  return { queried, exported }
}

function expectSame(trades: Trade[]): void {
  const { queried, exported } = roundTrip(trades)
  const want = trades.map((t) => t.toDto())
  expect(exported).toEqual(want)
  const byId = new Map(queried.map((d) => [d.trade_id, d]))
  for (const w of want) expect(byId.get(w.trade_id)).toEqual(w)
}

describe('exact strings round trip', () => {
  it('keeps every decimal exactly as sent: trailing zeros, many decimals, huge integers, leading zeros', () => {
    const decimals = [
      '0.00001000',
      '109378.90',
      '0.020',
      '0.0',
      '0',
      '100',
      '114513.1',
      '0.000000000000000001',
      '0.000000000000000000000000000001',
      '123456789012345', // 15 digits: packed
      '1234567890123456', // 16 digits: kept as a string
      '99999999.99999999',
      '123456789012345678901234567890',
      '9007199254740993',
      '007',
      '00.50',
      '1.000000000000000000000000000000000000'
    ]
    const trades = decimals.flatMap((d, k) => [
      make({ price: d, quantity: '1', tradeId: `p${k}` }),
      make({ price: '1', quantity: d, tradeId: `q${k}` })
    ])
    expectSame(trades)
    const { exported } = roundTrip(trades)
    expect(exported.map((d) => d.price).filter((_, i) => i % 2 === 0)).toEqual(decimals)
    expect(exported.map((d) => d.quantity).filter((_, i) => i % 2 === 1)).toEqual(decimals)
  })

  it('keeps ids: 19-digit spot ids (past 2^63 too), UUIDs, and anything else', () => {
    const ids = [
      '2240000000970262966',
      '9999999999999999999',
      '18446744073709551616',
      '0',
      '1',
      '999999999',
      '1000000000',
      '123456789012345678901234567',
      '1234567890123456789012345678', // 28 digits: a string
      '0123',
      '2a74ac78-691c-5b54-9dbe-5aafe8364627',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '2A74AC78-691C-5B54-9DBE-5AAFE8364627',
      '2a74ac78691c5b549dbe5aafe8364627',
      '2a74ac78-691c-5b54-9dbe-5aafe836462g',
      't1',
      'id with spaces',
      'ñ-ü-ø',
      '-1',
      '1.5'
    ]
    expectSame(ids.map((tradeId) => make({ tradeId })))
  })

  it('keeps the optional fields: seq, tick direction, block trade, RPI, backfilled', () => {
    expectSame([
      make({ seq: undefined }),
      make({ seq: 0 }),
      make({ seq: 457_514_743_450 }),
      make({ tickDirection: 'PlusTick' }),
      make({ tickDirection: 'ZeroPlusTick' }),
      make({ tickDirection: 'MinusTick' }),
      make({ tickDirection: 'ZeroMinusTick' }),
      make({ tickDirection: 'SomethingNew' }),
      make({ isBlockTrade: true, isRpi: false }),
      make({ isBlockTrade: false, isRpi: true }),
      make({ backfilled: true, category: 'spot' }),
      make({ category: 'linear', symbol: 'ETHUSDT', side: 'SELL' }),
      make({ category: 'inverse', symbol: 'BTCUSD', timestamp: 1, receivedAt: 2.5 })
    ])
  })

  it('finds duplicates by every kind of id, with and without seq', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    const ids = ['2240000000970262966', '2a74ac78-691c-5b54-9dbe-5aafe8364627', 'odd id', '0123']
    const first = ids.map((tradeId) => make({ tradeId }))
    for (const t of first) expect(st.store(t)).toBe('stored')
    for (const t of first) expect(st.store(make({ tradeId: t.tradeId, seq: undefined }))).toBe('duplicate')
    for (const id of ids) expect(st.holds('spot', 'BTCUSDT', id)).toBe(true)
    expect(st.holds('spot', 'BTCUSDT', '2240000000970262967')).toBe(false)
  })
})

describe('resize, clear and export under the columnar layout', () => {
  it('resize keeps the newest, frees memory, and the sums follow', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 1000 })
    for (let i = 0; i < 500; i++) st.store(make({ price: '2.5', quantity: '0.1' }))
    const before = st.stats().memory.used_bytes
    const newest = st.query(10).map((t) => t.tradeId)
    st.resize(10)
    const s = st.stats()
    expect(st.query(100).map((t) => t.tradeId)).toEqual(newest)
    expect(s.memory.used_bytes).toBeLessThan(before)
    expect(s.memory).toMatchObject({ evicted_by_cap: 490, evicted_by_budget: 0 })
    expect(s.evicted_by_symbol).toEqual({ BTCUSDT: 490 })
    expect(s.sums_by_symbol.BTCUSDT).toMatchObject({ trades: 10, notional: '2.5' })
    expect(s.accounting.balanced).toBe(true)
  })

  it('clear releases every column and counts what was held', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 1000 })
    for (let i = 0; i < 100; i++) st.store(make({ symbol: i % 2 ? 'A' : 'B' }))
    expect(st.stats().memory.used_bytes).toBeGreaterThan(0)
    expect(st.clear()).toBe(100)
    const s = st.stats()
    expect(s.memory).toMatchObject({ used_bytes: 0, allocated_slots: 0, bytes_per_trade: null })
    expect(s.accounting).toMatchObject({ cleared: 100, stored: 0, balanced: true })
    expect(st.store(make({ symbol: 'A' }))).toBe('stored')
    expect(st.query(5)).toHaveLength(1)
  })

  it('an export started before a flood of evictions still yields the trades it started with', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    const first = Array.from({ length: 100 }, () => make())
    for (const t of first) st.store(t)
    const it = st.exportTrades()
    const head = it.next()
    for (let i = 0; i < 1000; i++) st.store(make())
    st.clear()
    const rest = [...{ [Symbol.iterator]: () => it }]
    expect([head.value as Trade, ...rest].map((t) => t.toDto())).toEqual(first.map((t) => t.toDto()))
  })

  it('query answers as sorting every ring’s newest together would, with timestamps out of order', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 200 })
    const stored: Trade[] = []
    let x = 7
    const rand = (n: number): number => (x = (x * 48271) % 2147483647) % n
    for (let i = 0; i < 600; i++) {
      const t = make({
        symbol: ['A', 'B', 'C'][rand(3)],
        timestamp: 1_000 + rand(300),
        receivedAt: 5_000 + rand(5),
        tradeId: `x${i}`,
        seq: undefined
      })
      st.store(t)
      stored.push(t)
    }
    for (const limit of [1, 7, 50, 200, 1000]) {
      // in the storage's ring order (first stored first), as the old sort's ties kept it
      const perRing = Object.keys(st.stats().trades_by_symbol).flatMap((s) =>
        [...st.exportTrades(s)].reverse().slice(0, limit)
      )
      const want = perRing
        .sort((a, b) => b.timestamp - a.timestamp || b.receivedAt - a.receivedAt)
        .slice(0, limit)
        .map((t) => t.tradeId)
      expect(st.query(limit).map((t) => t.tradeId)).toEqual(want)
    }
  })
})
