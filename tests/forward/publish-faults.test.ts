// Forwarding when NATS is not all right: stopped under load and started again (nothing missing,
// nothing twice), a user without publish permission and a missing stream (distinct codes with the
// server's words), and a full in-memory outbox while NATS is down (drops counted, never silent).
import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import { forwardConfig, type ForwardConfig } from '../../src/main/core/forward/forward-config'
import { NATS_SKIP_REASON, startNatsServer, type NatsServer } from '../support/nats-server'
import { readStream, streamInfo } from '../support/nats-stream'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'

const FAST: Partial<ForwardConfig> = {
  backoffMinMs: 50,
  backoffMaxMs: 300,
  ackTimeoutMs: 2000,
  streamInfoIntervalMs: 200
}

describe.skipIf(NATS_SKIP_REASON !== null)(`forwarding faults ${NATS_SKIP_REASON ?? ''}`, () => {
  const owned: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (let o = owned.pop(); o; o = owned.pop()) await o.close()
  })
  const nats = async (config?: string): Promise<NatsServer> => {
    const n = await startNatsServer({ config })
    owned.push(n)
    return n
  }
  const engineTo = async (servers: string[], patch: Partial<ForwardConfig> = {}, rate = 0): Promise<Stack> => {
    const stack = await startStack({
      simulator: { tradesPerSecond: rate },
      engine: {
        settings: { symbols: ['BTCUSDT', 'ETHUSDT'], maxTradesPerSymbol: 1_000_000 },
        options: { publish: forwardConfig(servers, { ...FAST, ...patch }) }
      }
    })
    owned.push(stack)
    return stack
  }
  const stored = (e: Engine): number => e.handlers.getStorageStats().total_trades

  it('NATS stopped for 10 s under load and started again: every stored trade in the stream once', async () => {
    const n = await nats()
    const { engine, sim } = await engineTo([n.url], {}, 100)
    await waitFor(() => engine.handlers.getPublishStatus().acknowledged > 50, { what: 'publishing', timeoutMs: 10_000 })
    await n.stop()
    await waitFor(() => engine.handlers.getPublishStatus().state === 'down', { what: 'down' })
    const atStop = stored(engine)
    await new Promise((r) => setTimeout(r, 10_000))
    const down = engine.handlers.getPublishStatus()
    expect(stored(engine)).toBeGreaterThan(atStop + 500)
    expect(down.pending).toBeGreaterThan(500)
    expect(down.lag_ms).toBeGreaterThan(5000)
    expect(down.last_error?.code).toMatch(/^nats_(disconnected|unreachable)$/)
    await n.start()
    sim.faults.pauseTrades(true)
    await waitFor(
      () => {
        const s = engine.handlers.getPublishStatus()
        return s.state === 'connected' && s.pending === 0
      },
      { what: 'drained after the outage', timeoutMs: 20_000 }
    )
    const msgs = await readStream(n.url)
    const inStream = msgs.map((m) => m.trade.trade_id)
    expect(new Set(inStream).size).toBe(inStream.length)
    expect(inStream.length).toBe(stored(engine))
    const st = engine.handlers.getPublishStatus()
    expect(st.dropped).toBe(0)
    expect(st.reconnects).toBeGreaterThan(0)
    expect((await streamInfo(n.url)).state.messages).toBe(stored(engine))
  }, 60_000)

  it('a user without publish permission: nats_permission with the server words, nothing lost from the outbox', async () => {
    const n = await nats(
      `authorization { users: [
        { user: admin, password: pw }
        { user: reader, password: pw, permissions: { publish: { allow: ["$JS.API.>"] }, subscribe: { allow: ["_INBOX.>"] } } }
      ] }`
    )
    const url = (u: string): string => n.url.replace('nats://', `nats://${u}:pw@`)
    const { engine, sim } = await engineTo([url('reader')])
    await waitSubscribed(engine)
    sim.emitTrades('spot', 'BTCUSDT', 10)
    const st = await waitFor(
      () => {
        const s = engine.handlers.getPublishStatus()
        return s.last_error?.code === 'nats_permission' && s
      },
      { what: `permission error (${JSON.stringify(engine.handlers.getPublishStatus().last_error)})`, timeoutMs: 10_000 }
    )
    expect(st.state).toBe('down')
    expect(st.last_error!.message).toMatch(/Permissions Violation for Publish to "trades\.bybit\.spot\.BTCUSDT"/)
    expect(st.servers[0]).not.toContain('pw')
    expect(st.pending).toBe(10)
    expect(st.dropped).toBe(0)
    const logs = engine.handlers.getLogs({ limit: 2000, code: 'nats_permission' })
    expect(logs.entries.length).toBeGreaterThan(0)
    const check = (await engine.handlers.getChecklist()).items.find((i) => i.id === 'trades_forwarded')!
    expect(check.status).toBe('fail')
    expect(check.evidence).toMatch(/nats_permission: Permissions Violation for Publish/)
    expect(check.fix.join('\n')).toContain(`nats://127.0.0.1:${n.port}`)
    expect(check.fix.join('\n')).toMatch(/may not publish to trades\.>/)
  })

  it('a wrong password: nats_auth', async () => {
    const n = await nats(`authorization { users: [ { user: admin, password: pw } ] }`)
    const { engine } = await engineTo([n.url.replace('nats://', 'nats://admin:nope@')])
    const st = await waitFor(() => engine.handlers.getPublishStatus().last_error, {
      what: 'auth error',
      timeoutMs: 10_000
    })
    expect(st.code).toBe('nats_auth')
    expect(st.message).toMatch(/Authorization Violation/i)
    expect(engine.handlers.getPublishStatus().state).toBe('down')
  })

  it('--publish-no-create and no stream: stream_missing, then publishing once the stream is created', async () => {
    const n = await nats()
    const { engine, sim } = await engineTo([n.url], { createStream: false })
    await waitSubscribed(engine)
    sim.emitTrades('spot', 'ETHUSDT', 7)
    const st = await waitFor(
      () => {
        const s = engine.handlers.getPublishStatus()
        return s.state === 'stream_missing' && s
      },
      { what: 'stream_missing', timeoutMs: 10_000 }
    )
    expect(st.last_error).toMatchObject({ code: 'nats_stream_missing' })
    expect(st.last_error!.message).toMatch(/TRADES/)
    await waitFor(() => engine.handlers.getPublishStatus().pending === 7, { what: '7 pending' })
    const check = (await engine.handlers.getChecklist()).items.find((i) => i.id === 'trades_forwarded')!
    expect(check).toMatchObject({ status: 'fail', facts: { state: 'stream_missing', stream: 'TRADES' } })
    expect(check.evidence).toMatch(/nats_stream_missing/)
    expect(check.fix.join('\n')).toMatch(/nats stream add TRADES --subjects 'trades\.>'/)
    const nc = await connect({ servers: n.url })
    await (await jetstreamManager(nc)).streams.add({ name: 'TRADES', subjects: ['trades.>'], duplicate_window: 120e9 })
    await nc.close()
    await waitFor(() => engine.handlers.getPublishStatus().acknowledged === 7, {
      what: '7 acknowledged',
      timeoutMs: 10_000
    })
    expect(engine.handlers.getPublishStatus()).toMatchObject({ state: 'connected', stream: { created: false } })
  })

  it('memory outbox full while NATS is down: the overflow is counted as dropped, the rest forwarded later', async () => {
    const n = await nats()
    await n.stop()
    const { engine, sim } = await engineTo([n.url], { outboxCapacity: 20 })
    await waitSubscribed(engine)
    sim.emitTrades('spot', 'BTCUSDT', 50)
    await waitFor(() => stored(engine) === 50, { what: '50 stored' })
    const st = engine.handlers.getPublishStatus()
    expect(st).toMatchObject({ state: 'down', pending: 20, dropped: 30, outbox: 'memory' })
    const logs = engine.handlers.getLogs({ limit: 100, code: 'publish_dropped' })
    expect(logs.entries.length).toBeGreaterThan(0)
    await n.start()
    await waitFor(() => engine.handlers.getPublishStatus().acknowledged === 20, {
      what: '20 forwarded',
      timeoutMs: 10_000
    })
    const after = engine.handlers.getPublishStatus()
    expect(after.dropped + after.acknowledged).toBe(stored(engine))
    expect((await readStream(n.url)).length).toBe(20)
    await engine.stop()
    expect(engine.handlers.getPublishStatus().dropped).toBe(30)
  })
})
