// The tape at an arrival rate far above what a frame paints: arrivals are queued and turned into rows
// once per frame, at most ROWS_PER_FRAME new rows each; the rest are counted as not painted, the
// queue stays bounded when nothing drains it, and pause still freezes the rows exactly.

import { describe, expect, it } from 'vitest'
import type { TradeDto } from '../../src/shared/dto'
import { peekNextTradeId, tradeDto } from '../support/trade-dto'
import {
  frameRowBudget,
  MAX_ROWS_PER_FRAME,
  ROWS_PER_FRAME,
  TAPE_CAPACITY,
  TapeModel,
  type TapeRow
} from '../../src/renderer/src/tape/tape-model'

const trade = (over: Partial<TradeDto> = {}): TradeDto => tradeDto({ category: 'linear', ...over })
/** `n` batches of `size` trades each, as the `trades` event delivers them (500 symbols round-robin). */
function batches(n: number, size: number): TradeDto[][] {
  return Array.from({ length: n }, () => Array.from({ length: size }, (_, i) => trade({ symbol: `S${i % 500}USDT` })))
}
const ids = (m: TapeModel): string[] =>
  Array.from({ length: m.rows.size }, (_, i) => {
    const r = m.rows.get(i) as TapeRow
    return r.kind === 'trade' ? r.tradeId : `gap:${r.gap.id}`
  })

describe('the tape at any arrival rate', () => {
  it('does no row work on arrival and at most ROWS_PER_FRAME rows per frame; the rest are counted', () => {
    const m = new TapeModel()
    // one frame's worth at 600,000 trades/s: 100 batches of 100
    const frame = batches(100, 100)
    for (const b of frame) m.enqueue(b, 1)
    expect(m.rows.size).toBe(0)
    expect(m.queued).toBe(10_000)
    m.drain()
    expect(m.queued).toBe(0)
    expect(m.rows.size).toBe(ROWS_PER_FRAME)
    expect(m.received).toBe(10_000)
    expect(m.notPainted).toBe(10_000 - ROWS_PER_FRAME)
    // the newest trades are the ones painted, newest on top
    const all = frame.flat()
    expect(ids(m)).toEqual(
      all
        .slice(-ROWS_PER_FRAME)
        .reverse()
        .map((t) => t.trade_id)
    )
    // every trade is kept for a filter or a resume
    expect(m.trades.size).toBe(10_000)
    // a second frame adds at most ROWS_PER_FRAME more
    for (const b of batches(50, 100)) m.enqueue(b, 2)
    m.drain()
    expect(m.rows.size).toBe(2 * ROWS_PER_FRAME)
    expect(m.received).toBe(15_000)
    expect(m.received - m.notPainted).toBe(m.rows.size)
  })

  it('gives a longer frame a larger budget, never more than MAX_ROWS_PER_FRAME', () => {
    expect(frameRowBudget(1000 / 60)).toBe(ROWS_PER_FRAME)
    expect(frameRowBudget(2)).toBe(ROWS_PER_FRAME)
    expect(frameRowBudget(50)).toBe(750)
    expect(frameRowBudget(5000)).toBe(MAX_ROWS_PER_FRAME)
    const m = new TapeModel()
    m.drainFrame(1000)
    for (const b of batches(20, 100)) m.enqueue(b, 1)
    m.drainFrame(1000 + 50) // a 50 ms frame
    expect(m.rows.size).toBe(750)
    expect(m.notPainted).toBe(2000 - 750)
  })

  it('paints every trade when a frame brings fewer than its budget', () => {
    const m = new TapeModel()
    for (const b of batches(2, 60)) m.enqueue(b, 1)
    m.drain()
    expect(m.rows.size).toBe(120)
    expect(m.notPainted).toBe(0)
  })

  it('spends the budget on matching trades only: a quiet filtered symbol loses nothing', () => {
    const m = new TapeModel()
    m.setFilter({ symbol: 'ETHUSDT', minSize: 0, grouping: false })
    const mixed: TradeDto[] = []
    for (let i = 0; i < 5000; i++) mixed.push(trade(i % 500 === 0 ? { symbol: 'ETHUSDT' } : {}))
    m.enqueue(mixed, 1)
    m.drain()
    expect(m.rows.size).toBe(10)
    expect(m.notPainted).toBe(0)
  })

  it('keeps the queue bounded when no frame drains it, and counts what it let go', () => {
    const m = new TapeModel()
    for (const b of batches(300, 100)) m.enqueue(b, 1) // 30,000 trades, no frame in between
    expect(m.queued).toBeLessThanOrEqual(TAPE_CAPACITY)
    m.drain()
    expect(m.received).toBe(30_000)
    expect(m.rows.size).toBe(ROWS_PER_FRAME)
    expect(m.notPainted).toBe(30_000 - ROWS_PER_FRAME)
    expect(m.trades.size).toBe(TAPE_CAPACITY)
  })

  it('groups same-millisecond same-side trades within a frame, exact sums', () => {
    const m = new TapeModel()
    m.setFilter({ symbol: null, minSize: 0, grouping: true })
    const burst = ['0.1', '0.2', '0.3'].map((q) => trade({ timestamp: 5, quantity: q }))
    m.enqueue(burst.slice(0, 2), 1)
    m.enqueue(burst.slice(2), 2)
    m.drain()
    expect(m.rows.size).toBe(1)
    expect(m.rows.get(0)).toMatchObject({ kind: 'trade', count: 3, size: '0.6', notional: '60.3' })
  })

  it('pause freezes the rows exactly however much arrives; resume shows the newest', () => {
    const m = new TapeModel()
    for (const b of batches(3, 100)) m.enqueue(b, 1)
    m.drain()
    const frozen = ids(m)
    m.enqueue(batches(1, 7)[0], 2)
    m.setPaused(true) // what arrived before the pause is shown
    expect(ids(m).length).toBe(frozen.length + 7)
    const atPause = ids(m)
    for (let f = 0; f < 20; f++) {
      for (const b of batches(20, 100)) m.enqueue(b, 3)
      m.drain()
    }
    expect(ids(m)).toEqual(atPause)
    expect(m.pendingNew).toBe(40_000)
    m.setPaused(false)
    expect(m.pendingNew).toBe(0)
    expect(m.rows.get(0)).toMatchObject({ tradeId: String(peekNextTradeId() - 1) })
  })
})
