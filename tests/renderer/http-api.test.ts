// The browser transport in Node, against a real loopback HTTP server speaking the mirror's shapes.

import { createServer, type Server, type ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shared/contract'
import { buildRequest, createHttpApi } from '../../src/renderer/src/api/http-api'
import type { TransportState } from '../../src/renderer/src/api/types'
import { listenLoopback } from '../support/loopback'
import { waitFor } from '../support/wait-for'

let server: Server | null = null
const streams = new Set<ServerResponse>()

async function serve(
  handler: (method: string, url: string, body: string, token: string | undefined, res: ServerResponse) => void
): Promise<string> {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => handler(req.method!, req.url!, body, req.headers['x-mdm-token'] as string | undefined, res))
  })
  return `http://127.0.0.1:${await listenLoopback(server)}`
}

afterEach(async () => {
  for (const s of streams) s.destroy()
  streams.clear()
  server?.closeAllConnections()
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  server = null
})

describe('createHttpApi', () => {
  it('fills path parameters, puts the rest in the query or the JSON body', () => {
    expect(buildRequest('getCollectorStatus', { name: 'bybit_trades' }).path).toBe('/collectors/status/bybit_trades')
    expect(buildRequest('getTrades', { limit: 5, symbol: 'BTCUSDT' }).path).toBe(
      '/collectors/trades?limit=5&symbol=BTCUSDT'
    )
    expect(buildRequest('updateSettings', { symbols: ['ETHUSDT'] })).toEqual({
      method: 'POST',
      path: '/settings',
      body: '{"symbols":["ETHUSDT"]}'
    })
  })

  it('sends the token on state-changing calls and turns JSON errors into ApiErrors', async () => {
    const seen: string[] = []
    const base = await serve((method, url, body, token, res) => {
      seen.push(`${method} ${url} ${token ?? '-'} ${body}`)
      res.setHeader('content-type', 'application/json')
      if (url.startsWith('/collectors/trades')) {
        res.statusCode = 400
        res.end(JSON.stringify({ error: 'bad_request', message: 'limit must be an integer between 1 and 1000' }))
        return
      }
      res.end(JSON.stringify({ ok: true, message: 'reconnecting' }))
    })
    const api = createHttpApi(base + '/', 'tok-123')
    await expect(api.reconnectCollector({ name: 'bybit_trades' })).resolves.toEqual({
      ok: true,
      message: 'reconnecting'
    })
    const err = await api.getTrades({ limit: 5000 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'bad_request', message: 'limit must be an integer between 1 and 1000' })
    expect(seen).toEqual(['POST /collectors/bybit_trades/reconnect tok-123 {}', 'GET /collectors/trades?limit=5000 - '])
  })

  it('reports an unreachable engine as "unavailable"', async () => {
    const base = await serve(() => {})
    server!.close()
    server!.closeAllConnections()
    const err = await createHttpApi(base, 't')
      .getHealth()
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'unavailable' })
  })

  it('delivers named server-sent events over one stream and reports the transport state', async () => {
    const base = await serve((_m, url, _b, _t, res) => {
      if (url !== '/events') return void res.end()
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      streams.add(res)
      res.write(': hello\n\n')
    })
    const api = createHttpApi(base, 't', { reopenMs: 50 })
    const states: TransportState[] = []
    const statuses: unknown[] = []
    const stopT = api.watchTransport((s) => states.push(s))
    const stopS = api.subscribe('status', (list) => statuses.push(list))
    const stream = await waitFor(() => [...streams][0])
    await waitFor(() => states.includes('open'))
    stream.write('event: status\ndata: [{"name":"a"}]\n\n')
    stream.write('event: log\ndata: []\n\n')
    await waitFor(() => statuses.length)
    expect(statuses).toEqual([[{ name: 'a' }]])
    expect(streams.size).toBe(1)
    stream.destroy() // the engine went away: the client reconnects by itself
    await waitFor(() => streams.size === 2)
    await waitFor(() => states.at(-1) === 'open' && states.includes('reconnecting'))
    stopS()
    stopT()
  })

  it('reports the mirror’s notice of events it dropped for a slow client, and ignores malformed ones', async () => {
    const base = await serve((_m, url, _b, _t, res) => {
      if (url !== '/events') return void res.end()
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      streams.add(res)
      res.write(': hello\n\n')
    })
    const api = createHttpApi(base, 't')
    const dropped: number[] = []
    const stop = api.watchDropped((n) => dropped.push(n))
    const stream = await waitFor(() => [...streams][0])
    stream.write('event: dropped\ndata: {"dropped":"x"}\n\n')
    stream.write('event: dropped\ndata: not json\n\n')
    stream.write('event: dropped\ndata: {"dropped":3}\n\n')
    stream.write('event: dropped\ndata: {"dropped":2}\n\n')
    await waitFor(() => dropped.length === 2)
    expect(dropped).toEqual([3, 2])
    stop()
  })
})
