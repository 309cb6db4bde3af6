// Items 6 ("Storage handler present") and 7 ("Same storage instance as the manager's") judged on
// real engines: wired as the app wires them they pass; wired (through the engine's test-only seam)
// to another storage instance, or to none, they fail naming both sides.

import { afterEach, describe, expect, it } from 'vitest'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { checklistWhen, item, passes } from './support'

let stack: Stack | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

describe('checklist storage wiring', () => {
  it('passes both items when the collector writes to the manager storage, naming that one instance', async () => {
    stack = await startStack({ engine: { settings: { symbols: ['BTCUSDT'] } } })
    const r = await checklistWhen(stack.engine, passes('storage_handler', 'same_storage_instance'), 'storage items')
    const { id, className } = stack.engine.storage
    expect(item(r, 'storage_handler')).toMatchObject({
      evidence: `bybit_trades writes to ${className} ${id}`,
      facts: { storage_id: id, storage_class: className }
    })
    expect(item(r, 'same_storage_instance')).toMatchObject({
      evidence: `${id} is the manager's storage`,
      facts: { collector_storage_id: id, manager_storage_id: id }
    })
  })

  it("fails 'same storage instance' with both ids when the collector writes elsewhere; the API sees none of its trades", async () => {
    const other = new TradeStorage({ maxTradesPerSymbol: 100 })
    const s = await startStack({
      engine: { settings: { symbols: ['BTCUSDT'] }, options: { internals: { collectorStorage: other } } }
    })
    stack = s
    await waitSubscribed(s.engine)
    s.sim.emitTrades('spot', 'BTCUSDT', 3)
    await waitFor(() => other.totalTrades === 3, { what: '3 trades in the other storage' })
    expect((await s.engine.handlers.getTrades({ limit: 10 })).count).toBe(0)

    const manager = s.engine.storage.id
    expect(other.id).not.toBe(manager)
    const r = await s.engine.handlers.getChecklist()
    expect(item(r, 'storage_handler').status).toBe('pass')
    const same = item(r, 'same_storage_instance')
    expect(same).toMatchObject({
      status: 'fail',
      evidence: `collector holds ${other.id}, the manager (and the API) read ${manager}`,
      facts: { collector_storage_id: other.id, manager_storage_id: manager }
    })
    expect(same.fix.join('\n')).toMatch(/collector_bybit_trades_storage vs manager_storage_id/)
    expect(r.first_failure).toBe('same_storage_instance')
    expect(item(r, 'no_storage_errors').evidence).toMatch(/^blocked by "Same storage instance as the manager's"/)
    expect(s.engine.handlers.getStorageDebug().collector_bybit_trades_storage).toEqual({
      storage_id: other.id,
      is_manager_storage: false,
      total_trades: 3
    })
  })

  it("fails 'storage handler present' when the collector holds no storage, naming the manager's", async () => {
    // Not started: a collector without storage would have nowhere to put the first frame.
    stack = await startStack({
      engine: { settings: { symbols: ['BTCUSDT'] }, options: { internals: { collectorStorage: null } }, start: false }
    })
    const manager = stack.engine.storage.id
    const r = await stack.engine.handlers.getChecklist()
    const handler = item(r, 'storage_handler')
    expect(handler).toMatchObject({
      status: 'fail',
      evidence: `bybit_trades holds no storage; the manager's is ${manager}`,
      facts: { storage_id: null, manager_storage_id: manager }
    })
    expect(handler.fix.join('\n')).toMatch(/wiring bug/)
    const same = item(r, 'same_storage_instance')
    expect(same.status).toBe('skipped')
    expect(same.evidence).toBe(
      `blocked by "Storage handler present"; meanwhile: collector holds nothing, the manager (and the API) read ${manager}`
    )
    expect(same.facts).toEqual({ collector_storage_id: null, manager_storage_id: manager })
  })
})
