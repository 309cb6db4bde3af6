// The memory budget as a client sees it over real HTTP: the stats, /debug/storage and /metrics carry
// the budget, what the held trades take and evictions by reason and per symbol; POST /settings
// changes the budget live (a value out of range is refused), and trades keep their exact strings.
import { afterEach, describe, expect, it } from 'vitest'
import type { StorageDebug, StorageStats, TradesResponse } from '../../src/shared/dto'
import { waitFor } from '../support/wait-for'
import { startMirrorStack, type MirrorStack } from './stack'

let stack: MirrorStack | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

const MB = 1024 * 1024

async function get<T>(s: MirrorStack, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${s.port}${path}`)
  expect(res.status).toBe(200)
  return (path === '/metrics' ? await res.text() : await res.json()) as T
}

function post(s: MirrorStack, body: object): Promise<Response> {
  return fetch(`http://127.0.0.1:${s.port}/settings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-MDM-Token': s.token },
    body: JSON.stringify(body)
  })
}

describe('the memory budget over the mirror', () => {
  it('is reported in stats, debug and metrics, and set live through /settings', async () => {
    stack = await startMirrorStack({ settings: { memoryBudgetMb: 16, maxTradesPerSymbol: 100 } })
    const s = stack
    await waitFor(() => s.engine.handlers.getCollectorStatus({ name: 'bybit_trades' }).phase === 'streaming', {
      what: 'streaming'
    })
    s.sim.emitTrades('spot', 'BTCUSDT', 150, { perFrame: 5 })
    const eth = s.sim.emitTrades('spot', 'ETHUSDT', 20, { perFrame: 5 })
    await waitFor(() => s.engine.handlers.getStorageStats().accounting.received === 170, { what: '170 trades' })

    const stats = await get<StorageStats>(s, '/collectors/storage/stats')
    expect(stats.memory.budget_bytes).toBe(16 * MB)
    expect(stats.memory.used_bytes).toBeGreaterThan(0)
    expect(stats.memory.used_bytes).toBeLessThanOrEqual(16 * MB)
    expect(stats.memory).toMatchObject({ evicted_by_cap: 50, evicted_by_budget: 0 })
    expect(stats.evicted_by_symbol).toEqual({ BTCUSDT: 50, ETHUSDT: 0 })
    expect(stats.accounting.balanced).toBe(true)

    const debug = await get<StorageDebug>(s, '/debug/storage')
    expect(debug.symbol_memory.BTCUSDT).toMatchObject({ stored: 100, evicted_cap: 50, evicted_budget: 0 })
    expect(debug.symbol_memory.ETHUSDT.stored).toBe(20)

    const metrics = await get<string>(s, '/metrics')
    expect(metrics).toContain(`mdm_storage_memory_budget_bytes ${16 * MB}`)
    expect(metrics).toContain(`mdm_storage_memory_bytes ${stats.memory.used_bytes}`)
    expect(metrics).toContain('mdm_storage_evicted_by_reason_total{reason="cap"} 50')
    expect(metrics).toContain('mdm_storage_evicted_by_reason_total{reason="budget"} 0')

    // what is served is what the simulator sent, string for string
    const served = await get<TradesResponse>(s, '/collectors/trades?limit=5&symbol=ETHUSDT')
    const sent = eth.slice(-5).map((t) => [t.tradeId, t.price, t.size])
    expect(served.trades.map((t) => [t.trade_id, t.price, t.quantity]).reverse()).toEqual(sent)

    expect((await post(s, { memoryBudgetMb: 32 })).status).toBe(200)
    expect((await get<StorageStats>(s, '/collectors/storage/stats')).memory.budget_bytes).toBe(32 * MB)
    expect((await post(s, { memoryBudgetMb: 8 })).status).toBe(400)
    expect(s.engine.settings().memoryBudgetMb).toBe(32)
  })
})
