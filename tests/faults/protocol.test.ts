// Fault matrix rows 9–19: the WebSocket protocol and Bybit's application protocol.
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { expectNoSilentLoss, startRig, type Rig } from '../support/fault-rig'
import { frame, RawWsServer } from '../support/raw-ws-server'
import { ScriptedBybit } from '../support/scripted-bybit'
import { waitFor } from '../support/wait-for'

let rig: Rig | null = null
let raw: RawWsServer | null = null
let scripted: ScriptedBybit | null = null
afterEach(async () => {
  await rig?.close()
  await raw?.close()
  await scripted?.close()
  rig = raw = scripted = null
})

const ids = (r: Rig): string[] => [...r.engine.exportTrades()].map((t) => t.trade_id)

describe('fault matrix: protocol (rows 9–19)', () => {
  it('F09 subscribe never acknowledged: ack timeout, one resubscribe, then reconnect', async () => {
    rig = await startRig({ sim: { tradesPerSecond: 0 } })
    rig.sim.faults.ackSubscribe(false)
    await waitFor(() => rig!.status().reconnect_count >= 1, { what: 'reconnect after the retry' })
    expect(rig.status().last_error?.code).toBe('ack_timeout')
    expect(rig.engine.log.recent(200).map((l) => l.message)).toContain(
      'No subscribe reply for publicTrade.BTCUSDT, subscribing again'
    )
    rig.sim.faults.ackSubscribe(true)
    await rig.streaming()
    rig.expectPhases(['connecting', 'open', 'subscribing', 'backoff', 'connecting', 'open', 'subscribing', 'streaming'])
    rig.sim.emitTrades('spot', 'BTCUSDT', 10)
    await expectNoSilentLoss(rig, { unrecovered: 0, duplicates: 0 })
  })

  it('F10 subscribe rejected: that topic failed with the reason, the others stream, no reconnect loop', async () => {
    rig = await startRig({ symbols: ['BTCUSDT', 'NOPEUSDT'], sim: { tradesPerSecond: 0 } })
    const st = await rig.streaming()
    const bad = st.subscriptions.find((t) => t.symbol === 'NOPEUSDT')!
    expect(bad).toMatchObject({ state: 'failed', reason: 'error:handler not found,topic:publicTrade.NOPEUSDT' })
    expect(st.subscriptions.find((t) => t.symbol === 'BTCUSDT')!.state).toBe('subscribed')
    expect(st.last_error?.code).toBe('subscribe_failed')
    rig.sim.emitTrades('spot', 'BTCUSDT', 25)
    await waitFor(() => rig!.engine.storage.totalTrades === 25)
    expect(rig.status()).toMatchObject({ reconnect_count: 0, is_active: true, status: 'connected' })
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F11 alive but no trades: pongs keep it connected; shown stale without flapping', async () => {
    rig = await startRig({ sim: { tradesPerSecond: 0 }, timings: { dataStaleMs: 300 } })
    await waitFor(() => rig!.status().status === 'stale', { what: 'stale' })
    const pong = rig.status().last_pong_at!
    await waitFor(() => (rig!.status().last_pong_at ?? 0) > pong + 300, { what: 'pongs still arriving' })
    expect(rig.status()).toMatchObject({ reconnect_count: 0, phase: 'stale', is_active: true })
    rig.sim.emitTrades('spot', 'BTCUSDT', 3)
    await waitFor(() => rig!.status().status === 'connected', { what: 'connected on the next trade' })
    rig.expectPhases(['streaming', 'stale', 'streaming'])
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F12 trickled bytes: frames reassemble byte-exact, no false liveness failure', async () => {
    rig = await startRig({ proxy: true, timings: { pingIntervalMs: 1000, pongTimeoutMs: 3000 } })
    await rig.streaming()
    rig.proxy!.trickleBytes = 8
    rig.proxy!.trickleEveryMs = 2
    rig.proxy!.mode = 'trickle'
    rig.sim.emitTrades('spot', 'BTCUSDT', 12, { perFrame: 4 })
    await waitFor(() => rig!.engine.storage.totalTrades === 12, { what: 'trickled trades', timeoutMs: 8000 })
    expect(rig.status()).toMatchObject({ reconnect_count: 0, parse_errors: 0 })
    await expectNoSilentLoss(rig, { unrecovered: 0, duplicates: 0 })
  })

  it('F13 WebSocket fragmentation: one logical message, parsed as if whole', async () => {
    scripted = await ScriptedBybit.start()
    const trades = scripted.trades(5)
    scripted.onSubscribed = (ws) => {
      const text = scripted!.frameText(trades)
      for (let k = 0; k < text.length; k += 17) ws.send(text.slice(k, k + 17), { fin: k + 17 >= text.length })
    }
    rig = await startRig({ wsUrl: scripted.url() })
    await waitFor(() => rig!.engine.storage.totalTrades === 5, { what: 'fragmented trades stored' })
    expect(ids(rig)).toEqual(trades.map((t) => t.i))
    expect(rig.status()).toMatchObject({ messages_received: 2, parse_errors: 0 })
  })

  it('F14 fragment flood: too many fragments closes the socket (memory cap), then reconnects', async () => {
    scripted = await ScriptedBybit.start()
    let first = true
    scripted.onSubscribed = (ws) => {
      if (!first) return
      first = false
      for (let k = 0; k < 2000; k++) ws.send('a', { fin: false })
    }
    rig = await startRig({ wsUrl: scripted.url() })
    await waitFor(() => rig!.status().reconnect_count >= 1 && rig!.status().phase === 'streaming')
    expect(rig.engine.log.recent(200).some((l) => l.code === 'WS_ERR_TOO_MANY_BUFFERED_PARTS')).toBe(true)
  })

  it('F15 oversized frame: over maxPayload (1 MiB) closes with 1009 and reconnects; heap stays bounded', async () => {
    scripted = await ScriptedBybit.start()
    let n = 0
    const trades = scripted.trades(3)
    scripted.onSubscribed = (ws) => {
      if (++n === 1) ws.send('x'.repeat(2 * 1024 * 1024))
      else ws.send(scripted!.frameText(trades))
    }
    rig = await startRig({ wsUrl: scripted.url() })
    await waitFor(() => rig!.engine.storage.totalTrades === 3, { what: 'trades after the reconnect' })
    expect(rig.status().reconnect_count).toBe(1)
    expect(rig.engine.log.recent(200).some((l) => l.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toBe(true)
    expect(rig.engine.storage.rawFrameStats().bytes).toBeLessThan(64 * 1024)
  })

  it('F16 compression bomb: permessage-deflate is never negotiated, so a bomb is just an oversized frame', async () => {
    scripted = await ScriptedBybit.start({ perMessageDeflate: true })
    let n = 0
    scripted.onSubscribed = (ws) => {
      if (++n === 1) ws.send(Buffer.alloc(8 * 1024 * 1024).toString('latin1'))
    }
    rig = await startRig({ wsUrl: scripted.url() })
    await waitFor(() => rig!.status().reconnect_count >= 1 && rig!.status().phase === 'streaming')
    expect(scripted.requests[0].headers['sec-websocket-extensions']).toBeUndefined()
    expect(rig.engine.log.recent(200).some((l) => l.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toBe(true)
  })

  it('F17 malformed JSON and schema violations: counted and dropped per message/trade, neighbours kept', async () => {
    rig = await startRig()
    await rig.streaming()
    const good = { i: '2240000000970262999', T: Date.now(), p: '114505.5', v: '0.5', S: 'Buy', s: 'BTCUSDT' }
    rig.injected.push({ symbol: 'BTCUSDT', tradeId: good.i, price: good.p, size: good.v, T: good.T })
    rig.sim.sendRaw('spot', '{"topic":')
    rig.sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":"oops"}')
    rig.sim.sendRaw('spot', '[1,2,3]')
    rig.sim.sendRaw('spot', '{"topic":"orderbook.50.BTCUSDT","data":{}}')
    rig.sim.sendRaw(
      'spot',
      JSON.stringify({
        topic: 'publicTrade.BTCUSDT',
        type: 'snapshot',
        data: [{ ...good, p: 'NaN', i: 'x1' }, { ...good, i: undefined }, good, { ...good, i: 'x2', T: -5 }]
      })
    )
    rig.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => rig!.engine.storage.totalTrades === 6, { what: 'valid trades stored' })
    expect(rig.status()).toMatchObject({ parse_errors: 3, trades_rejected: 3, reconnect_count: 0, is_active: true })
    await expectNoSilentLoss(rig, { rejected: 3, unrecovered: 0 })
  })

  it('F18 invalid UTF-8 / RSV bit / masked server frame: ws refuses each, the collector reconnects', async () => {
    const bad = [
      (s: Socket) => s.write(frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))),
      (s: Socket) => s.write(frame(0x1, Buffer.from('{}'), { rsv1: true })),
      (s: Socket) => s.write(frame(0x1, Buffer.from('{}'), { mask: true }))
    ]
    raw = await RawWsServer.start({ kind: 'open', onOpen: (s, attempt) => bad[attempt - 1]?.(s) })
    rig = await startRig({ wsUrl: raw.url() })
    await waitFor(() => raw!.attempts >= 4, { what: 'three refusals and a fourth attempt' })
    const codes = rig.engine.log.recent(500).map((l) => l.code)
    expect(codes).toContain('WS_ERR_INVALID_UTF8')
    expect(codes).toContain('WS_ERR_UNEXPECTED_RSV_1')
    expect(codes).toContain('WS_ERR_UNEXPECTED_MASK')
    expect(rig.status().reconnect_count).toBeGreaterThanOrEqual(3)
    expect(rig.engine.storage.stats().accounting.received).toBe(0)
  })

  it('F19 ping storm: ws terminates at its pending-pong cap; the close alone drives the reconnect', async () => {
    scripted = await ScriptedBybit.start()
    let first = true
    scripted.onSubscribed = (ws) => {
      if (!first) return
      first = false
      for (let k = 0; k < 500; k++) ws.ping()
    }
    rig = await startRig({ wsUrl: scripted.url() })
    await waitFor(() => rig!.status().reconnect_count >= 1 && rig!.status().phase === 'streaming', {
      what: 'back after the storm'
    })
    expect(rig.status().last_close?.code).toBe(1006)
    scripted.broadcast(scripted.frameText(scripted.trades(2)))
    await waitFor(() => rig!.engine.storage.totalTrades === 2)
  })
})
