// `/events` over real HTTP: batched trades and status from the real engine, the event filter, the
// keep-alive comment, the client cap, and bounded buffering for a client that stops reading.

import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CollectorStatus, TasksResponse, TradeDto } from '../../src/shared/dto'
import { getJson, http, openSse, type SseStream } from './support'
import { waitFor } from '../support/wait-for'
import { waitSubscribed } from '../support/stack'
import { startMirrorStack, type MirrorStack } from './stack'

let stack: MirrorStack
const streams: SseStream[] = []
const sockets: Socket[] = []

async function sse(path = '/events'): Promise<SseStream> {
  const s = await openSse(stack.port, path)
  streams.push(s)
  return s
}

beforeAll(async () => {
  stack = await startMirrorStack({
    mirror: { events: { keepAliveMs: 200, maxClients: 4, maxBufferedBytes: 16 * 1024 } }
  })
  await waitSubscribed(stack.engine)
})
afterAll(async () => {
  for (const s of streams) s.close()
  for (const s of sockets) s.destroy()
  await stack?.close()
})

describe('/events', () => {
  it('streams trade batches exactly as stored and status snapshots, as text/event-stream', async () => {
    const stream = await sse()
    expect(stream.status).toBe(200)
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(stream.headers['cache-control']).toBe('no-store')
    expect(Object.keys(stream.headers).some((h) => h.startsWith('access-control-'))).toBe(false)
    const sent = stack.sim.emitTrades('spot', 'ETHUSDT', 25, { perFrame: 5 })
    const got = await waitFor(
      () => {
        const trades = stream.events
          .filter((e) => e.event === 'trades')
          .flatMap((e) => JSON.parse(e.data) as TradeDto[])
        return trades.length >= 25 ? trades : null
      },
      { what: '25 trades over SSE', timeoutMs: 10_000 }
    )
    expect(got.map((t) => [t.trade_id, t.price, t.quantity, t.side, t.timestamp])).toEqual(
      sent.map((t) => [t.tradeId, t.price, t.size, t.side === 'Buy' ? 'BUY' : 'SELL', t.T])
    )
    // Batched at the producer: fewer events than trades.
    expect(stream.events.filter((e) => e.event === 'trades').length).toBeLessThan(25)
    const status = await waitFor(() => stream.events.find((e) => e.event === 'status'), {
      what: 'a status event',
      timeoutMs: 10_000
    })
    const collectors = JSON.parse(status.data) as CollectorStatus[]
    expect(collectors.map((c) => [c.name, c.status])).toEqual([['bybit_trades', 'connected']])
    await waitFor(() => stream.events.find((e) => e.event === 'stats'), { what: 'a stats event', timeoutMs: 10_000 })
    await waitFor(() => stream.comments.includes('keep-alive'), { what: 'a keep-alive comment', timeoutMs: 10_000 })
  })

  it('?events=status delivers only status events', async () => {
    const stream = await sse('/events?events=status')
    stack.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => stream.events.filter((e) => e.event === 'status').length >= 2, {
      what: 'two status events',
      timeoutMs: 10_000
    })
    expect(new Set(stream.events.map((e) => e.event))).toEqual(new Set(['status']))
  })

  it('caps the number of event streams with a 503 JSON', async () => {
    while (streams.length < 4) await sse('/events?events=sample')
    const refused = await http(stack.port, '/events')
    expect(refused.status).toBe(503)
    expect(JSON.parse(refused.text)).toEqual({ error: 'unavailable', message: 'at most 4 event streams at once' })
    streams.pop()?.close()
    await waitFor(
      async () => {
        const tasks = await getJson<TasksResponse>(stack.port, '/debug/tasks')
        return tasks.body.tasks['mirror.http'].detail?.includes('3 event stream(s)')
      },
      { what: 'a slot to free up', timeoutMs: 10_000, intervalMs: 25 }
    )
  })

  it('drops (and counts) events for a client that stops reading instead of buffering them', async () => {
    for (const s of streams.splice(0)) s.close()
    // A client that sends the request and never reads: the kernel buffers fill, then the mirror drops.
    const stuck = connect(stack.port, '127.0.0.1')
    sockets.push(stuck)
    await new Promise<void>((r) => stuck.once('connect', () => r()))
    stuck.write(`GET /events?events=trades HTTP/1.1\r\nHost: 127.0.0.1:${stack.port}\r\n\r\n`)
    stuck.pause()
    const dropped = (detail: string | null | undefined): number =>
      Number(/(\d+) event\(s\) dropped/.exec(detail ?? '')?.[1] ?? 0)
    await waitFor(
      async () => {
        stack.sim.emitTrades('spot', 'BTCUSDT', 200, { perFrame: 50 })
        const tasks = await getJson<TasksResponse>(stack.port, '/debug/tasks')
        return dropped(tasks.body.tasks['mirror.http'].detail) > 0
      },
      { what: 'events dropped for the stuck client', timeoutMs: 15_000, intervalMs: 60 }
    )
    // Everyone else is still served.
    expect((await http(stack.port, '/health')).status).toBe(200)
    const fresh = await sse('/events?events=trades')
    stack.sim.emitTrades('spot', 'ETHUSDT', 3)
    await waitFor(() => fresh.events.some((e) => e.event === 'trades'), {
      what: 'trades for a healthy client',
      timeoutMs: 10_000
    })
  })
})
