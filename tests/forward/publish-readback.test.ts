// Forwarding to a real nats-server: every stored trade is one message on trades.bybit.<category>.<SYMBOL>
// with Nats-Msg-Id bybit:<category>:<trade_id> and exactly the fields of its /collectors/trades entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { forwardConfig } from '../../src/main/core/forward/forward-config'
import { testEngine } from '../support/engine-harness'
import { NATS_SKIP_REASON, startNatsServer, type NatsServer } from '../support/nats-server'
import { readStream, streamInfo } from '../support/nats-stream'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

describe.skipIf(NATS_SKIP_REASON !== null)(`forwarding to NATS JetStream ${NATS_SKIP_REASON ?? ''}`, () => {
  let nats: NatsServer
  let stack: Stack | null = null
  beforeEach(async () => {
    nats = await startNatsServer()
  })
  afterEach(async () => {
    await stack?.close()
    stack = null
    await nats.close()
  })

  it('publishes each stored trade once, field by field as the API lists it, and creates the stream', async () => {
    stack = await startStack({
      engine: {
        settings: { category: 'linear', symbols: ['BTCUSDT', 'ETHUSDT'] },
        options: { publish: forwardConfig([nats.url]) }
      }
    })
    const engine = stack.engine
    await waitSubscribed(engine)
    stack.sim.emitTrades('linear', 'BTCUSDT', 30)
    stack.sim.emitTrades('linear', 'ETHUSDT', 20)
    await waitFor(() => engine.handlers.getStorageStats().total_trades === 50, { what: '50 stored' })
    const st = await waitFor(
      () => {
        const s = engine.handlers.getPublishStatus()
        return s.acknowledged === 50 && s.pending === 0 && s
      },
      { what: '50 acknowledged', timeoutMs: 10_000 }
    )
    expect(st).toMatchObject({
      state: 'connected',
      outbox: 'memory',
      published: 50,
      duplicates: 0,
      dropped: 0,
      lag_ms: 0
    })
    expect(st.stream).toMatchObject({ name: 'TRADES', subjects: ['trades.>'], storage: 'file', created: true })
    expect(st.stream!.duplicate_window_ms).toBeGreaterThanOrEqual(120_000)
    expect(st.cursors.map((c) => c.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT'])

    const api = (await engine.handlers.getTrades({ limit: 1000 })).trades
    const msgs = await readStream(nats.url)
    expect(msgs).toHaveLength(50)
    const byId = new Map(msgs.map((m) => [m.trade.trade_id, m]))
    for (const t of api) {
      const m = byId.get(t.trade_id)
      expect(m, t.trade_id).toBeDefined()
      expect(m!.subject).toBe(`trades.bybit.linear.${t.symbol}`)
      expect(m!.msgId).toBe(`bybit:linear:${t.trade_id}`)
      expect(m!.trade).toEqual(t)
      expect(Object.keys(m!.trade).sort()).toEqual(Object.keys(t).sort())
    }
    expect((await streamInfo(nats.url)).state.messages).toBe(50)
    const check = (await engine.handlers.getChecklist()).items.find((i) => i.id === 'trades_forwarded')!
    expect(check.status).toBe('pass')
    expect(check.evidence).toMatch(
      /^50 acknowledged \(0 as duplicates\), 0 pending, 0 dropped by stream TRADES on nats:\/\/127\.0\.0\.1:\d+; the outbox is empty; the stream holds 50 messages$/
    )
    const metrics = engine.metricsText()
    expect(metrics).toContain('mdm_publish_acknowledged_total 50')
    expect(metrics).toContain('mdm_publish_state{state="connected"} 1')
    expect(metrics).toMatch(/mdm_publish_stream_messages\{stream="TRADES"\} 50/)
  })

  it('two engines publishing the same simulator feed: each trade once in the stream, the second copies reported as duplicates', async () => {
    stack = await startStack({
      simulator: { tradesPerSecond: 40 },
      engine: { settings: { symbols: ['BTCUSDT', 'ETHUSDT'] }, options: { publish: forwardConfig([nats.url]) } }
    })
    const a = stack.engine
    const b = testEngine(
      { wsUrl: stack.sim.wsUrl('spot'), restUrl: stack.sim.restUrl, symbols: ['BTCUSDT', 'ETHUSDT'] },
      { publish: forwardConfig([nats.url]) }
    )
    await b.start()
    try {
      await waitSubscribed(a)
      await waitSubscribed(b)
      await waitFor(
        () => a.handlers.getPublishStatus().acknowledged > 100 && b.handlers.getPublishStatus().acknowledged > 100,
        {
          what: 'both publishing',
          timeoutMs: 15_000
        }
      )
      stack.sim.faults.pauseTrades(true)
      const sent = new Set(stack.sim.sent().map((t) => t.tradeId))
      const drained = (e: typeof a): boolean => e.handlers.getPublishStatus().pending === 0
      await waitFor(() => drained(a) && drained(b), { what: 'both drained', timeoutMs: 10_000 })
      const ids = (await readStream(nats.url)).map((m) => m.trade.trade_id)
      expect(new Set(ids).size).toBe(ids.length)
      // Every trade either engine stored is in the stream once; the simulator's own list is the truth.
      const storedA = [...a.exportTrades()].map((t) => t.trade_id)
      const storedB = [...b.exportTrades()].map((t) => t.trade_id)
      for (const id of [...storedA, ...storedB]) expect(sent.has(id), id).toBe(true)
      expect(new Set(ids)).toEqual(new Set([...storedA, ...storedB]))
      const dupA = a.handlers.getPublishStatus().duplicates
      const dupB = b.handlers.getPublishStatus().duplicates
      expect(dupA + dupB).toBeGreaterThan(0)
      expect(a.handlers.getPublishStatus().acknowledged + b.handlers.getPublishStatus().acknowledged).toBe(
        ids.length + dupA + dupB
      )
    } finally {
      await b.stop()
    }
  }, 40_000)
})
