// Who watches the gap list (the durable tier's gap ledger) hears of each gap as it opens (again when
// it comes to reach further back), and once as it ends: settled by its backfill or retired with its
// symbol; never for a pending update, also for a gap past the list's length, nothing after the unwatch.

import { describe, expect, it } from 'vitest'
import { GapTracker } from '../../src/main/core/collector/gaps'

describe('gap watchers', () => {
  it('hear each gap open once and end once', () => {
    const gaps = new GapTracker()
    const heard: string[] = []
    const unwatch = gaps.watch({
      opened: (g) => heard.push(`opened ${g.id} ${g.symbol}`),
      ended: (g, how) => heard.push(`ended ${g.id} ${how} ${g.backfill}`)
    })
    const btc = gaps.openGap('c', 'BTCUSDT', 1000, 'disconnect', 'linear')
    gaps.openGap('c', 'BTCUSDT', 1200, 'disconnect', 'linear') // already open, from later: unchanged
    gaps.openGap('c', 'BTCUSDT', 900, 'restart', 'linear') // from earlier: the same gap reaches back
    const eth = gaps.openGap('c', 'ETHUSDT', 1100, 'disconnect', 'linear')
    gaps.closeGap('c', 'BTCUSDT', 2000, 'linear')
    gaps.settle(btc.id, { backfill: 'pending', recovered: 0, unrecovered: null, detail: null })
    gaps.settle(btc.id, { backfill: 'complete', recovered: 3, unrecovered: 0, detail: 'ok' })
    gaps.retire('c', ['BTCUSDT'], 3000)
    unwatch()
    gaps.openGap('c', 'XRPUSDT', 1300, 'stale', 'linear')
    expect(heard).toEqual([
      `opened ${btc.id} BTCUSDT`,
      `opened ${btc.id} BTCUSDT`,
      `opened ${eth.id} ETHUSDT`,
      `ended ${btc.id} settled complete`,
      `ended ${eth.id} retired skipped`
    ])
    expect(btc.from).toBe(900)
    expect(gaps.unsettled().map((g) => g.symbol)).toEqual(['XRPUSDT'])
  })

  it('a gap settled after it left the kept list still ends', () => {
    const gaps = new GapTracker(2)
    const ended: number[] = []
    gaps.watch({ opened: () => {}, ended: (g) => ended.push(g.id) })
    const first = gaps.openGap('c', 'A', 1, 'disconnect', 'spot')
    gaps.openGap('c', 'B', 1, 'disconnect', 'spot')
    gaps.openGap('c', 'C', 1, 'disconnect', 'spot')
    expect(gaps.list().map((g) => g.symbol)).toEqual(['B', 'C'])
    gaps.closeGap('c', 'A', 2, 'spot')
    gaps.settle(first.id, { backfill: 'partial', recovered: 1, unrecovered: null, detail: 'x' })
    expect(ended).toEqual([first.id])
    expect(gaps.unsettled().map((g) => g.symbol)).toEqual(['B', 'C'])
  })
})
