// The storage's exact per-symbol sums kept as trades come and go: eviction, resize and Clear storage
// take trades out again, the last-minute window lets old seconds expire, and values beyond what a
// double holds stay exact. Expected strings are hand sums (checked with Python's decimal module).

import { describe, expect, it } from 'vitest'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import { Trade } from '../../src/main/core/trade'
import type { Side } from '../../src/shared/dto'

const T0 = 1_764_000_000_000 // a whole second

let nextId = 1
function trade(side: Side, price: string, quantity: string, receivedAt = T0, symbol = 'BTCUSDT'): Trade {
  const id = nextId++
  return new Trade({
    symbol,
    side,
    price,
    quantity,
    timestamp: receivedAt - 5,
    receivedAt,
    category: 'spot',
    tradeId: `t${id}`,
    seq: id
  })
}

function sums(st: TradeStorage, now = T0, symbol = 'BTCUSDT') {
  return st.stats(now).sums_by_symbol[symbol]
}

describe('exact sums of the trades held', () => {
  it('adds without float artifacts (0.1 + 0.2 is 0.3) and computes notional and VWAP', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    st.store(trade('BUY', '10.5', '0.1'))
    st.store(trade('BUY', '10.25', '0.2'))
    st.store(trade('SELL', '9.99', '0.7'))
    // notional 1.05 + 2.05 + 6.993 = 10.093; VWAP 10.093 / 1 = 10.093, to 2 + 4 places
    expect(sums(st)).toMatchObject({
      trades: 3,
      buy_volume: '0.3',
      sell_volume: '0.7',
      notional: '10.093',
      vwap: '10.093'
    })
  })

  it('takes an evicted trade out of the sums', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 2 })
    st.store(trade('BUY', '100.1', '1.5'))
    st.store(trade('SELL', '100.2', '0.25'))
    st.store(trade('BUY', '100.3', '0.125')) // evicts the first
    expect(st.stats().evicted).toBe(1)
    // 100.2 × 0.25 + 100.3 × 0.125 = 25.05 + 12.5375 = 37.5875; / 0.375 = 100.2333333… → 100.23333
    expect(sums(st)).toMatchObject({
      trades: 2,
      buy_volume: '0.125',
      sell_volume: '0.25',
      notional: '37.5875',
      vwap: '100.23333'
    })
  })

  it('takes trades evicted by a smaller limit out of the sums', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10 })
    st.store(trade('BUY', '3', '1'))
    st.store(trade('BUY', '5', '2'))
    st.store(trade('SELL', '7', '3'))
    st.resize(1)
    expect(sums(st)).toMatchObject({ trades: 1, buy_volume: '0', sell_volume: '3', notional: '21', vwap: '7' })
  })

  it('Clear storage empties the held sums and the last minute; VWAP is null with no volume', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10 })
    st.store(trade('BUY', '3', '1'))
    st.clear()
    const zero = { trades: 0, buy_volume: '0', sell_volume: '0', notional: '0', vwap: null }
    expect(sums(st)).toEqual({ ...zero, last_minute: zero })
    st.store(trade('SELL', '4', '0.5'))
    expect(sums(st)).toMatchObject({ trades: 1, sell_volume: '0.5', notional: '2', vwap: '4' })
  })

  it('stays exact past 2^53 and past 15 digits', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 10 })
    st.store(trade('BUY', '99999999.99999999', '12345678.12345678'))
    st.store(trade('BUY', '0.000000000000000001', '123456789012345678901234567890'))
    st.store(trade('SELL', '1', '0.1'))
    // with Python's decimal module (200 digits):
    // 99999999.99999999 × 12345678.12345678 = 1234567812345677.8765432187654322
    // 0.000000000000000001 × 123456789012345678901234567890 = 123456789012.34567890123456789
    // + 1 × 0.1 → 1234691269134690.32222212000000009
    expect(sums(st)).toMatchObject({
      buy_volume: '123456789012345678901246913568.12345678',
      sell_volume: '0.1',
      notional: '1234691269134690.32222212000000009'
    })
    st.resize(1) // evicts both big ones: nothing may be left over from them
    expect(sums(st)).toMatchObject({ buy_volume: '0', sell_volume: '0.1', notional: '0.1', vwap: '1' })
  })
})

describe('the last-minute window (local receipt time, one-second buckets)', () => {
  it('counts what arrived in the last 60 s, and lets older seconds expire', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    st.store(trade('BUY', '10', '1', T0))
    st.store(trade('SELL', '20', '2', T0 + 30_000))
    const atStart = sums(st, T0 + 30_000).last_minute
    expect(atStart).toEqual({ trades: 2, buy_volume: '1', sell_volume: '2', notional: '50', vwap: '16.6667' })
    // 59.999 s after the first: still inside; at 60 s its second has left the window
    expect(sums(st, T0 + 59_999).last_minute.trades).toBe(2)
    expect(sums(st, T0 + 60_000).last_minute).toEqual({
      trades: 1,
      buy_volume: '0',
      sell_volume: '2',
      notional: '40',
      vwap: '20'
    })
    const later = sums(st, T0 + 90_000)
    expect(later.last_minute).toEqual({ trades: 0, buy_volume: '0', sell_volume: '0', notional: '0', vwap: null })
    // the held sums do not expire
    expect(later).toMatchObject({ trades: 2, notional: '50' })
  })

  it('reuses a bucket a minute later without the old second leaking in', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 100 })
    st.store(trade('BUY', '10', '1', T0 + 500))
    st.store(trade('BUY', '30', '1', T0 + 60_500)) // same bucket, one minute on
    expect(sums(st, T0 + 60_900).last_minute).toMatchObject({ trades: 1, buy_volume: '1', notional: '30' })
  })

  it('keeps evicted trades in the last minute: it is the flow of stores, not the stock held', () => {
    const st = new TradeStorage({ maxTradesPerSymbol: 1 })
    st.store(trade('BUY', '10', '1'))
    st.store(trade('BUY', '12', '1'))
    const s = sums(st)
    expect(s).toMatchObject({ trades: 1, notional: '12' })
    expect(s.last_minute).toMatchObject({ trades: 2, notional: '22', vwap: '11' })
  })
})
