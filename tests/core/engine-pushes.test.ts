// `gaps` and `health` are pushed like `status`, on a real engine collecting from the simulator
// through a fault proxy: a push when the gap list or the health report changed, none otherwise.

import { afterEach, describe, expect, it } from 'vitest'
import type { CollectorStatus, GapsResponse, HealthReport } from '../../src/shared/dto'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

/** A BTCUSDT engine behind a fault proxy, looking for changes every 50 ms. */
function startPushStack(tradesMs = 100) {
  return startStack({
    faultProxy: true,
    engine: { settings: { symbols: ['BTCUSDT'] }, options: { intervals: { statusMs: 50, tradesMs } } }
  })
}

describe('engine pushes', () => {
  it('pushes the gap list when a gap opens and when it is backfilled, and nothing while it stays the same', async () => {
    const s = await startPushStack()
    stack = s
    const pushes: GapsResponse[] = []
    const statuses: CollectorStatus[][] = []
    s.engine.subscribe('gaps', (g) => pushes.push(g))
    s.engine.subscribe('status', (list) => statuses.push(list))
    await waitSubscribed(s.engine)
    s.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => s.engine.storage.totalTrades === 5, { what: '5 trades stored' })
    await waitFor(() => pushes.length > 0, { what: 'the first gaps push' })
    expect(pushes).toEqual([{ count: 0, gaps: [] }])

    s.proxy.refuse = true
    s.proxy.resetAll()
    const opened = await waitFor(() => pushes.find((p) => p.count === 1), { what: 'a push with the open gap' })
    expect(opened.gaps[0]).toMatchObject({ symbol: 'BTCUSDT', cause: 'disconnect', to: null, backfill: 'pending' })
    s.sim.emitTrades('spot', 'BTCUSDT', 3) // traded while the collector is away: REST backfill finds them
    s.proxy.refuse = false
    const settled = await waitFor(() => pushes.find((p) => p.gaps[0]?.backfill === 'complete'), {
      what: 'a push with the backfilled gap'
    })
    expect(settled.gaps[0]).toMatchObject({ symbol: 'BTCUSDT', recovered: 3, unrecovered: 0 })
    expect(settled.gaps[0].to).not.toBeNull()
    expect(settled).toEqual(s.engine.handlers.getGaps())

    // The list no longer changes: ten more status pushes (same cadence) bring no gaps push.
    const seen = pushes.length
    const ticks = statuses.length
    await waitFor(() => statuses.length >= ticks + 10, { what: 'ten more status pushes' })
    expect(pushes).toHaveLength(seen)
  })

  it('a settled gap reaches a listener after the trades it recovered, however slow the trade batches', async () => {
    // Trades go out every 5 s, gap changes are looked for every 50 ms: without the flush before a
    // gaps push, the window would read "3 recovered" seconds before those trades reach its tape.
    const s = await startPushStack(5000)
    stack = s
    const events: string[] = []
    s.engine.subscribe('trades', (batch) =>
      events.push(...batch.map((t) => `trade ${t.trade_id}${t.backfilled ? ' backfilled' : ''}`))
    )
    s.engine.subscribe('gaps', (g) => events.push(`gaps ${g.gaps.map((x) => x.backfill).join(',')}`))
    await waitSubscribed(s.engine)
    s.proxy.refuse = true
    s.proxy.resetAll()
    await waitFor(() => s.engine.handlers.getGaps().count === 1, { what: 'the gap to open' })
    const during = s.sim.emitTrades('spot', 'BTCUSDT', 3).map((t) => t.tradeId)
    s.proxy.refuse = false
    await waitFor(() => events.includes('gaps complete'), { what: 'a push with the backfilled gap' })
    const settledAt = events.indexOf('gaps complete')
    expect(during).toHaveLength(3)
    for (const id of during) {
      const at = events.indexOf(`trade ${id} backfilled`)
      expect(at, `backfilled trade ${id} pushed`).toBeGreaterThanOrEqual(0)
      expect(at, `backfilled trade ${id} pushed before the settled gap`).toBeLessThan(settledAt)
    }
  })

  it('pushes health when it changes: storage errors turn it degraded, with the reason', async () => {
    const s = await startPushStack()
    stack = s
    const pushes: HealthReport[] = []
    s.engine.subscribe('health', (h) => pushes.push(h))
    await waitSubscribed(s.engine)
    await waitFor(() => pushes.at(-1)?.status === 'healthy', { what: 'a healthy push' })

    s.engine.storage.injectFault(new Error('simulated disk failure'))
    s.sim.emitTrades('spot', 'BTCUSDT', 2)
    const degraded = await waitFor(() => pushes.find((h) => h.status === 'degraded'), { what: 'a degraded push' })
    expect(degraded.reasons).toEqual(['2 storage error(s)'])
    expect(degraded).toMatchObject({ status: 'degraded', reasons: s.engine.handlers.getHealth().reasons })
  })
})
