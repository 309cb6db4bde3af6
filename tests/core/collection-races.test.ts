// Pause, resume, settings changes and restarts asked at the same time, on a real engine collecting
// from the simulator: every request resolves, in arrival order, and the collectors end as the last
// request says. Also what the collector actions answer while collection is paused or the engine stopped.

import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import type { CollectorPhase, CollectorStatus } from '../../src/shared/dto'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null

afterEach(async () => {
  await stack?.close()
  stack = null
})

async function collecting(seed: number): Promise<Stack> {
  stack = await startStack({ simulator: { seed }, engine: { settings: { symbols: ['BTCUSDT'] } } })
  await waitSubscribed(stack.engine)
  return stack
}

const status = (e: Engine): CollectorStatus => e.handlers.getCollectorStatus({ name: 'bybit_trades' })

/** Collecting `symbols` live: the status names them, and every one is subscribed on the simulator's socket. */
async function runs(s: Stack, symbols: string[]): Promise<void> {
  await waitSubscribed(s.engine, symbols)
  expect(status(s.engine).symbols).toEqual(symbols)
  expect(s.engine.handlers.getSettings().symbols).toEqual(symbols)
}

/** Paused on `symbols`: nothing connected to the simulator. */
async function pausedOn(s: Stack, symbols: string[]): Promise<void> {
  expect([status(s.engine).phase, status(s.engine).symbols]).toEqual(['paused', symbols])
  expect(s.engine.handlers.getSettings().symbols).toEqual(symbols)
  await waitFor(() => s.sim.connectionCount('spot') === 0, { what: 'no socket open while paused' })
}

describe('changes asked at the same time', () => {
  it('a resume and a settings change, in either order, both resolve and collect the new symbols', async () => {
    const s = await collecting(31)
    const h = s.engine.handlers
    expect((await h.setCollectionPaused({ paused: true })).ok).toBe(true)

    const [settings, resumed] = await Promise.all([
      h.updateSettings({ symbols: ['ETHUSDT'] }),
      h.setCollectionPaused({ paused: false })
    ])
    expect([settings.symbols, resumed.ok]).toEqual([['ETHUSDT'], true])
    await runs(s, ['ETHUSDT'])

    expect((await h.setCollectionPaused({ paused: true })).ok).toBe(true)
    const [again, changed] = await Promise.all([
      h.setCollectionPaused({ paused: false }),
      h.updateSettings({ symbols: ['SOLUSDT'] })
    ])
    expect([again.ok, changed.symbols]).toEqual([true, ['SOLUSDT']])
    await runs(s, ['SOLUSDT'])
  })

  it('a pause and a settings change, in either order, both resolve and stay paused on the new symbols', async () => {
    const s = await collecting(32)
    const h = s.engine.handlers
    const [paused, settings] = await Promise.all([
      h.setCollectionPaused({ paused: true }),
      h.updateSettings({ symbols: ['ETHUSDT'] })
    ])
    expect([paused.ok, settings.symbols]).toEqual([true, ['ETHUSDT']])
    await pausedOn(s, ['ETHUSDT'])

    expect((await h.setCollectionPaused({ paused: false })).ok).toBe(true)
    await runs(s, ['ETHUSDT'])
    const [changed, pausedAgain] = await Promise.all([
      h.updateSettings({ symbols: ['SOLUSDT'] }),
      h.setCollectionPaused({ paused: true })
    ])
    expect([changed.symbols, pausedAgain.ok]).toEqual([['SOLUSDT'], true])
    await pausedOn(s, ['SOLUSDT'])
  })

  it('a settings change during an engine or a collector restart resolves and collects the new symbols', async () => {
    const s = await collecting(33)
    const h = s.engine.handlers
    const [settings, restarted] = await Promise.all([h.updateSettings({ symbols: ['ETHUSDT'] }), h.restartEngine()])
    expect([settings.symbols, restarted.ok]).toEqual([['ETHUSDT'], true])
    await runs(s, ['ETHUSDT'])

    const [collector, changed] = await Promise.all([
      h.restartCollector({ name: 'bybit_trades' }),
      h.updateSettings({ symbols: ['SOLUSDT'] })
    ])
    expect([collector.ok, changed.symbols]).toEqual([true, ['SOLUSDT']])
    await runs(s, ['SOLUSDT'])
  })

  it('an engine restart while paused says collection stays paused, and a resume right after it runs', async () => {
    const s = await collecting(37)
    const h = s.engine.handlers
    expect((await h.setCollectionPaused({ paused: true })).ok).toBe(true)
    const [restarted, resumed] = await Promise.all([h.restartEngine(), h.setCollectionPaused({ paused: false })])
    expect([restarted, resumed]).toEqual([
      { ok: true, message: 'Engine restarted: collection stays paused' },
      { ok: true, message: 'Collection resumed: collectors reconnecting' }
    ])
    await runs(s, ['BTCUSDT'])
  })

  it('a pause shows paused straight from the live phase: no transient stopped', async () => {
    const s = await collecting(34)
    const phases: CollectorPhase[] = []
    s.engine.manager.get('bybit_trades')?.on('phase', (p) => phases.push(p))
    await s.engine.handlers.setCollectionPaused({ paused: true })
    expect(phases).toEqual(['paused'])
  })
})

describe('a collector stopped twice at once', () => {
  it('the second stop waits for the one under way: both end with the socket closed and the phase final', async () => {
    const s = await collecting(38)
    const collector = s.engine.manager.get('bybit_trades')
    if (!collector) throw new Error('no collector bybit_trades')
    const first = collector.stop('restart')
    await collector.stop()
    expect(collector.currentPhase).toBe('stopped')
    await first
    await waitFor(() => s.sim.connectionCount('spot') === 0, { what: 'the socket closed' })
  })
})

describe('collector actions while paused or stopped', () => {
  it('reconnect and restart refuse while paused, and the collector stays paused', async () => {
    const s = await collecting(35)
    const h = s.engine.handlers
    await h.setCollectionPaused({ paused: true })
    const refused = { ok: false, message: 'collection is paused: resume it first' }
    expect(h.reconnectCollector({ name: 'bybit_trades' })).toEqual(refused)
    expect(await h.restartCollector({ name: 'bybit_trades' })).toEqual(refused)
    expect(status(s.engine).phase).toBe('paused')
    expect(s.sim.connectionCount('spot')).toBe(0)
  })

  it('resume refuses while the engine is not running, and collection stays paused', async () => {
    const s = await collecting(36)
    const h = s.engine.handlers
    await h.setCollectionPaused({ paused: true })
    await s.engine.stop()
    expect(await h.setCollectionPaused({ paused: false })).toEqual({
      ok: false,
      message: 'the engine is not running: collection stays paused'
    })
    expect(s.engine.manager.paused).toBe(true)
    expect(status(s.engine).phase).toBe('paused')
    expect(s.sim.connectionCount('spot')).toBe(0)
  })
})
