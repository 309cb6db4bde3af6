// Every fault handle, observed from a real client. Frames on one socket arrive in order, so "nothing
// arrived before the pong" proves that nothing was sent in between, without sleeping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startSimulator, type SimulatorHandle } from '../../src/simulator'
import { TestClient, type Frame } from './client'
import { waitFor } from '../support/wait-for'

let sim: SimulatorHandle
let logs: string[] = []
const clients: TestClient[] = []
beforeEach(async () => {
  logs = []
  sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 21, log: (l) => logs.push(l) })
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await sim.close()
})

async function client(category: 'spot' | 'linear' | 'inverse', symbols: string[] = []): Promise<TestClient> {
  const c = await TestClient.connect(sim.wsUrl(category))
  clients.push(c)
  if (symbols.length > 0) {
    const ack = await c.request({ op: 'subscribe', args: symbols.map((s) => `publicTrade.${s}`) }, isOp('subscribe'))
    expect(ack.success).toBe(true)
  }
  return c
}

const isOp = (op: string) => (f: Frame) => f.op === op
const pongFor = (reqId: string) => (f: Frame) => f.op === 'ping' && f.req_id === reqId

describe('faults', () => {
  it('dropConnections(code, reason) closes every client with that code', async () => {
    const a = await client('spot')
    const b = await client('linear')
    sim.faults.dropConnections(4000, 'maintenance')
    await waitFor(() => a.closed && b.closed, { what: 'both closed' })
    expect(a.closed).toEqual({ code: 4000, reason: 'maintenance' })
    expect(b.closed?.code).toBe(4000)
    await waitFor(() => sim.connectionCount() === 0, { what: 'server to forget them' })
  })

  it('dropConnections() without a code terminates abruptly (client sees 1006)', async () => {
    const a = await client('spot')
    sim.faults.dropConnections()
    await waitFor(() => a.closed, { what: 'closed' })
    expect(a.closed?.code).toBe(1006)
  })

  it('stall: sockets stay open but neither trades nor pongs go out; trades made meanwhile are undelivered', async () => {
    const c = await client('spot', ['BTCUSDT'])
    sim.faults.stall(true)
    c.send({ op: 'ping', req_id: 'during' })
    // The server's log is the only witness that it got the ping while stalled.
    await waitFor(() => logs.some((l) => l.includes('ping left unanswered (stalled)')), {
      what: 'the ping to reach the server'
    })
    const during = sim.emitTrades('spot', 'BTCUSDT', 3)
    expect(c.ws.readyState).toBe(WebSocket.OPEN)
    expect(sim.connectionCount('spot')).toBe(1)
    sim.faults.stall(false)
    await c.request({ op: 'ping', req_id: 'after' }, pongFor('after'))
    expect(c.trades()).toHaveLength(0)
    expect(c.frames.filter(pongFor('during'))).toHaveLength(0)
    expect(during.every((t) => !t.delivered)).toBe(true)
    const after = sim.emitTrades('spot', 'BTCUSDT', 2)
    await waitFor(() => c.trades().length === 2, { what: 'trades after the stall' })
    expect(after.every((t) => t.delivered)).toBe(true)
    expect(sim.sent().map((t) => t.tradeId)).toEqual([...during, ...after].map((t) => t.tradeId))
  })

  it('answerPings(false): JSON and protocol pings go unanswered while trades keep streaming', async () => {
    const c = await client('linear', ['BTCUSDT'])
    sim.faults.answerPings(false)
    const pongs: string[] = []
    c.ws.on('pong', (d) => pongs.push(d.toString()))
    c.ws.ping('ignored')
    c.send({ op: 'ping', req_id: 'ignored' })
    // Frames are handled in order: once the JSON ping is logged, the protocol ping before it was handled too.
    await waitFor(() => logs.some((l) => l.includes('ping left unanswered (answerPings off)')), {
      what: 'the pings to arrive'
    })
    sim.emitTrades('linear', 'BTCUSDT', 1)
    await waitFor(() => c.trades().length === 1, { what: 'a trade while pings are ignored' })
    sim.faults.answerPings(true)
    c.ws.ping('answered')
    await c.request({ op: 'ping', req_id: 'answered' }, pongFor('answered'))
    await waitFor(() => pongs.length > 0, { what: 'protocol pong' })
    expect(pongs).toEqual(['answered'])
    expect(c.frames.filter(pongFor('ignored'))).toHaveLength(0)
  })

  it('rejectSubscribe: that symbol is refused (default and custom ret_msg), others still subscribe', async () => {
    sim.faults.rejectSubscribe('ETHUSDT')
    sim.faults.rejectSubscribe('SOLUSDT', 'error:symbol suspended')
    const c = await client('linear')
    const eth = await c.request({ op: 'subscribe', req_id: 'e', args: ['publicTrade.ETHUSDT'] }, isOp('subscribe'))
    expect(eth).toMatchObject({
      success: false,
      ret_msg: 'error:handler not found,topic:publicTrade.ETHUSDT',
      req_id: 'e'
    })
    const sol = await c.request({ op: 'subscribe', args: ['publicTrade.SOLUSDT'] }, isOp('subscribe'))
    expect(sol).toMatchObject({ success: false, ret_msg: 'error:symbol suspended' })
    const btc = await c.request({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] }, isOp('subscribe'))
    expect(btc.success).toBe(true)
    sim.emitTrades('linear', 'ETHUSDT', 1)
    sim.emitTrades('linear', 'BTCUSDT', 1)
    await waitFor(() => c.trades().length === 1, { what: 'BTC trade' })
    expect(c.trades()[0].s).toBe('BTCUSDT')
    sim.faults.acceptSubscribe('ETHUSDT')
    const again = await c.request({ op: 'subscribe', args: ['publicTrade.ETHUSDT'] }, isOp('subscribe'))
    expect(again.success).toBe(true)
  })

  it('ackSubscribe(false): subscribes are swallowed (no reply, no subscription) until switched back on', async () => {
    const c = await client('spot')
    sim.faults.ackSubscribe(false)
    c.send({ op: 'subscribe', req_id: 'lost', args: ['publicTrade.BTCUSDT'] })
    await c.request({ op: 'ping', req_id: 'p' }, pongFor('p'))
    expect(c.replies('subscribe')).toHaveLength(0)
    expect(sim.subscriptions('spot')).toEqual([])
    sim.faults.ackSubscribe(true)
    const ack = await c.request({ op: 'subscribe', req_id: 'retry', args: ['publicTrade.BTCUSDT'] }, isOp('subscribe'))
    expect(ack).toMatchObject({ success: true, req_id: 'retry' })
  })

  it('pauseTrades: a quiet market (no generated trades) that still answers pings', async () => {
    await sim.close()
    sim = await startSimulator({ port: 0, tradesPerSecond: 400, seed: 22, tickMs: 10 })
    const c = await client('spot', ['BTCUSDT'])
    await waitFor(() => c.trades().length > 0, { what: 'live trades' })
    sim.faults.pauseTrades(true)
    const atPause = sim.sent().length
    const pausedAt = Date.now()
    // A quiet market can only be shown over time: pings answered across 250 ms, 25 ticks that would each carry ~4 trades.
    let pings = 0
    await waitFor(
      async () => {
        const id = `q${++pings}`
        await c.request({ op: 'ping', req_id: id }, pongFor(id))
        return Date.now() - pausedAt >= 250
      },
      { what: '25 quiet ticks with every ping answered', intervalMs: 25 }
    )
    expect(sim.sent().length).toBe(atPause)
    sim.faults.pauseTrades(false)
    await waitFor(() => sim.sent().length > atPause, { what: 'trades again' })
  })

  it('refuseConnections: the upgrade gets HTTP 503 while on', async () => {
    sim.faults.refuseConnections(true)
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(sim.wsUrl('spot'))
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('error', () => {})
    })
    expect(status).toBe(503)
    sim.faults.refuseConnections(false)
    await client('spot')
    expect(sim.connectionCount('spot')).toBe(1)
  })

  it('duplicateOnResubscribe(k): after reconnecting, the last k trades of the symbol arrive again', async () => {
    const first = await client('spot', ['BTCUSDT'])
    const original = sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => first.trades().length === 5, { what: 'five trades' })
    sim.faults.duplicateOnResubscribe(3)
    sim.faults.dropConnections()
    await waitFor(() => first.closed, { what: 'dropped' })
    const second = await client('spot', ['BTCUSDT'])
    await waitFor(() => second.trades().length === 3, { what: 'three resent trades' })
    expect(second.trades().map((t) => t.i)).toEqual(original.slice(2).map((t) => t.tradeId))
    expect(sim.sent()).toHaveLength(5) // duplicates are not new trades
    // Only the next resubscribe repeats.
    const third = await client('spot', ['BTCUSDT'])
    await third.request({ op: 'ping', req_id: 'z' }, pongFor('z'))
    expect(third.trades()).toHaveLength(0)
  })

  it('sendRaw delivers the exact text to every client of that category only', async () => {
    const spot = await client('spot')
    const linear = await client('linear')
    const malformed = '{"topic":"publicTrade.BTCUSDT","data":[{"p":'
    sim.sendRaw('spot', malformed)
    await spot.request({ op: 'ping', req_id: 'x' }, pongFor('x'))
    await linear.request({ op: 'ping', req_id: 'y' }, pongFor('y'))
    expect(spot.texts).toContain(malformed)
    expect(linear.texts).not.toContain(malformed)
  })
})
