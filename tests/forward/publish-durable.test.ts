// The durable outbox: with a data dir, forwarding resumes from the cursor kept in the DuckDB file.
// An engine that stopped while NATS was down is followed by one on the same data dir that sends
// what is on disk after the cursor; a serve process killed with SIGKILL and started again resumes
// from its cursor: nothing missing, nothing twice.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import { forwardConfig, type ForwardConfig } from '../../src/main/core/forward/forward-config'
import { startSimulator } from '../../src/simulator'
import { startForwardingServe, type ForwardingServe } from '../support/forwarding-serve'
import { NATS_SKIP_REASON, startNatsServer, type NatsServer } from '../support/nats-server'
import { readStream, streamInfo } from '../support/nats-stream'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

const FAST: Partial<ForwardConfig> = { backoffMinMs: 50, backoffMaxMs: 300, ackTimeoutMs: 2000, stopDrainMs: 500 }

describe.skipIf(NATS_SKIP_REASON !== null)(`the durable outbox ${NATS_SKIP_REASON ?? ''}`, () => {
  const owned: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (let o = owned.pop(); o; o = owned.pop()) await o.close()
  })
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mdm-fwd-'))
    owned.push({ close: () => rm(dir, { recursive: true, force: true }) })
    return dir
  }
  const persisted = (e: Engine): number => e.handlers.getStorageStats().persist?.persisted ?? 0

  it('an engine stopped while NATS is down: the next one on the same data dir forwards what is on disk after the cursor', async () => {
    const nats = await startNatsServer()
    owned.push(nats)
    const dataDir = await tempDir()
    const stackFor = async (): Promise<Stack> => {
      const s = await startStack({
        engine: {
          settings: { symbols: ['BTCUSDT', 'ETHUSDT'] },
          options: { persist: { dataDir }, publish: forwardConfig([nats.url], FAST) }
        }
      })
      owned.push(s)
      return s
    }
    const one = await stackFor()
    await waitSubscribed(one.engine)
    one.sim.emitTrades('spot', 'BTCUSDT', 30)
    await waitFor(() => one.engine.handlers.getPublishStatus().acknowledged === 30, {
      what: '30 forwarded',
      timeoutMs: 10_000
    })
    await waitFor(() => one.engine.handlers.getPublishStatus().cursors.length === 1, { what: 'cursor' })
    expect(one.engine.handlers.getPublishStatus().outbox).toBe('durable')
    await nats.stop()
    one.sim.emitTrades('spot', 'BTCUSDT', 20)
    one.sim.emitTrades('spot', 'ETHUSDT', 25)
    await waitFor(() => persisted(one.engine) === 75, { what: '75 on disk', timeoutMs: 10_000 })
    expect(one.engine.handlers.getPublishStatus().pending).toBe(45)
    await one.engine.stop()
    // Left on disk, not dropped: the durable outbox counts nothing as dropped.
    expect(one.engine.handlers.getPublishStatus().dropped).toBe(0)
    await one.close()

    await nats.start()
    const two = await stackFor()
    const st = await waitFor(
      () => {
        const s = two.engine.handlers.getPublishStatus()
        return s.state === 'connected' && s.pending === 0 && s.acknowledged >= 45 && s
      },
      { what: 'the 45 left on disk forwarded', timeoutMs: 15_000 }
    )
    expect(st.replayed_from_disk).toBeGreaterThanOrEqual(45)
    const ids = (await readStream(nats.url)).map((m) => m.trade.trade_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(75)
  }, 60_000)

  it('a small outbox overflowing while NATS is down: the overflow is read back from disk, nothing dropped', async () => {
    const nats = await startNatsServer()
    owned.push(nats)
    const dataDir = await tempDir()
    const s = await startStack({
      engine: {
        settings: { symbols: ['BTCUSDT', 'ETHUSDT'] },
        options: { persist: { dataDir }, publish: forwardConfig([nats.url], { ...FAST, outboxCapacity: 20 }) }
      }
    })
    owned.push(s)
    await waitSubscribed(s.engine)
    s.sim.emitTrades('spot', 'BTCUSDT', 10)
    await waitFor(() => s.engine.handlers.getPublishStatus().acknowledged === 10, {
      what: '10 forwarded',
      timeoutMs: 10_000
    })
    await nats.stop()
    s.sim.emitTrades('spot', 'BTCUSDT', 60)
    s.sim.emitTrades('spot', 'ETHUSDT', 40)
    await waitFor(() => persisted(s.engine) === 110, { what: '110 on disk', timeoutMs: 10_000 })
    await nats.start()
    // Trades keep coming while it catches up: they wait behind the replay.
    s.sim.emitTrades('spot', 'ETHUSDT', 15)
    const st = await waitFor(
      () => {
        const p = s.engine.handlers.getPublishStatus()
        return p.state === 'connected' && p.pending === 0 && persisted(s.engine) === 125 && p
      },
      { what: 'caught up', timeoutMs: 20_000 }
    )
    expect(st.dropped).toBe(0)
    expect(st.replayed_from_disk).toBeGreaterThanOrEqual(80)
    const ids = (await readStream(nats.url)).map((m) => m.trade.trade_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids)).toEqual(new Set(s.sim.sent().map((t) => t.tradeId)))
  }, 60_000)

  it('serve killed with SIGKILL and started again on its data dir: resumes from its cursor, nothing missing, nothing twice', async () => {
    const nats: NatsServer = await startNatsServer()
    owned.push(nats)
    const sim = await startSimulator({ port: 0, tradesPerSecond: 0 })
    owned.push(sim)
    const dataDir = await tempDir()
    const serve = (): Promise<ForwardingServe> =>
      startForwardingServe({ sim, natsUrl: nats.url, dataDir, own: (c) => owned.push(c) })
    const messages = async (): Promise<number> => (await streamInfo(nats.url).catch(() => null))?.state.messages ?? -1
    const first = await serve()
    sim.emitTrades('spot', 'BTCUSDT', 150)
    sim.emitTrades('spot', 'ETHUSDT', 50)
    await waitFor(async () => (await messages()) === 200, {
      what: '200 in the stream',
      timeoutMs: 15_000,
      intervalMs: 100
    })
    await nats.stop()
    sim.emitTrades('spot', 'BTCUSDT', 60)
    sim.emitTrades('spot', 'ETHUSDT', 40)
    type Stats = { persist: { persisted: number } | null }
    await waitFor(async () => (await first.get<Stats>('/collectors/storage/stats')).persist?.persisted === 300, {
      what: '300 on disk',
      timeoutMs: 15_000,
      intervalMs: 100
    })
    first.run.child.kill('SIGKILL')
    await first.run.exited
    await nats.start()
    const second = await serve()
    await waitFor(async () => (await messages()) === 300, {
      what: '300 in the stream',
      timeoutMs: 20_000,
      intervalMs: 100
    })
    const status = await second.get<{ state: string; pending: number; replayed_from_disk: number }>(
      '/collectors/publish'
    )
    expect(status.replayed_from_disk).toBeGreaterThanOrEqual(100)
    const ids = (await readStream(nats.url)).map((m) => m.trade.trade_id)
    expect(new Set(ids).size).toBe(300)
    expect(new Set(ids)).toEqual(new Set(sim.sent().map((t) => t.tradeId)))
  }, 90_000)
})
