// Who watches the gap list (the durable tier's gap ledger) hears of each gap once as it opens, and
// once as it ends: settled by its backfill or retired with its symbol; never for a pending update,
// and nothing after the unwatch.

import { describe, expect, it } from 'vitest'
import { GapTracker } from '../../src/main/core/collector/gaps'

describe('gap watchers', () => {
  it('hear each gap open once and end once', () => {
    const gaps = new GapTracker()
    const heard: string[] = []
    const unwatch = gaps.watch({
      opened: (g) => heard.push(`opened ${g.id} ${g.symbol}`),
      ended: (g) => heard.push(`ended ${g.id} ${g.backfill}`)
    })
    const btc = gaps.openGap('c', 'BTCUSDT', 1000, 'disconnect', 'linear')
    gaps.openGap('c', 'BTCUSDT', 1200, 'disconnect', 'linear') // already open: the same gap
    const eth = gaps.openGap('c', 'ETHUSDT', 1100, 'disconnect', 'linear')
    gaps.closeGap('c', 'BTCUSDT', 2000, 'linear')
    gaps.settle(btc.id, { backfill: 'pending', recovered: 0, unrecovered: null, detail: null })
    gaps.settle(btc.id, { backfill: 'complete', recovered: 3, unrecovered: 0, detail: 'ok' })
    gaps.retire('c', ['BTCUSDT'], 3000)
    unwatch()
    gaps.openGap('c', 'XRPUSDT', 1300, 'stale', 'linear')
    expect(heard).toEqual([
      `opened ${btc.id} BTCUSDT`,
      `opened ${eth.id} ETHUSDT`,
      `ended ${btc.id} complete`,
      `ended ${eth.id} skipped`
    ])
  })
})
