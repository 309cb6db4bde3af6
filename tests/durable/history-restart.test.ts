// History across a restart on the same data dir: the second engine's rings are loaded with the
// newest trades on disk (up to their cap), so a range older than that is read from DuckDB and a
// range inside it from memory, and both are complete, newest first, each trade once.

import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import type { SentTrade } from '../../src/simulator'
import { testEngine } from '../support/engine-harness'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { removeTempDirs, tempDataDir } from './durable-support'

const RING = 100
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = closers.pop(); c; c = closers.pop()) await c()
  removeTempDirs()
})

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function engineOn(stack: Stack<null, null, null>, dataDir: string): Promise<Engine> {
  const engine = testEngine(
    { symbols: ['BTCUSDT'], maxTradesPerSymbol: RING, wsUrl: stack.sim.wsUrl('spot'), restUrl: stack.sim.restUrl },
    { persist: { dataDir }, logFolder: null }
  )
  closers.push(() => engine.stop())
  await engine.start()
  return engine
}

describe('history after a restart', () => {
  it('older than the loaded rings: from disk; inside them: from memory', async () => {
    const stack = await startStack({ engine: false })
    closers.push(() => stack.close())
    const dir = tempDataDir()
    const first = await engineOn(stack, dir)
    await waitSubscribed(first)
    const sent: SentTrade[] = []
    for (let f = 0; f < 25; f++) {
      sent.push(...stack.sim.emitTrades('spot', 'BTCUSDT', 10, { perFrame: 10 }))
      await sleep(3)
    }
    await waitFor(
      async () => {
        const p = (await first.handlers.getStorageStats()).persist
        return p?.persisted === sent.length && p.queue_depth === 0
      },
      { what: 'every trade on disk' }
    )
    await first.stop()

    const second = await engineOn(stack, dir)
    expect((await second.handlers.getStorageStats()).trades_by_symbol.BTCUSDT).toBe(RING)
    const byTime = [...sent].sort((a, b) => a.T - b.T)
    const loadedFrom = byTime[sent.length - RING].T

    const old = await second.handlers.getTrades({ limit: 1000, symbol: 'BTCUSDT', to: loadedFrom - 1 })
    expect(old.source).toBe('disk')
    const wantOld = sent.filter((t) => t.T < loadedFrom).map((t) => t.tradeId)
    expect(old.trades.map((t) => t.trade_id).sort()).toEqual(wantOld.sort())

    const all = await second.handlers.getTrades({ limit: 1000, symbol: 'BTCUSDT', from: byTime[0].T })
    expect(all.source).toBe('disk')
    expect(all.trades.map((t) => t.trade_id).sort()).toEqual(sent.map((t) => t.tradeId).sort())
    const ts = all.trades.map((t) => t.timestamp)
    expect(ts).toEqual([...ts].sort((a, b) => b - a))

    const recent = await second.handlers.getTrades({ limit: 1000, symbol: 'BTCUSDT', from: loadedFrom + 1 })
    expect(recent.source).toBe('memory')
    expect(recent.trades.map((t) => t.trade_id).sort()).toEqual(
      sent
        .filter((t) => t.T > loadedFrom)
        .map((t) => t.tradeId)
        .sort()
    )
  })
})
