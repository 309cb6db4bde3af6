// A hole a crash hides: after a disconnect, live trades reach the disk first and the gap's backfill
// (older trades, queued later) is lost before it is written. The newest trade on disk then lies
// after the hole, so a restart gap from it would never look there. The gap ledger keeps the gap open
// on disk until its backfill is written: the next start's restart gap reaches back to it, backfills
// the outage from REST, and the file ends with every trade once.
//
// The loss is made exact, not raced: the engine's REST requests pass a gate the test holds (so the
// live trades are written before the backfill arrives), and from then on the disk is full: nothing
// more reaches the file, as if the process had died there, and the stop counts the backfill as not
// persisted.

import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import type { DuckDbDurableTier } from '../../src/main/core/durable/tier-options'
import type { OpenTier } from '../../src/main/core/durable/open-tier'
import type { Engine } from '../../src/main/core/engine'
import type { GapRecord } from '../../src/shared/dto'
import { testEngine } from '../support/engine-harness'
import { listenLoopback } from '../support/loopback'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { persistOf as persist, removeTempDirs, tempDataDir } from '../durable/durable-support'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = closers.pop(); c; c = closers.pop()) await c()
  removeTempDirs()
})

/** A REST front for the simulator that holds requests while `held` is true. */
async function restGate(upstream: string): Promise<{ url: string; hold(on: boolean): void; waiting(): number }> {
  const target = new URL(upstream)
  let held = false
  const parked: (() => void)[] = []
  const pass = (req: IncomingMessage, res: ServerResponse): void => {
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers)
      r.pipe(res)
    })
    up.on('error', () => res.destroy())
    up.end()
  }
  const server = createServer((req, res) => (held ? parked.push(() => pass(req, res)) : pass(req, res)))
  const port = await listenLoopback(server)
  closers.push(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    hold(on) {
      held = on
      if (!on) for (let p = parked.shift(); p; p = parked.shift()) p()
    },
    waiting: () => parked.length
  }
}

interface Opened {
  tier: DuckDbDurableTier | null
  refuse: boolean
}

function openWith(o: Opened): OpenTier {
  return async (opts) => {
    const tier = await openDurableTier({
      dataDir: opts.dataDir,
      retentionDays: opts.retentionDays,
      retentionGb: opts.retentionGb,
      log: opts.log,
      beforeWrite: () => {
        if (o.refuse) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
      }
    })
    o.tier = tier
    return { tier, enforceRetention: async () => 0, setRetention: () => {} }
  }
}

async function engineOn(stack: Stack<null, null, null>, restUrl: string, dataDir: string, o: Opened): Promise<Engine> {
  const engine = testEngine(
    { category: 'linear', symbols: ['BTCUSDT'], wsUrl: stack.sim.wsUrl('linear'), restUrl },
    { persist: { dataDir, open: openWith(o), retentionIntervalMs: 60_000 }, logFolder: null }
  )
  closers.push(() => engine.stop())
  await engine.start()
  return engine
}

async function gapOf(e: Engine, cause: GapRecord['cause'], settled: boolean): Promise<GapRecord> {
  return waitFor(
    async () => {
      const g = (await e.handlers.getGaps()).gaps.find((x) => x.cause === cause && x.symbol === 'BTCUSDT')
      return g && (!settled || g.backfill !== 'pending') ? g : null
    },
    { what: `the ${cause} gap${settled ? ' settled' : ''}`, timeoutMs: 15_000 }
  )
}

describe('a backfill lost before it reached the disk', () => {
  it('stays a gap on disk: the next start backfills it, and every trade is in the file once', async () => {
    const stack = await startStack({ engine: false })
    closers.push(() => stack.close())
    const rest = await restGate(stack.sim.restUrl)
    const dir = tempDataDir()
    const a: Opened = { tier: null, refuse: false }
    const first = await engineOn(stack, rest.url, dir, a)
    await waitSubscribed(first)
    stack.sim.emitTrades('linear', 'BTCUSDT', 20)
    await waitFor(async () => (await persist(first)).persisted === 20, { what: '20 trades on disk' })

    // The connection is lost; the exchange trades on while nothing collects.
    rest.hold(true)
    stack.sim.faults.refuseConnections(true)
    stack.sim.faults.dropConnections()
    const disconnect = await gapOf(first, 'disconnect', false)
    const outage = stack.sim.emitTrades('linear', 'BTCUSDT', 15)
    stack.sim.faults.refuseConnections(false)

    // Live again: the backfill's request waits at the gate while live trades reach the disk.
    await waitFor(() => rest.waiting() > 0, { what: 'the backfill request', timeoutMs: 15_000 })
    stack.sim.emitTrades('linear', 'BTCUSDT', 10)
    await waitFor(async () => (await persist(first)).persisted === 30, { what: 'the live trades on disk' })

    // From now on nothing reaches the disk: the backfill is stored in memory and lost to the file.
    a.refuse = true
    rest.hold(false)
    expect(await gapOf(first, 'disconnect', true)).toMatchObject({
      id: disconnect.id,
      backfill: 'complete',
      recovered: 15
    })
    await waitFor(
      async () => {
        const p = await persist(first)
        return p.queue_depth === 15 && p.last_error?.code === 'persist_disk_full'
      },
      { what: 'the backfill queued, the disk full' }
    )
    expect((await first.handlers.getStorageStats()).total_trades).toBe(45)
    await first.stop()
    const closing = (await first.handlers.getLogs({ limit: 50 })).entries.map((e) => e.message)
    expect(closing).toContain('Data dir closed: 30 trades written this run, 15 not persisted')
    // What the crash leaves in the file: the gap, still open.
    const between = await openDurableTier({ dataDir: dir, retentionDays: 30, retentionGb: 5 })
    expect(await between.openGaps()).toMatchObject([
      { category: 'linear', symbol: 'BTCUSDT', from: disconnect.from, cause: 'disconnect' }
    ])
    expect((await between.stats()).rows_on_disk).toBe(30)
    await between.close()

    const downtime = stack.sim.emitTrades('linear', 'BTCUSDT', 5)
    const b: Opened = { tier: null, refuse: false }
    const second = await engineOn(stack, rest.url, dir, b)
    const restart = await gapOf(second, 'restart', true)
    // The restart gap begins where the lost backfill did, not at the newest trade on disk.
    expect(restart).toMatchObject({ from: disconnect.from, backfill: 'complete', recovered: 20 })
    const said = (await second.handlers.getLogs({ limit: 200 })).entries.map((e) => e.message)
    expect(said.find((l) => l.startsWith(`Gap #${restart.id} for BTCUSDT opened (restart)`))).toMatch(
      /1 gap\(s\) of an earlier run never backfilled on disk, the oldest from .* \(disconnect\)/
    )

    const tier = b.tier as DuckDbDurableTier
    expect(await tier.drain()).toBe(true)
    const onDisk = await tier.range({ symbol: 'BTCUSDT', limit: 1000 })
    const sent = stack.sim.sent().filter((t) => t.symbol === 'BTCUSDT')
    expect(sent).toHaveLength(50)
    expect(onDisk.map((t) => t.tradeId).sort()).toEqual(sent.map((t) => t.tradeId).sort())
    for (const t of [...outage, ...downtime]) {
      expect(onDisk.find((d) => d.tradeId === t.tradeId)?.backfilled).toBe(true)
    }
    // The restart gap ended with its backfill on disk: no gap is left open there.
    expect(await tier.openGaps()).toEqual([])
  })
})
