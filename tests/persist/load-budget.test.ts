// The start-up load from a real DuckDB file with many symbols on disk and a small memory budget:
// it loads symbol by symbol within the budget (no trade evicted by budget while loading), keeps each
// collected symbol's newest trades, leaves uncollected categories on disk, and the accounting stays
// balanced with every loaded trade counted.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import type { Engine } from '../../src/main/core/engine'
import type { Trade } from '../../src/main/core/trade'
import { testEngine } from '../support/engine-harness'
import { startStack } from '../support/stack'
import { removeTempDirs, tempDataDir, trade } from '../durable/durable-support'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = closers.pop(); c; c = closers.pop()) await c()
  removeTempDirs()
})

const T0 = 1_760_000_000_000
const SYMBOLS = Array.from({ length: 40 }, (_, i) => `LB${i}USDT`)
const PER_SYMBOL = 600
const SPOT = ['LBSPOTAUSDT', 'LBSPOTBUSDT']

/** A data dir with PER_SYMBOL trades of each linear symbol and 50 of each spot one; linear by symbol. */
async function dataDirWithHistory(): Promise<{ dir: string; linear: Map<string, Trade[]> }> {
  const dir = tempDataDir()
  const tier = await openDurableTier({ dataDir: dir, retentionDays: 0, retentionGb: 0, flushIntervalMs: 20 })
  const linear = new Map<string, Trade[]>()
  for (const [s, symbol] of SYMBOLS.entries()) {
    const trades = Array.from({ length: PER_SYMBOL }, (_, i) =>
      trade({ symbol, timestamp: T0 + i * 10 + s, receivedAt: T0 + i * 10 + s + 5 })
    )
    linear.set(symbol, trades)
    for (const t of trades) tier.enqueue(t)
  }
  for (const symbol of SPOT) {
    for (let i = 0; i < 50; i++)
      tier.enqueue(trade({ symbol, category: 'spot', timestamp: T0 + i, receivedAt: T0 + i }))
  }
  expect(await tier.drain(30_000)).toBe(true)
  await tier.close()
  return { dir, linear }
}

describe('loading history at start within the memory budget', () => {
  it('loads the newest trades of every collected symbol, a fair share each, with nothing evicted by budget', async () => {
    const { dir, linear } = await dataDirWithHistory()
    const stack = await startStack({ engine: false })
    closers.push(() => stack.close())
    const engine: Engine = testEngine(
      {
        category: 'linear',
        symbols: ['ALL'],
        memoryBudgetMb: 1,
        wsUrl: stack.sim.wsUrl('linear'),
        restUrl: stack.sim.restUrl
      },
      { persist: { dataDir: dir, retentionIntervalMs: 60_000 }, logFolder: null }
    )
    closers.push(() => engine.stop())
    await engine.start()

    const stats = await engine.handlers.getStorageStats()
    expect(stats.memory.evicted_by_budget).toBe(0)
    expect(stats.memory.evicted_by_cap).toBe(0)
    expect(stats.memory.used_bytes).toBeLessThanOrEqual(stats.memory.budget_bytes)
    // The budget is used, not left idle: most of it holds history.
    expect(stats.memory.used_bytes).toBeGreaterThan(stats.memory.budget_bytes / 2)

    let loaded = 0
    const counts: number[] = []
    for (const [symbol, written] of linear) {
      const shown = await engine.handlers.getTrades({ limit: 1000, symbol })
      counts.push(shown.count)
      loaded += shown.count
      // the newest of what was written, none older skipped in between
      const want = written.slice(written.length - shown.count).map((t) => t.tradeId)
      expect(shown.trades.map((t) => t.trade_id).sort()).toEqual([...want].sort())
    }
    // Each symbol at least its fair share of the budget up front (a ring's worst case for n trades:
    // 85 bytes each plus its first chunk, 2176 bytes); what the estimate leaves over goes to the
    // symbols loaded later. Capped: far fewer than on disk.
    const fair = Math.floor((stats.memory.budget_bytes / SYMBOLS.length - 2176) / 85)
    expect(fair).toBeGreaterThan(100)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(fair)
    expect(loaded).toBeLessThan(SYMBOLS.length * PER_SYMBOL * 0.75)
    // spot is not collected: its symbols stay on disk only
    for (const symbol of SPOT) expect((await engine.handlers.getTrades({ limit: 10, symbol })).count).toBe(0)
    expect(stats.accounting).toMatchObject({ received: loaded, stored: loaded, loaded, balanced: true })

    const lines = (await engine.handlers.getLogs({ limit: 500 })).entries.map((e) => e.message)
    expect(lines.filter((l) => /^Loaded \d+ trades of linear:LB\d+USDT from the data dir/.test(l))).toHaveLength(
      SYMBOLS.length
    )
    expect(
      lines.some((l) => /^The memory budget \(1 MB\) capped the history loaded for \d+ of 40 symbols/.test(l))
    ).toBe(true)
  }, 60_000)
})
