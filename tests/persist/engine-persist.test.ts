// The engine with its durable tier on a real DuckDB file in a temp dir, collecting from the
// simulator over loopback: every stored trade reaches the disk; a second engine on the same dir
// shows the history at once (before any live trade), opens a `restart` gap per symbol and backfills
// it from the simulator's REST; nothing is stored twice; retention runs as a task; the checklist's
// "Trades persisted" stage passes, is skipped by choice when persistence is off, and fails with
// the code when the disk fails.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import type { OpenTier } from '../../src/main/core/durable/open-tier'
import type { Engine } from '../../src/main/core/engine'
import type { Settings } from '../../src/shared/settings'
import { testEngine } from '../support/engine-harness'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { checklistWhen, item } from '../checklist/support'
import { persistOf as persist, removeTempDirs, tempDataDir, trade } from '../durable/durable-support'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = closers.pop(); c; c = closers.pop()) await c()
  removeTempDirs()
})

const SETTINGS: Partial<Settings> = { category: 'linear', symbols: ['BTCUSDT', 'ETHUSDT'] }

async function simStack(): Promise<Stack<null, null, null>> {
  const stack = await startStack({ engine: false })
  closers.push(() => stack.close())
  return stack
}

async function engineOn(stack: Stack<null, null, null>, dataDir: string, open?: OpenTier): Promise<Engine> {
  const engine = testEngine(
    { ...SETTINGS, wsUrl: stack.sim.wsUrl('linear'), restUrl: stack.sim.restUrl },
    { persist: { dataDir, open, retentionIntervalMs: 60_000 }, logFolder: null }
  )
  closers.push(() => engine.stop())
  await engine.start()
  return engine
}

describe('the engine with its durable tier', () => {
  it('persists what it stores; a restart loads history before the first live trade and backfills the restart gap', async () => {
    const stack = await simStack()
    const dir = tempDataDir()
    const first = await engineOn(stack, dir)
    expect((await persist(first)).state).toBe('ok')
    await waitSubscribed(first)
    stack.sim.emitTrades('linear', 'BTCUSDT', 30)
    stack.sim.emitTrades('linear', 'ETHUSDT', 20)
    await waitFor(async () => (await persist(first)).persisted === 50, { what: '50 trades persisted' })
    expect((await first.handlers.getStorageStats()).accounting).toMatchObject({ stored: 50, balanced: true })
    await first.stop()

    // While no engine runs, the exchange goes on trading: these are the restart gap's trades.
    const during = stack.sim.emitTrades('linear', 'BTCUSDT', 7)

    const second = await engineOn(stack, dir)
    // At once, before any live trade: the 50 trades from disk, counted as loaded, the identity whole.
    const stats = await second.handlers.getStorageStats()
    expect(stats.accounting).toMatchObject({ received: 50, stored: 50, loaded: 50, balanced: true })
    expect(stats.persist).toMatchObject({ state: 'ok', rows_on_disk: 50, persisted: 0 })
    const shown = await second.handlers.getTrades({ limit: 1000, symbol: 'BTCUSDT' })
    expect(shown.count).toBe(30)
    const lines = (await second.handlers.getLogs({ limit: 100 })).entries.map((e) => e.message)
    expect(lines).toContain('Total trades for BTCUSDT: 30')
    const loaded = lines.filter((l) => /^Loaded \d+ trades of linear:\w+ from the data dir \(newest /.test(l))
    expect(loaded.map((l) => l.split(' from')[0]).sort()).toEqual([
      'Loaded 20 trades of linear:ETHUSDT',
      'Loaded 30 trades of linear:BTCUSDT'
    ])
    const gaps = (await second.handlers.getGaps()).gaps.filter((g) => g.cause === 'restart')
    expect(gaps.map((g) => g.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT'])

    // Live again: REST recovers the 7 trades of the outage, each stored (and persisted) once.
    const settled = await waitFor(
      async () => {
        const g = (await second.handlers.getGaps()).gaps.find((x) => x.cause === 'restart' && x.symbol === 'BTCUSDT')
        return g && g.backfill !== 'pending' ? g : null
      },
      { what: 'the BTCUSDT restart gap settled', timeoutMs: 10_000 }
    )
    expect(settled).toMatchObject({ backfill: 'complete', recovered: 7 })
    const ids = (await second.handlers.getTrades({ limit: 1000, symbol: 'BTCUSDT' })).trades.map((t) => t.trade_id)
    for (const t of during) expect(ids).toContain(t.tradeId)
    await waitFor(async () => (await persist(second)).rows_on_disk === 57, { what: '57 rows on disk' })
    const p = await persist(second)
    expect(p).toMatchObject({ persisted: 7, rows_on_disk: 57 })
    // Retention runs as a task (at start, then hourly), visible in /debug/tasks.
    const retention = await waitFor(async () => {
      const t = (await second.handlers.getTasks()).tasks['durable.retention']
      return t?.detail?.startsWith('last run deleted 0') ? t : null
    })
    expect(retention.state).toBe('idle')
  })

  it('the checklist: Trades persisted passes after No storage exceptions, is skipped by choice when turned off in Settings; on again live, and across an engine restart', async () => {
    const stack = await simStack()
    const engine = await engineOn(stack, tempDataDir())
    await waitSubscribed(engine)
    stack.sim.emitTrades('linear', 'BTCUSDT', 5)
    const ok = await checklistWhen(engine, (r) => item(r, 'trades_persisted').status === 'pass', 'persisted passes')
    expect(item(ok, 'trades_persisted').evidence).toMatch(/^5 trades written this run, 0 not persisted, 5 on disk/)
    expect(ok.items.map((i) => i.id).indexOf('trades_persisted')).toBe(
      ok.items.map((i) => i.id).indexOf('no_storage_errors') + 1
    )

    await engine.handlers.updateSettings({ persist: { enabled: false } })
    const off = await engine.handlers.getChecklist()
    expect(item(off, 'trades_persisted')).toMatchObject({ status: 'skipped' })
    expect(item(off, 'trades_persisted').evidence).toMatch(/persistence is off/)
    expect((await persist(engine)).state).toBe('off')
    stack.sim.emitTrades('linear', 'BTCUSDT', 2)
    await waitFor(async () => (await engine.handlers.getStorageStats()).total_trades === 7, { what: '7 stored' })

    // On again, live: the same file reopened, what is stored from now on written; nothing is loaded twice.
    await engine.handlers.updateSettings({ persist: { enabled: true } })
    expect(await persist(engine)).toMatchObject({ state: 'ok', rows_on_disk: 5 })
    stack.sim.emitTrades('linear', 'BTCUSDT', 3)
    await waitFor(async () => (await persist(engine)).rows_on_disk === 8, { what: '8 rows on disk' })
    expect((await engine.handlers.getStorageStats()).accounting).toMatchObject({
      stored: 10,
      loaded: 0,
      balanced: true
    })

    // An engine restart closes and reopens the file: a restart gap from the newest on disk, whose
    // backfill finds every trade already held.
    await engine.handlers.restartEngine()
    const gap = await waitFor(
      async () => {
        const g = (await engine.handlers.getGaps()).gaps.find((x) => x.cause === 'restart' && x.symbol === 'BTCUSDT')
        return g && g.backfill !== 'pending' ? g : null
      },
      { what: 'the restart gap settled' }
    )
    expect(gap).toMatchObject({ backfill: 'complete', recovered: 0 })
    expect(await persist(engine)).toMatchObject({ state: 'ok', rows_on_disk: 8 })
  })

  it('a disk that fails (ENOSPC at the writer) never stops collection: counted, coded, and the stage fails', async () => {
    const stack = await simStack()
    let full = false
    const open: OpenTier = async (o) => {
      const tier = await openDurableTier({
        dataDir: o.dataDir,
        retentionDays: o.retentionDays,
        retentionGb: o.retentionGb,
        log: o.log,
        beforeWrite: () => {
          if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
        }
      })
      return { tier, enforceRetention: async () => 0, setRetention: () => {} }
    }
    const engine = await engineOn(stack, tempDataDir(), open)
    await waitSubscribed(engine)
    full = true
    stack.sim.emitTrades('linear', 'BTCUSDT', 12)
    await waitFor(async () => (await engine.handlers.getStorageStats()).total_trades === 12, { what: '12 stored' })
    const failing = await checklistWhen(engine, (r) => item(r, 'trades_persisted').status === 'fail', 'persisted fails')
    expect(item(failing, 'trades_persisted').facts.last_error_code).toBe('persist_disk_full')
    expect(item(failing, 'trades_persisted').fix.join(' ')).toMatch(/df -h/)
    const m = engine.metricsText()
    expect(m).toMatch(/mdm_persist_errors_total\{code="persist_disk_full"\} [1-9]/)
    expect(m).toMatch(/mdm_persist_state\{state="failing"\} 1/)
    full = false
    await waitFor(async () => (await persist(engine)).rows_on_disk === 12, {
      what: 'the kept queue written once the disk has room',
      timeoutMs: 15_000
    })
  })

  it('retention at start deletes what is past the kept days, counted and logged; recordFrames records into recordings/', async () => {
    const stack = await simStack()
    const dir = tempDataDir()
    const DAY = 86_400_000
    const seeded = await openDurableTier({ dataDir: dir, retentionDays: 0, retentionGb: 0 })
    for (let i = 0; i < 4; i++) seeded.enqueue(trade({ timestamp: Date.now() - 3 * DAY + i }))
    seeded.enqueue(trade({ timestamp: Date.now() - 1000 }))
    expect(await seeded.drain()).toBe(true)
    await seeded.close()

    const engine = testEngine(
      { ...SETTINGS, wsUrl: stack.sim.wsUrl('linear'), restUrl: stack.sim.restUrl, recordFrames: true },
      { persist: { dataDir: dir } }
    )
    closers.push(() => engine.stop())
    await engine.handlers.updateSettings({ persist: { retentionDays: 2 } })
    await engine.start()
    const p = await waitFor(
      async () => {
        const s = await persist(engine)
        // The count moves first, the row count once the tier has re-read its table.
        return s.retention.deleted === 4 && s.rows_on_disk === 1 ? s : null
      },
      { what: 'retention deleted the 4 old trades' }
    )
    expect(p).toMatchObject({ rows_on_disk: 1, retention: { days: 2, deleted: 4 } })
    expect(p.retention.last_run_at).not.toBeNull()
    const logged = (await engine.handlers.getLogs({ limit: 200, code: 'persist_retention' })).entries
    expect(logged.map((e) => e.message).join('\n')).toMatch(/Retention deleted 4 trades/)
    expect(engine.metricsText()).toMatch(/^mdm_persist_retention_deleted_total 4$/m)

    await waitSubscribed(engine)
    stack.sim.emitTrades('linear', 'ETHUSDT', 3)
    const recordings = path.join(dir, 'recordings')
    await waitFor(() => existsSync(recordings) && readdirSync(recordings).length === 1, { what: 'a recording' })
    const file = path.join(recordings, readdirSync(recordings)[0])
    expect(path.basename(file)).toMatch(/^frames-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.ndjson$/)
    await waitFor(() => readFileSync(file, 'utf8').includes('publicTrade.ETHUSDT'), { what: 'the frames recorded' })
  })
})
