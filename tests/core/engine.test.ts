import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shared/contract'
import type { CollectorStatus, TradeDto } from '../../src/shared/dto'
import type { Engine } from '../../src/main/core/engine'
import { formatLogLine } from '../../src/main/core/log/engine-log'
import type { Settings } from '../../src/shared/settings'
import { REPO_ROOT } from '../support/fixtures'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null
let tmp: string | null = null

afterEach(async () => {
  await stack?.close()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
  stack = null
  tmp = null
})

/** Simulator (no automatic trades) and an engine collecting from it, subscribed to every symbol. */
async function collecting(seed: number, settings: Partial<Settings>): Promise<Stack> {
  stack = await startStack({ simulator: { seed }, engine: { settings } })
  await waitSubscribed(stack.engine)
  return stack
}

const status = (e: Engine): CollectorStatus => e.handlers.getCollectorStatus({ name: 'bybit_trades' })
const streaming = (e: Engine) => () => status(e).phase === 'streaming'

describe('engine', () => {
  it('answers every call, batches trade events at the producer and records raw frames', async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'mdm-engine-'))
    const record = path.join(tmp, 'frames.ndjson')
    const { sim, engine } = await collecting(11, { symbols: ['BTCUSDT', 'ETHUSDT'], recordFile: record })
    const batches: TradeDto[][] = []
    const unsubscribe = engine.subscribe('trades', (b) => batches.push(b))
    sim.emitTrades('spot', 'BTCUSDT', 300, { perFrame: 3 })
    await waitFor(() => batches.flat().length === 300, { what: '300 trades in events' })
    expect(batches.length).toBeLessThan(30) // one batch per ≥ 50 ms tick, not one per trade
    unsubscribe()

    expect(engine.handlers.getHealth().status).toBe('healthy')
    expect(() => engine.handlers.getCollectorStatus({ name: 'nope' })).toThrow(ApiError)
    try {
      engine.handlers.getCollectorStatus({ name: 'nope' })
    } catch (e) {
      expect((e as ApiError).code).toBe('not_found')
    }
    const recent = engine.handlers.getTrades({ limit: 10 })
    expect(recent.count).toBe(10)
    const ts = recent.trades.map((t) => t.timestamp)
    expect([...ts].sort((a, b) => b - a)).toEqual(ts)
    const dbg = engine.handlers.getStorageDebug()
    expect(dbg.collector_bybit_trades_storage).toEqual({
      storage_id: dbg.manager_storage_id,
      is_manager_storage: true,
      total_trades: 300
    })
    const tasks = engine.handlers.getTasks().tasks
    expect(Object.keys(tasks)).toEqual(
      expect.arrayContaining([
        // Each connection has its own tasks: category and shard in the name.
        'bybit_trades.spot.0.socket',
        'bybit_trades.spot.0.heartbeat',
        'bybit_trades.spot.0.watchdog',
        'bybit_trades.backfill',
        'storage.cleanup',
        'engine.publisher'
      ])
    )
    expect(tasks['bybit_trades.spot.0.socket'].state).toBe('running')
    const metrics = engine.metricsText()
    for (const name of [
      'mdm_messages_received_total{collector="bybit_trades",category="spot"}',
      'mdm_trades_stored_total{collector="bybit_trades",category="spot"} 300',
      '# TYPE mdm_exchange_latency_seconds histogram',
      'mdm_storage_fill_ratio{symbol="BTCUSDT"} 0.003',
      'mdm_reconnects_total',
      'mdm_gaps_total 0',
      'mdm_parse_errors_total'
    ]) {
      expect(metrics).toContain(name)
    }
    expect([...engine.exportTrades('BTCUSDT')].map((t) => t.trade_id)).toEqual(sim.sent().map((t) => t.tradeId))

    await engine.stop()
    const lines = readFileSync(record, 'utf8').trim().split('\n')
    expect(lines.length).toBe(status(engine).messages_received)
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow()
    expect(lines.filter((l) => l.includes('"publicTrade.BTCUSDT"') && l.includes('"data"'))).toHaveLength(100)
  })

  it('applies settings live: new symbols resubscribe, the storage limit resizes', async () => {
    const { sim, engine } = await collecting(2, { symbols: ['BTCUSDT'], maxTradesPerSymbol: 1000 })
    sim.emitTrades('spot', 'BTCUSDT', 300)
    await waitFor(() => engine.storage.totalTrades === 300, { what: '300 trades stored' })
    const s = await engine.handlers.updateSettings({ symbols: ['BTCUSDT', 'SOLUSDT'], maxTradesPerSymbol: 100 })
    expect(s.symbols).toEqual(['BTCUSDT', 'SOLUSDT'])
    expect(engine.storage.stats()).toMatchObject({ total_trades: 100, evicted: 200, max_trades_per_symbol: 100 })
    await waitSubscribed(engine, ['BTCUSDT', 'SOLUSDT'])
    sim.emitTrades('spot', 'SOLUSDT', 5)
    await waitFor(() => engine.storage.stats().trades_by_symbol.SOLUSDT === 5, { what: '5 SOLUSDT trades stored' })
    expect(engine.handlers.getGaps().gaps.map((g) => g.cause)).toContain('restart')
    const cleared = engine.handlers.clearStorage()
    expect(cleared).toEqual({ ok: true, message: 'Cleared 105 trades' })
    expect(engine.storage.stats().accounting).toMatchObject({ cleared: 105, balanced: true })
    expect((await engine.handlers.restartCollector({ name: 'bybit_trades' })).ok).toBe(true)
    await waitFor(streaming(engine), { what: 'streaming after the restart' })
    expect(engine.handlers.reconnectCollector({ name: 'bybit_trades' }).ok).toBe(true)
    await waitFor(() => status(engine).reconnect_count === 1 && status(engine).phase === 'streaming', {
      what: 'reconnected once and streaming'
    })
  })

  it('a symbol dropped by a settings change leaves no gap open forever; health recovers', async () => {
    const { sim, engine } = await collecting(3, { symbols: ['BTCUSDT', 'ETHUSDT'] })
    sim.emitTrades('spot', 'ETHUSDT', 3)
    await waitFor(() => engine.storage.stats().trades_by_symbol.ETHUSDT === 3, { what: '3 ETHUSDT trades stored' })
    await engine.handlers.updateSettings({ symbols: ['BTCUSDT'] })
    await waitFor(() => status(engine).phase === 'streaming' && status(engine).open_gaps === 0, {
      what: 'the kept symbol resubscribed and no gap left open'
    })
    const eth = engine.handlers.getGaps().gaps.filter((g) => g.symbol === 'ETHUSDT')
    expect(eth).toHaveLength(1)
    expect(eth[0]).toMatchObject({ cause: 'restart', backfill: 'skipped', recovered: 0 })
    expect(eth[0].to).not.toBeNull()
    expect(eth[0].detail).toMatch(/no longer collected/)
    await waitFor(() => engine.handlers.getHealth().status === 'healthy', { what: 'health back to healthy' })
  })

  it('logs and counts storage faults; valid neighbours of bad trades are kept; the identity holds', async () => {
    const { sim, engine } = await collecting(5, { symbols: ['BTCUSDT'] })
    engine.storage.injectFault(new Error('simulated disk failure'))
    sim.emitTrades('spot', 'BTCUSDT', 4)
    await waitFor(() => engine.handlers.getStorageDebug().storage_errors === 4, { what: '4 storage errors' })
    engine.storage.injectFault(null)
    const mixed = {
      topic: 'publicTrade.BTCUSDT',
      ts: Date.now(),
      type: 'snapshot',
      data: [
        { i: 'ok-1', T: Date.now(), p: '100.5', v: '1', S: 'Buy', s: 'BTCUSDT', BT: false },
        { i: 'bad-1', T: Date.now(), p: 'NaN', v: '1', S: 'Buy', s: 'BTCUSDT', BT: false }
      ]
    }
    sim.sendRaw('spot', JSON.stringify(mixed))
    sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":')
    await waitFor(() => status(engine).parse_errors === 1 && engine.storage.totalTrades === 1, {
      what: 'one parse error, one trade stored'
    })
    const st = status(engine)
    expect(st).toMatchObject({ trades_rejected: 1, is_active: true })
    const logs = engine.log.recent(500)
    expect(logs.some((l) => l.message === 'Storage error: simulated disk failure' && l.level === 'ERROR')).toBe(true)
    expect(engine.storage.stats().accounting).toMatchObject({ received: 6, stored: 1, rejected: 5, balanced: true })
    expect(engine.handlers.getHealth().status).toBe('degraded')
  })

  it('stop() leaves no timer, socket or file handle open (fresh process exits by itself)', async () => {
    const child = spawn(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      [path.join(REPO_ROOT, 'tests/support/leak-probe.ts')],
      {
        cwd: REPO_ROOT,
        stdio: 'pipe'
      }
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    let timer: NodeJS.Timeout | undefined
    const code = await Promise.race([
      new Promise<number | null>((resolve) => child.on('exit', resolve)),
      new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 15_000)))
    ])
    clearTimeout(timer)
    if (code === 'still running') child.kill('SIGKILL')
    expect(JSON.parse(out.trim().split('\n').pop() ?? '{}')).toEqual({ open: [] })
    expect(code).toBe(0)
  }, 20_000)

  it('prints Python-style log lines', () => {
    const line = formatLogLine({
      seq: 1,
      at: new Date(2026, 10, 28, 11, 25, 42, 123).getTime(),
      level: 'INFO',
      logger: 'bybit_trades',
      message: 'm'
    })
    expect(line).toBe('2026-11-28 11:25:42,123 - bybit_trades - INFO - m')
  })
})
