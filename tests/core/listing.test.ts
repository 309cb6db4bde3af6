// `--symbols ALL`: every Trading instrument of the category from REST instruments-info, the cursor
// followed across pages, the topics sharded within the limits with no request refused by the
// simulator (which enforces Bybit's), and the listing read again: new listings subscribed,
// delistings dropped with their open gaps settled `skipped`.
import { afterEach, describe, expect, it } from 'vitest'
import type { CollectorTimings } from '../../src/main/core/collector/timings'
import type { Engine } from '../../src/main/core/engine'
import type { CollectorStatus } from '../../src/shared/dto'
import type { SimulatorOptions } from '../../src/simulator'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null

afterEach(async () => {
  await stack?.close()
  stack = null
})

async function setup(simulator: SimulatorOptions, timings: Partial<CollectorTimings> = {}): Promise<Stack> {
  stack = await startStack({
    simulator: { seed: 21, ...simulator },
    engine: { settings: { category: 'linear', symbols: ['ALL'] }, options: { timings } }
  })
  return stack
}

const status = (e: Engine): CollectorStatus =>
  e.handlers.getCollectorStatus({ name: 'bybit_trades' }) as CollectorStatus

const subscribed = (e: Engine, n: number) => () => {
  const s = status(e)
  return (
    s.status === 'connected' && s.subscriptions.length === n && s.subscriptions.every((t) => t.state === 'subscribed')
  )
}

describe('--symbols ALL', () => {
  it('subscribes every Trading instrument across pages of instruments-info, sharded, nothing refused', async () => {
    const { sim, engine } = await setup({ instruments: { linear: 1200 } })
    await waitFor(subscribed(engine, 1200), { what: '1200 topics subscribed', timeoutMs: 15_000 })
    const s = status(engine)
    // 1000 per page: two pages of instruments, then the empty page that ends the cursor chain.
    expect(s.listings).toEqual([
      expect.objectContaining({ category: 'linear', symbols: 1200, pages: 3, last_error: null })
    ])
    expect(s.symbols).toHaveLength(1200)
    expect(new Set(s.symbols).size).toBe(1200)
    // 500 topics per connection by default: three connections, each within 21,000 characters of args.
    expect(s.connections!.map((c) => [c.id, c.topics, c.subscribed])).toEqual([
      ['linear.0', 500, 500],
      ['linear.1', 500, 500],
      ['linear.2', 200, 200]
    ])
    for (const c of s.connections!) expect(c.args_chars).toBeLessThanOrEqual(21_000)
    const stats = sim.stats()
    expect(stats.rejected_requests.total).toBe(0)
    expect(stats.connections.refused_total).toBe(0)
    expect(stats.topics_subscribed.linear).toBe(1200)

    const [first, , last] = [s.symbols[0], null, s.symbols[1199]]
    sim.emitTrades('linear', first, 5)
    sim.emitTrades('linear', last, 6)
    await waitFor(() => engine.storage.totalTrades === 11, { what: '11 trades' })
    expect(engine.handlers.getTasks().tasks['bybit_trades.linear.listing']).toBeDefined()
    expect(engine.log.recent(2000).map((l) => l.message)).toContain(
      'Instrument listing for linear: 1200 symbols trading (3 page(s))'
    )
  })

  it('follows a small page limit through many pages', async () => {
    const { engine } = await setup({ instruments: { linear: 130 } }, { instrumentsPageLimit: 25 })
    await waitFor(subscribed(engine, 130), { what: '130 topics subscribed', timeoutMs: 10_000 })
    expect(status(engine).listings![0]).toMatchObject({ symbols: 130, pages: 7 })
  })

  it('reads the listing again: a new listing is subscribed, a delisting dropped with its open gap skipped', async () => {
    const { sim, engine } = await setup(
      { symbols: { linear: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] } },
      { instrumentsRefreshMs: 200 }
    )
    await waitFor(subscribed(engine, 3), { what: '3 topics subscribed' })
    sim.instruments.list('linear', 'XRPUSDT')
    await waitFor(subscribed(engine, 4), { what: 'the new listing subscribed' })
    sim.emitTrades('linear', 'XRPUSDT', 4)
    await waitFor(() => engine.storage.totalTrades === 4, { what: 'its trades' })

    // Cut off with every topic live: each gets an open gap; SOLUSDT is delisted meanwhile.
    sim.faults.refuseConnections(true)
    sim.faults.dropConnections()
    await waitFor(() => engine.handlers.getGaps().gaps.filter((g) => g.to === null).length === 4, {
      what: 'four open gaps'
    })
    expect(sim.instruments.delist('linear', 'SOLUSDT')).toBe(true)
    await waitFor(() => !status(engine).symbols.includes('SOLUSDT'), { what: 'SOLUSDT dropped' })
    const sol = engine.handlers.getGaps().gaps.find((g) => g.symbol === 'SOLUSDT')!
    expect(sol).toMatchObject({ category: 'linear', backfill: 'skipped' })
    expect(sol.to).not.toBeNull()
    expect(sol.detail).toContain('delisted')

    sim.faults.refuseConnections(false)
    await waitFor(subscribed(engine, 3), { what: 'the three listed resubscribed', timeoutMs: 5000 })
    expect(
      status(engine)
        .subscriptions.map((t) => t.symbol)
        .sort()
    ).toEqual(['BTCUSDT', 'ETHUSDT', 'XRPUSDT'])
    expect(status(engine).listings![0]).toMatchObject({ added: 1, removed: 1 })
    expect(sim.stats().rejected_requests.total).toBe(0)
  })

  it('settles the open gap of a symbol delisted while the collector restarted (its first listing read)', async () => {
    const { sim, engine } = await setup({ symbols: { linear: ['BTCUSDT', 'SOLUSDT'] } })
    await waitFor(subscribed(engine, 2), { what: '2 topics subscribed' })
    expect(sim.instruments.delist('linear', 'SOLUSDT')).toBe(true)
    // The restart leaves a gap on each live topic; the new collector's first listing lacks SOLUSDT.
    await engine.handlers.restartCollector({ name: 'bybit_trades' })
    await waitFor(subscribed(engine, 1), { what: 'BTCUSDT subscribed again' })
    await waitFor(() => engine.handlers.getGaps().gaps.every((g) => g.to !== null), {
      what: 'no gap left open',
      timeoutMs: 3000
    })
    const sol = engine.handlers.getGaps().gaps.find((g) => g.symbol === 'SOLUSDT')!
    expect(sol).toMatchObject({ category: 'linear', cause: 'restart', backfill: 'skipped' })
    expect(sol.detail).toContain('delisted')
  })

  it('keeps what it holds when a listing comes back empty', async () => {
    const { sim, engine } = await setup({ symbols: { linear: ['BTCUSDT'] } }, { instrumentsRefreshMs: 100 })
    await waitFor(subscribed(engine, 1), { what: 'BTCUSDT subscribed' })
    sim.instruments.delist('linear', 'BTCUSDT')
    const warned = () =>
      engine.log
        .recent(500)
        .some(
          (l) => l.code === 'listing_failed' && l.message.endsWith('listed no Trading instrument: keeping the 1 held')
        )
    await waitFor(warned, { what: 'the empty listing noticed' })
    expect(status(engine).subscriptions.map((t) => [t.symbol, t.state])).toEqual([['BTCUSDT', 'subscribed']])
    expect(status(engine).listings![0]).toMatchObject({ symbols: 0, removed: 0 })
  })

  it('reports a listing it cannot read (listing_failed) and tries again', async () => {
    stack = await startStack({
      simulator: { seed: 21 },
      engine: {
        // Nothing listens on port 9 of loopback: instruments-info cannot be read.
        settings: { category: 'linear', symbols: ['ALL'], restUrl: 'http://127.0.0.1:9' },
        options: { timings: { instrumentsRetryMs: 100 } }
      }
    })
    const { engine } = stack
    await waitFor(() => (status(engine).listings?.[0]?.last_error ?? null) !== null, { what: 'the failure' })
    const s = status(engine)
    expect(s.last_error?.code).toBe('listing_failed')
    expect(s.last_error?.message).toMatch(/^instruments-info for linear failed \(network\)/)
    expect(s.status).toBe('connecting')
    expect(s.connections).toEqual([])
    const tries = () =>
      engine.log.recent(500).filter((l) => l.code === 'listing_failed' && l.message.includes('next try in')).length
    await waitFor(() => tries() >= 2, { what: 'a second try' })
    expect(engine.handlers.getTasks().tasks['bybit_trades.linear.listing'].last_error?.code).toBe('listing_failed')
  })
})
