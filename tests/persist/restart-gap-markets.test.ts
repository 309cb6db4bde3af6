// The restart gap follows the market selection as the collector reads it: a category list and
// `category:SYMBOL` pairs select the symbols on disk that get a gap, and the gap carries its
// category, so the collector closes it when that topic is live and REST backfills it.

import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import type { Settings } from '../../src/shared/settings'
import { testEngine } from '../support/engine-harness'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { removeTempDirs, tempDataDir } from '../durable/durable-support'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = closers.pop(); c; c = closers.pop()) await c()
  removeTempDirs()
})

async function engineOn(stack: Stack<null, null, null>, dataDir: string, s: Partial<Settings>): Promise<Engine> {
  const engine = testEngine(
    { ...s, wsUrl: stack.sim.wsUrl('linear'), restUrl: stack.sim.restUrl },
    { persist: { dataDir, retentionIntervalMs: 60_000 }, logFolder: null }
  )
  closers.push(() => engine.stop())
  await engine.start()
  return engine
}

describe('restart gaps and the market selection', () => {
  it('a category list with category:SYMBOL pairs: the restart gap opens with its category and is backfilled', async () => {
    const stack = await startStack({ engine: false })
    closers.push(() => stack.close())
    const dir = tempDataDir()
    const first = await engineOn(stack, dir, { category: 'linear', symbols: ['BTCUSDT'] })
    await waitSubscribed(first)
    stack.sim.emitTrades('linear', 'BTCUSDT', 4)
    await waitFor(async () => (await first.handlers.getStorageStats()).persist?.persisted === 4, {
      what: '4 trades persisted'
    })
    await first.stop()
    const during = stack.sim.emitTrades('linear', 'BTCUSDT', 3)

    // spot selects no symbol here: only linear BTCUSDT is collected
    const second = await engineOn(stack, dir, { category: 'spot,linear', symbols: ['linear:BTCUSDT'] })
    const opened = (await second.handlers.getGaps()).gaps.filter((g) => g.cause === 'restart')
    expect(opened.map((g) => [g.category, g.symbol])).toEqual([['linear', 'BTCUSDT']])
    const settled = await waitFor(
      async () => {
        const g = (await second.handlers.getGaps()).gaps.find((x) => x.cause === 'restart')
        return g && g.backfill !== 'pending' ? g : null
      },
      { what: 'the restart gap settled', timeoutMs: 10_000 }
    )
    expect(settled).toMatchObject({ backfill: 'complete', recovered: 3 })
    const ids = (await second.handlers.getTrades({ limit: 100, symbol: 'BTCUSDT' })).trades.map((t) => t.trade_id)
    for (const t of during) expect(ids).toContain(t.tradeId)
  })
})
