import { describe, expect, it } from 'vitest'
import type { StorageStats } from '../../src/shared/dto'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import { Trade } from '../../src/main/core/trade'

const trade = (id: number, symbol = 'BTCUSDT', category: 'spot' | 'linear' = 'spot', seq?: number): Trade =>
  new Trade({
    seq,
    symbol,
    side: id % 2 ? 'BUY' : 'SELL',
    price: `100.${id}`,
    quantity: '0.5',
    timestamp: 1_700_000_000_000 + id,
    receivedAt: 1_700_000_000_100 + id,
    category,
    tradeId: String(id)
  })

function expectBalanced(s: StorageStats): void {
  const a = s.accounting
  expect(a.received).toBe(a.stored + a.evicted + a.duplicates + a.rejected + a.cleared)
  expect(a.balanced).toBe(true)
  expect(a.stored).toBe(s.total_trades)
}

describe('TradeStorage', () => {
  it('keeps a bounded ring per symbol and evicts the dedupe index in lockstep', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 3 })
    for (let i = 1; i <= 5; i++) expect(st.store(trade(i))).toBe('stored')
    expect(st.store(trade(5))).toBe('duplicate')
    // id 1 was evicted with its index entry: a late resend is stored again (bounded memory by design).
    expect(st.store(trade(1))).toBe('stored')
    const s = st.stats()
    expect(s.total_trades).toBe(3)
    expect(s.evicted).toBe(3)
    expect(s.duplicates_dropped).toBe(1)
    expect(st.symbolDebug().BTCUSDT).toEqual({ stored: 3, capacity: 3, dedupe_index: 3 })
    expectBalanced(s)
  })

  it('dedupes in seq order without the full index, and resends against it', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    const withSeq = (id: number, seq: number): Trade => trade(id, 'BTCUSDT', 'spot', seq)
    // One match split over two frames shares a seq: both halves are new trades.
    expect(st.store(withSeq(1, 10))).toBe('stored')
    expect(st.store(withSeq(2, 10))).toBe('stored')
    expect(st.store(withSeq(3, 11))).toBe('stored')
    expect(st.symbolDebug().BTCUSDT.dedupe_index).toBe(1) // only the newest seq group is tracked
    // A resend at the newest seq, and an older one, are both caught.
    expect(st.store(withSeq(3, 11))).toBe('duplicate')
    expect(st.store(withSeq(1, 10))).toBe('duplicate')
    expect(st.symbolDebug().BTCUSDT.dedupe_index).toBe(3) // the resend built the full index from the ring
    // An exchange-side seq reset still stores new trades (checked against the index).
    expect(st.store(withSeq(4, 2))).toBe('stored')
    expect(st.store(withSeq(4, 2))).toBe('duplicate')
    // A long in-order run drops the index again; duplicates are still found when it is rebuilt.
    for (let i = 5; i < 400; i++) expect(st.store(withSeq(i, 100 + i))).toBe('stored')
    expect(st.symbolDebug().BTCUSDT.dedupe_index).toBe(1)
    expect(st.store(withSeq(350, 450))).toBe('duplicate')
    expect(st.store(withSeq(5, 105))).toBe('stored') // evicted long ago: stored again, by design
    expectBalanced(st.stats())
  })

  it('dedupes by (category, symbol, id), not by id alone', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10 })
    expect(st.store(trade(1, 'BTCUSDT', 'spot'))).toBe('stored')
    expect(st.store(trade(1, 'BTCUSDT', 'linear'))).toBe('stored')
    expect(st.store(trade(1, 'ETHUSDT', 'spot'))).toBe('stored')
    expect(st.store(trade(1, 'ETHUSDT', 'spot'))).toBe('duplicate')
    expectBalanced(st.stats())
  })

  it('answers newest first with limit and symbol, exports oldest first', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    for (let i = 1; i <= 6; i++) st.store(trade(i, i % 2 ? 'BTCUSDT' : 'ETHUSDT'))
    expect(st.query(3).map((t) => t.tradeId)).toEqual(['6', '5', '4'])
    expect(st.query(10, 'BTCUSDT').map((t) => t.tradeId)).toEqual(['5', '3', '1'])
    expect([...st.exportTrades('ETHUSDT')].map((t) => t.tradeId)).toEqual(['2', '4', '6'])
  })

  it('counts rejected, cleared and failed stores; the identity always holds', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    for (let i = 1; i <= 10; i++) st.store(trade(i))
    st.reject(2)
    st.injectFault(new Error('disk on fire'))
    expect(() => st.store(trade(11))).toThrow('disk on fire')
    st.injectFault(null)
    expect(st.store(trade(12))).toBe('stored')
    expect(st.errors().count).toBe(1)
    expect(st.clear()).toBe(11)
    const s = st.stats()
    expect(s.accounting).toMatchObject({ received: 14, stored: 0, rejected: 3, cleared: 11, balanced: true })
    expectBalanced(s)
  })

  it('resizes live, evicting what no longer fits', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10 })
    for (let i = 1; i <= 10; i++) st.store(trade(i))
    st.resize(4)
    expect(st.query(100).map((t) => t.tradeId)).toEqual(['10', '9', '8', '7'])
    expect(st.store(trade(11))).toBe('stored')
    expect(st.stats()).toMatchObject({ total_trades: 4, evicted: 7, max_trades_per_symbol: 4 })
    expectBalanced(st.stats())
  })

  it('bounds raw frames by count and bytes, and cleanup drops old ones', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10, rawFrames: { maxCount: 5, maxBytes: 100, maxAgeMs: 1000 } })
    for (let i = 0; i < 20; i++) st.recordFrame(`frame-${i}`, i)
    expect(st.rawFrameStats()).toMatchObject({ count: 5, bytes: 5 * 8 })
    st.recordFrame('x'.repeat(90), 100)
    expect(st.rawFrameStats().bytes).toBeLessThanOrEqual(100)
    st.cleanup(5000)
    expect(st.rawFrameStats().count).toBe(0)
    expect(st.lastCleanup).toBe(5000)
  })

  it('stores 300k trades into 1k-slot rings in bounded memory, balanced', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 1000 })
    for (let i = 0; i < 300_000; i++) st.store(trade(i, i % 3 === 0 ? 'BTCUSDT' : 'ETHUSDT'))
    const s = st.stats()
    expect(s.total_trades).toBe(2000)
    for (const d of Object.values(st.symbolDebug())) expect(d.dedupe_index).toBe(1000)
    expectBalanced(s)
  })
})
