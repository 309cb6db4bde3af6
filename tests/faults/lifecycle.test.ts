// Fault matrix rows 20–28: closes, duplicates, gaps with REST backfill, ordering, load, stalls,
// sleep/resume and quitting mid-backoff.
import { afterEach, describe, expect, it } from 'vitest'
import type { TradeDto } from '../../src/shared/dto'
import { blockEventLoop, expectNoSilentLoss, startRig, type Rig } from '../support/fault-rig'
import { ScriptedBybit } from '../support/scripted-bybit'
import { waitFor } from '../support/wait-for'

let rig: Rig | null = null
let scripted: ScriptedBybit | null = null
afterEach(async () => {
  await rig?.close()
  await scripted?.close()
  rig = scripted = null
})

const LIVE = { tradesPerSecond: 200, tickMs: 10 }
const reconnected =
  (r: Rig, n = 1) =>
  () =>
    r.status().reconnect_count >= n && r.status().phase === 'streaming'

describe('fault matrix: lifecycle (rows 20–28)', () => {
  it('F20 going-away close (1001): code and reason recorded, quick reconnect, subscriptions restored', async () => {
    rig = await startRig({ sim: LIVE, category: 'linear' })
    await rig.streaming()
    await waitFor(() => rig!.engine.storage.totalTrades > 10)
    rig.sim.faults.dropConnections(1001, 'going away')
    await waitFor(reconnected(rig), { what: 'reconnected' })
    expect(rig.status().last_close).toMatchObject({ code: 1001, reason: 'going away' })
    expect(rig.status().subscriptions.map((t) => t.state)).toEqual(['subscribed'])
    rig.expectPhases(['streaming', 'backoff', 'connecting', 'open', 'subscribing', 'streaming'])
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F21 policy closes (1008, 1011, 4xxx): each recorded, each followed by a backed-off reconnect', async () => {
    rig = await startRig({ sim: LIVE, category: 'linear' })
    await rig.streaming()
    const seen: number[] = []
    for (const [n, code] of [1008, 1011, 4000].entries()) {
      rig.sim.faults.dropConnections(code, `policy ${code}`)
      await waitFor(reconnected(rig, n + 1), { what: `reconnect after ${code}` })
      seen.push(rig.status().last_close!.code)
    }
    expect(seen).toEqual([1008, 1011, 4000])
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F22 duplicates after reconnect: the re-sent trades are dropped and counted, stored once', async () => {
    rig = await startRig()
    await rig.streaming()
    rig.sim.emitTrades('spot', 'BTCUSDT', 20)
    await waitFor(() => rig!.engine.storage.totalTrades === 20)
    rig.sim.faults.duplicateOnResubscribe(5)
    rig.sim.faults.dropConnections()
    await waitFor(() => rig!.status().duplicates_dropped === 5, { what: 'five duplicates dropped' })
    const list = (await rig.engine.handlers.getTrades({ limit: 100 })).trades
    expect(new Set(list.map((t: TradeDto) => t.trade_id)).size).toBe(20)
    await expectNoSilentLoss(rig, { duplicates: 5, unrecovered: 0 })
  })

  it('F23 gap during an outage (linear, REST limit 1000): gap shown, backfilled complete, nothing lost', async () => {
    rig = await startRig({ sim: LIVE, proxy: true, category: 'linear' })
    await rig.streaming()
    await waitFor(() => rig!.engine.storage.totalTrades > 10)
    rig.proxy!.refuse = true
    rig.proxy!.resetAll()
    const during = await waitFor(() => (rig!.status().open_gaps === 1 ? rig!.status() : null), { what: 'gap open' })
    expect(during.status).toBe('reconnecting')
    const before = rig.sim.sent().length
    await waitFor(() => rig!.sim.sent().length > before + 60, { what: 'trades while away' })
    rig.proxy!.refuse = false
    await waitFor(reconnected(rig), { what: 'back', timeoutMs: 5000 })
    const r = await expectNoSilentLoss(rig, { unrecovered: 0 })
    const { gaps } = await rig.engine.handlers.getGaps()
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({ symbol: 'BTCUSDT', backfill: 'complete', unrecovered: 0 })
    expect(gaps[0].recovered).toBeGreaterThanOrEqual(60)
    expect(r.backfilled).toBe(gaps[0].recovered)
    expect(rig.status().open_gaps).toBe(0)
    expect(rig.engine.metricsText()).toMatch(/^mdm_gaps_total 1$/m)
    const backfilled = [...rig.engine.exportTrades()].filter((t) => t.backfilled)
    expect(backfilled.every((t) => t.timestamp >= gaps[0].from && t.timestamp <= gaps[0].to!)).toBe(true)
    expect(rig.engine.handlers.getTasks().tasks['bybit_trades.backfill']).toMatchObject({ state: 'idle' })
  })

  it('F23 gap longer than the spot REST window (60): partial, the loss counted inside the gap, never hidden', async () => {
    rig = await startRig({ sim: LIVE, proxy: true, category: 'spot' })
    await rig.streaming()
    rig.proxy!.refuse = true
    rig.proxy!.resetAll()
    const before = rig.sim.sent().length
    await waitFor(() => rig!.sim.sent().length > before + 150, { what: 'more than 60 trades while away' })
    rig.proxy!.refuse = false
    await waitFor(reconnected(rig), { what: 'back', timeoutMs: 5000 })
    const r = await expectNoSilentLoss(rig)
    const gap = rig.gaps()[0]
    expect(gap).toMatchObject({ backfill: 'partial', unrecovered: null })
    // the whole window of 60 is used: each trade recovered, or already held (the live trades that
    // arrived in the gap's last millisecond before the REST answer did, on a busy host)
    const used = /REST returned 60 trade\(s\); (\d+) recovered, (\d+) already held/.exec(gap.detail ?? '')
    expect(used, gap.detail ?? '').not.toBeNull()
    expect(Number(used![1])).toBe(gap.recovered)
    expect(gap.recovered + Number(used![2])).toBe(60)
    expect(gap.recovered).toBeGreaterThan(0)
    expect(r.unrecovered).toBeGreaterThan(0)
    expect(gap.detail).toContain('older trades of the gap are lost')
  })

  it('F24 out-of-order T, equal seq and clock skew: all stored in arrival order, no gap, no crash', async () => {
    scripted = await ScriptedBybit.start()
    const now = Date.now()
    const a = scripted.trades(2, { T: now, seq: 500 })
    const b = scripted.trades(2, { T: now - 5000, seq: 500 })
    const c = scripted.trades(1, { T: now + 5000, seq: 499 })
    scripted.onSubscribed = (ws) => {
      for (const batch of [a, b, c]) ws.send(scripted!.frameText(batch))
    }
    rig = await startRig({ wsUrl: scripted.url() })
    await waitFor(() => rig!.engine.storage.totalTrades === 5)
    expect(rig.gaps()).toHaveLength(0)
    expect(rig.status()).toMatchObject({ parse_errors: 0, reconnect_count: 0 })
    const newest = (await rig.engine.handlers.getTrades({ limit: 5 })).trades.map((t: TradeDto) => t.trade_id)
    // /collectors/trades documents newest first by exchange time.
    expect(newest[0]).toBe(c[0].i)
    expect(newest.slice(-2).sort()).toEqual(b.map((t) => t.i).sort())
  })

  it('F25 firehose burst: the ring stays at capacity, evictions counted, UI batches capped', async () => {
    rig = await startRig({
      category: 'linear',
      settings: { maxTradesPerSymbol: 5000 },
      engine: { maxTradesPerBatch: 500 },
      // The production pong timeout: on a loaded machine the burst holds the loop past the rig's 300 ms,
      // and a heartbeat reconnect mid-burst is not what this row is about.
      timings: { pongTimeoutMs: 10_000 }
    })
    let biggest = 0
    rig.engine.subscribe('trades', (batch) => (biggest = Math.max(biggest, batch.length)))
    await rig.streaming()
    rig.sim.emitTrades('linear', 'BTCUSDT', 30_000, { perFrame: 1000 })
    await waitFor(() => rig!.engine.storage.stats().accounting.received === 30_000, { what: 'all received' })
    const stats = rig.engine.storage.stats()
    expect(stats.trades_by_symbol.BTCUSDT).toBe(5000)
    expect(stats.evicted).toBe(25_000)
    expect(biggest).toBeLessThanOrEqual(500)
    await waitFor(() => biggest > 0)
    const r = await expectNoSilentLoss(rig, { unrecovered: 0, duplicates: 0 })
    expect(r).toMatchObject({ sent: 30_000, stored: 5000, evicted: 25_000 })
  })

  it('F26 event-loop stall (1.5 s busy loop): at most one reconnect, no storm afterwards', async () => {
    rig = await startRig({ sim: LIVE, category: 'linear' })
    await rig.streaming()
    await waitFor(() => rig!.status().last_pong_at !== null)
    // A synchronous stall of the whole process, simulator included.
    blockEventLoop(1500)
    const stallEnd = Date.now()
    await waitFor(() => rig!.status().phase === 'streaming', { what: 'streaming after the stall' })
    // No storm afterwards: pongs keep coming for more than a pong timeout past the stall.
    await waitFor(() => (rig!.status().last_pong_at ?? 0) > stallEnd + 400, {
      what: 'pongs for 400 ms after the stall',
      timeoutMs: 3000
    })
    // The pong and the data that arrived during the stall are read before any deadline is judged.
    expect(rig.status().reconnect_count).toBe(0)
    expect(rig.status().last_error).toBeNull()
    expect(rig.status().phase).toBe('streaming')
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F27 sleep/resume: an immediate ping; no pong → reconnect with a resume gap; a healthy link is kept', async () => {
    rig = await startRig({ sim: LIVE, category: 'linear' })
    await rig.streaming()
    rig.engine.onResume()
    await waitFor(() => rig!.status().last_pong_at! > Date.now() - 100)
    expect(rig.status().reconnect_count).toBe(0)
    rig.sim.faults.answerPings(false)
    rig.engine.onResume()
    await waitFor(() => rig!.status().reconnect_count === 1, { what: 'reconnect after resume', timeoutMs: 1500 })
    rig.sim.faults.answerPings(true)
    await waitFor(reconnected(rig))
    expect(rig.gaps()[0]).toMatchObject({ cause: 'resume' })
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F28 renderer slow / quit during backoff: events coalesced, stop is prompt and leaves no reconnect', async () => {
    rig = await startRig({ proxy: true, engine: { maxTradesPerBatch: 100 }, timings: { backoffMinMs: 1000 } })
    rig.engine.subscribe('trades', () => blockEventLoop(30)) // a slow renderer
    await rig.streaming()
    rig.sim.emitTrades('spot', 'BTCUSDT', 1000, { perFrame: 1000 })
    await waitFor(() => /mdm_event_trades_dropped_total 900/.test(rig!.engine.metricsText()), { what: 'coalesced' })
    expect(rig.engine.storage.totalTrades).toBe(1000)
    rig.proxy!.refuse = true
    rig.proxy!.resetAll()
    const scheduled = await waitFor(() => rig!.status().phase === 'backoff' && rig!.status().next_reconnect_at, {
      what: 'backoff with a reconnect scheduled'
    })
    const accepted = rig.proxy!.accepted
    const t0 = Date.now()
    await rig.engine.stop()
    expect(Date.now() - t0).toBeLessThan(300)
    expect(rig.status()).toMatchObject({ status: 'stopped', next_reconnect_at: null })
    // The moment the backoff had scheduled passes with no connection attempt.
    await waitFor(() => Date.now() > scheduled + 100, { what: 'past the scheduled reconnect', timeoutMs: 3000 })
    expect(rig.proxy!.accepted).toBe(accepted)
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })
})
