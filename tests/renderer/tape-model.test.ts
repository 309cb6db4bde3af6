import { describe, expect, it } from 'vitest'
import type { GapRecord } from '../../src/shared/dto'
import { TapeModel, notionalOf, type TapeRow, type TapeTradeRow } from '../../src/renderer/src/tape/tape-model'
import { Ring } from '../../src/renderer/src/tape/ring'
import { addDecimals } from '../../src/renderer/src/lib/decimal'
import { tradeDto } from '../support/trade-dto'

const trade = tradeDto

function tradeRow(row: TapeRow | undefined): TapeTradeRow {
  if (row?.kind !== 'trade') throw new Error(`expected a trade row, got ${JSON.stringify(row)}`)
  return row
}
const keys = (m: TapeModel): string[] => Array.from({ length: m.rows.size }, (_, i) => tradeRow(m.rows.get(i)).tradeId)
/** The tape top to bottom: trade ids, and `gap:<id>` for markers. */
const lines = (m: TapeModel): string[] =>
  Array.from({ length: m.rows.size }, (_, i) => {
    const r = m.rows.get(i)!
    return r.kind === 'gap' ? `gap:${r.gap.id}` : r.tradeId
  })

function gap(over: Partial<GapRecord> = {}): GapRecord {
  return {
    id: 1,
    collector: 'bybit_trades',
    symbol: 'BTCUSDT',
    from: 0,
    to: null,
    cause: 'disconnect',
    backfill: 'pending',
    recovered: 0,
    unrecovered: null,
    detail: null,
    ...over
  }
}

describe('Ring', () => {
  it('overwrites the oldest past capacity; index 0 is the newest', () => {
    const r = new Ring<number>(3)
    for (const n of [1, 2, 3, 4, 5]) r.push(n)
    expect(r.size).toBe(3)
    expect([r.get(0), r.get(1), r.get(2), r.get(3)]).toEqual([5, 4, 3, undefined])
    expect([...r.chronological()]).toEqual([3, 4, 5])
    expect(() => new Ring(0)).toThrow(RangeError)
  })
})

describe('TapeModel', () => {
  it('keeps rows newest first and stays bounded at any rate', () => {
    const m = new TapeModel(100)
    const batch = Array.from({ length: 1000 }, () => trade())
    m.push(batch)
    expect(m.rows.size).toBe(100)
    expect(m.trades.size).toBe(100)
    expect(m.received).toBe(1000)
    expect(tradeRow(m.rows.get(0)).tradeId).toBe(batch[999].trade_id)
    expect(tradeRow(m.rows.get(99)).tradeId).toBe(batch[900].trade_id)
  })

  it('filters by symbol and minimum size, rebuilding from the kept trades', () => {
    const m = new TapeModel(50)
    const a = trade({ symbol: 'BTCUSDT', quantity: '0.5' })
    const b = trade({ symbol: 'ETHUSDT', quantity: '2' })
    const c = trade({ symbol: 'ETHUSDT', quantity: '0.01' })
    m.push([a, b, c])
    m.setFilter({ symbol: 'ETHUSDT', minSize: 0, grouping: false })
    expect(keys(m)).toEqual([c.trade_id, b.trade_id])
    m.setFilter({ symbol: 'ETHUSDT', minSize: 1, grouping: false })
    expect(keys(m)).toEqual([b.trade_id])
    m.push([trade({ symbol: 'BTCUSDT', quantity: '9' }), trade({ symbol: 'ETHUSDT', quantity: '0.2' })])
    expect(keys(m)).toEqual([b.trade_id])
    m.setFilter({ symbol: null, minSize: 0.4, grouping: false })
    expect(m.rows.size).toBe(3)
    expect([...m.symbolsSeen].sort()).toEqual(['BTCUSDT', 'ETHUSDT'])
  })

  it('while paused, counts matching trades instead of showing them; resuming shows them', () => {
    const m = new TapeModel(50)
    m.push([trade()])
    m.setPaused(true)
    const v = m.version
    m.push([trade(), trade({ symbol: 'ETHUSDT' }), trade()])
    expect(m.rows.size).toBe(1)
    expect(m.pendingNew).toBe(3)
    expect(m.version).toBeGreaterThan(v)
    m.setPaused(false)
    expect(m.pendingNew).toBe(0)
    expect(m.rows.size).toBe(4)
  })

  it('groups same-millisecond same-side trades of a symbol with exact size sums', () => {
    const m = new TapeModel(50)
    m.setFilter({ symbol: null, minSize: 0, grouping: true })
    m.push([
      trade({ timestamp: 5, quantity: '0.1', price: '10.0' }),
      trade({ timestamp: 5, quantity: '0.2', price: '10.5' }),
      trade({ timestamp: 5, quantity: '0.25', side: 'SELL' }),
      trade({ timestamp: 6, quantity: '1' })
    ])
    expect(m.rows.size).toBe(3)
    const group = tradeRow(m.rows.get(2))
    expect(group).toMatchObject({ count: 2, size: '0.3', price: '10.5', side: 'BUY' })
    // 0.1 × 10.0 + 0.2 × 10.5, exact
    expect(group.notional).toBe('3.1')
    m.setFilter({ symbol: null, minSize: 0, grouping: false })
    expect(m.rows.size).toBe(4)
  })

  it('puts a gap marker where the feed stopped and updates it in place as the gap closes', () => {
    const m = new TapeModel(50)
    const before = [trade({ timestamp: 10 }), trade({ timestamp: 20 })]
    m.push(before)
    // learnt while the feed is down: on top
    m.applyGaps([gap({ id: 7, from: 20 })])
    expect(lines(m)).toEqual(['gap:7', before[1].trade_id, before[0].trade_id])
    const v = m.version
    m.applyGaps([gap({ id: 7, from: 20 })])
    expect(m.version, 'an unchanged list changes nothing').toBe(v)
    const marker = m.rows.get(0)!
    m.applyGaps([gap({ id: 7, from: 20, to: 25, backfill: 'complete', recovered: 3, unrecovered: 0 })])
    expect(m.rows.get(0)).toBe(marker)
    expect(marker.kind === 'gap' && marker.gap.backfill).toBe('complete')
    expect(marker.kind === 'gap' && marker.revision).toBe(1)
    expect(m.version).toBeGreaterThan(v)
    // live trades after the gap, then the backfilled ones, stack above the marker
    const after = trade({ timestamp: 30 })
    const recovered = trade({ timestamp: 22, backfilled: true })
    m.push([after, recovered])
    expect(lines(m)).toEqual([recovered.trade_id, after.trade_id, 'gap:7', before[1].trade_id, before[0].trade_id])
    expect(tradeRow(m.rows.get(0)).backfilled).toBe(true)
  })

  it('keeps a trade from before the gap under its marker when the gap event overtook it', () => {
    const m = new TapeModel(50)
    const first = trade({ timestamp: 10 })
    m.push([first])
    m.applyGaps([gap({ id: 9, from: 20 })]) // the gap arrives first …
    const late = trade({ timestamp: 20 }) // … then the batch with the last trade before the drop
    m.push([late])
    expect(lines(m)).toEqual(['gap:9', late.trade_id, first.trade_id])
    const after = trade({ timestamp: 30 })
    m.push([after])
    expect(lines(m)).toEqual([after.trade_id, 'gap:9', late.trade_id, first.trade_id])
  })

  it('places a gap learnt late at its start time among the trades, and filters markers by symbol', () => {
    const m = new TapeModel(50)
    const a = trade({ timestamp: 10 })
    const b = trade({ timestamp: 40 })
    const eth = trade({ timestamp: 50, symbol: 'ETHUSDT' })
    m.push([a, b, eth])
    const epoch = m.epoch
    m.applyGaps([gap({ id: 3, from: 10, to: 35 })])
    expect(lines(m)).toEqual([eth.trade_id, b.trade_id, 'gap:3', a.trade_id])
    expect(m.epoch, 'rebuilt').toBeGreaterThan(epoch)
    m.setFilter({ symbol: 'ETHUSDT', minSize: 0, grouping: false })
    expect(lines(m)).toEqual([eth.trade_id])
    m.setFilter({ symbol: 'BTCUSDT', minSize: 0, grouping: true })
    expect(lines(m)).toEqual([b.trade_id, 'gap:3', a.trade_id])
  })

  it('keeps gap markers out of the tape while paused and shows them on resume', () => {
    const m = new TapeModel(50)
    const a = trade({ timestamp: 10 })
    m.push([a])
    m.setPaused(true)
    m.applyGaps([gap({ id: 1, from: 10 })])
    expect(lines(m)).toEqual([a.trade_id])
    m.setPaused(false)
    expect(lines(m)).toEqual(['gap:1', a.trade_id])
  })

  it('computes notional in quote currency exactly; inverse sizes are already USD', () => {
    expect(notionalOf({ price: '20000', quantity: '0.5', category: 'linear' })).toBe('10000')
    expect(notionalOf({ price: '20000', quantity: '300', category: 'inverse' })).toBe('300')
    // a real BTCUSDC trade: as doubles, 114513.1 × 0.00862 is 987.1029219999999
    expect(notionalOf({ price: '114513.1', quantity: '0.00862', category: 'spot' })).toBe('987.102922')
    expect(notionalOf({ price: '0.1', quantity: '3', category: 'spot' })).toBe('0.3')
  })

  it('adds decimal strings exactly', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3')
    expect(addDecimals(['1', '0.25', '2.125'])).toBe('3.375')
    expect(addDecimals(['0.000001', '0.000002'])).toBe('0.000003')
  })
})
