// Subscribe/unsubscribe/ping replies as a client sees them, per category (shapes from bybit-protocol.md §2–3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startSimulator, type SimulatorHandle } from '../../src/simulator'
import { TestClient, type Frame } from './client'
import { waitFor } from '../support/wait-for'

let sim: SimulatorHandle
const clients: TestClient[] = []

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 1 })
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await sim.close()
})

async function client(category: 'spot' | 'linear' | 'inverse'): Promise<TestClient> {
  const c = await TestClient.connect(sim.wsUrl(category))
  clients.push(c)
  return c
}

const isOp = (op: string) => (f: Frame) => f.op === op

describe('subscribe acks', () => {
  it('spot: ret_msg "subscribe", req_id absent when none was sent, echoed when sent; keys in Bybit order', async () => {
    const c = await client('spot')
    const ack = await c.request({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] }, isOp('subscribe'))
    expect(Object.keys(ack)).toEqual(['success', 'ret_msg', 'conn_id', 'op'])
    expect(ack).toMatchObject({ success: true, ret_msg: 'subscribe', op: 'subscribe' })
    expect(ack.conn_id).toMatch(/^[0-9a-f-]{36}$/)
    const ack2 = await c.request({ op: 'subscribe', req_id: '10001', args: ['publicTrade.ETHUSDT'] }, isOp('subscribe'))
    expect(Object.keys(ack2)).toEqual(['success', 'ret_msg', 'conn_id', 'req_id', 'op'])
    expect(ack2).toMatchObject({ success: true, ret_msg: 'subscribe', req_id: '10001', conn_id: ack.conn_id })
    expect(sim.subscriptions('spot')).toEqual(['publicTrade.BTCUSDT', 'publicTrade.ETHUSDT'])
  })

  it.each(['linear', 'inverse'] as const)('%s: ret_msg "", req_id "" when none was sent', async (category) => {
    const c = await client(category)
    const symbol = category === 'inverse' ? 'BTCUSD' : 'BTCUSDT'
    const ack = await c.request({ op: 'subscribe', args: [`publicTrade.${symbol}`] }, isOp('subscribe'))
    expect(Object.keys(ack)).toEqual(['success', 'ret_msg', 'conn_id', 'req_id', 'op'])
    expect(ack).toMatchObject({ success: true, ret_msg: '', req_id: '', op: 'subscribe' })
    const ack2 = await c.request({ op: 'subscribe', req_id: 'abc', args: [] }, isOp('subscribe'))
    expect(ack2).toMatchObject({ success: true, req_id: 'abc' })
  })
})

describe('subscribe rejections', () => {
  it.each(['spot', 'linear', 'inverse'] as const)('%s: unknown symbol → handler not found', async (category) => {
    const c = await client(category)
    const reply = await c.request({ op: 'subscribe', req_id: 'r1', args: ['publicTrade.NOPEUSDT'] }, isOp('subscribe'))
    expect(reply).toMatchObject({
      success: false,
      ret_msg: 'error:handler not found,topic:publicTrade.NOPEUSDT',
      req_id: 'r1',
      op: 'subscribe'
    })
    // The connection stays open and keeps answering pings (pybit#333).
    const pong = await c.request({ op: 'ping' }, isOp('ping'))
    expect(pong.ret_msg).toBe('pong')
  })

  it('a symbol listed on another endpoint only is unknown here (inverse has no BTCUSDT)', async () => {
    const c = await client('inverse')
    const reply = await c.request({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] }, isOp('subscribe'))
    expect(reply).toMatchObject({ success: false, ret_msg: 'error:handler not found,topic:publicTrade.BTCUSDT' })
  })

  it('already subscribed → error naming the topic, and the whole request is refused', async () => {
    const c = await client('linear')
    await c.request({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] }, isOp('subscribe'))
    const reply = await c.request(
      { op: 'subscribe', req_id: '2', args: ['publicTrade.BTCUSDT', 'publicTrade.ETHUSDT'] },
      isOp('subscribe')
    )
    expect(reply).toEqual({
      success: false,
      ret_msg: 'error:already subscribed,topic:publicTrade.BTCUSDT',
      conn_id: expect.any(String),
      req_id: '2',
      op: 'subscribe'
    })
    sim.emitTrades('linear', 'ETHUSDT', 1)
    sim.emitTrades('linear', 'BTCUSDT', 1)
    // Frames on one socket arrive in order: once BTCUSDT's is here, ETHUSDT's would have been too.
    const btc = await waitFor(() => c.trades('publicTrade.BTCUSDT').length > 0 && c.trades('publicTrade.BTCUSDT'), {
      what: 'BTC'
    })
    expect(btc).toHaveLength(1)
    expect(c.trades('publicTrade.ETHUSDT')).toHaveLength(0)
  })

  it('spot refuses more than 10 args whole, with Go-escaped "args size \\u003e10" and no req_id', async () => {
    const c = await client('spot')
    const from = c.texts.length
    const args = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', ...Array.from({ length: 7 }, (_, i) => `X${i}USDT`)]
    const reply = await c.request({ op: 'subscribe', args: args.map((s) => `publicTrade.${s}`) }, isOp('subscribe'))
    expect(reply).toMatchObject({ success: false, ret_msg: 'args size >10', op: 'subscribe' })
    expect(Object.keys(reply)).toEqual(['success', 'ret_msg', 'conn_id', 'op'])
    expect(c.texts.slice(from).join('\n')).toContain('"ret_msg":"args size \\u003e10"')
    expect(sim.subscriptions('spot')).not.toContain('publicTrade.SOLUSDT')
    // Exactly 10 is fine on spot; linear has no such limit.
    const ten = await c.request(
      { op: 'subscribe', args: args.slice(2, 4).map((s) => `publicTrade.${s}`) },
      isOp('subscribe')
    )
    expect(ten.success).toBe(true)
    const l = await client('linear')
    const many = await l.request(
      { op: 'subscribe', args: Array.from({ length: 11 }, (_, i) => `publicTrade.Y${i}USDT`) },
      isOp('subscribe')
    )
    expect(many.ret_msg).toBe('error:handler not found,topic:publicTrade.Y0USDT')
  })
})

describe('unsubscribe', () => {
  it('stops the topic and acks per category', async () => {
    const c = await client('spot')
    await c.request({ op: 'subscribe', args: ['publicTrade.SOLUSDT'] }, isOp('subscribe'))
    const ack = await c.request({ op: 'unsubscribe', req_id: 'u1', args: ['publicTrade.SOLUSDT'] }, isOp('unsubscribe'))
    expect(ack).toMatchObject({ success: true, ret_msg: 'unsubscribe', req_id: 'u1', op: 'unsubscribe' })
    const l = await client('linear')
    const lack = await l.request({ op: 'unsubscribe', args: ['publicTrade.SOLUSDT'] }, isOp('unsubscribe'))
    expect(lack).toMatchObject({ success: true, ret_msg: '', req_id: '', op: 'unsubscribe' })
    // Subscribing again after unsubscribing is not "already subscribed".
    const again = await c.request({ op: 'subscribe', args: ['publicTrade.SOLUSDT'] }, isOp('subscribe'))
    expect(again.success).toBe(true)
  })
})

describe('ping', () => {
  it('spot pong: no req_id unless sent', async () => {
    const c = await client('spot')
    const pong = await c.request({ op: 'ping' }, isOp('ping'))
    expect(Object.keys(pong)).toEqual(['success', 'ret_msg', 'conn_id', 'op'])
    expect(pong).toMatchObject({ success: true, ret_msg: 'pong', op: 'ping' })
    const pong2 = await c.request({ op: 'ping', req_id: '100001' }, isOp('ping'))
    expect(pong2).toMatchObject({ ret_msg: 'pong', req_id: '100001' })
  })

  it.each(['linear', 'inverse'] as const)('%s pong: req_id "" unless sent', async (category) => {
    const c = await client(category)
    const pong = await c.request({ op: 'ping' }, isOp('ping'))
    expect(Object.keys(pong)).toEqual(['success', 'ret_msg', 'conn_id', 'req_id', 'op'])
    expect(pong).toMatchObject({ success: true, ret_msg: 'pong', req_id: '', op: 'ping' })
  })

  it('answers protocol-level pings too', async () => {
    const c = await client('linear')
    const got = new Promise<string>((resolve) => c.ws.once('pong', (d) => resolve(d.toString())))
    c.ws.ping('hb')
    expect(await got).toBe('hb')
  })
})

describe('endpoints', () => {
  it.each(['/v5/public/option', '/v5/private', '/'])('upgrade on %s is refused with HTTP 404', async (path) => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${sim.port}${path}`)
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('open', () => reject(new Error('opened')))
      ws.on('error', () => {})
    })
    expect(status).toBe(404)
  })

  it('wsUrl and restUrl point at the server, and connectionCount counts per category', async () => {
    expect(sim.wsUrl('inverse')).toBe(`ws://127.0.0.1:${sim.port}/v5/public/inverse`)
    expect(sim.restUrl).toBe(`http://127.0.0.1:${sim.port}`)
    const before = sim.connectionCount('inverse')
    const total = sim.connectionCount()
    const c = await client('inverse')
    expect(sim.connectionCount('inverse')).toBe(before + 1)
    expect(sim.connectionCount()).toBe(total + 1)
    await c.close()
  })
})
