// The Node event-stream reader (FetchEventStream) against a real loopback HTTP server writing the
// stream in pieces: events come out exactly as sent, whatever the line endings and wherever the bytes
// are split, and `id:` / `retry:` steer the reconnect.

import fc from 'fast-check'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchEventStream } from '../../src/renderer/src/api/event-stream'
import { waitFor } from '../support/wait-for'

interface Received {
  type: string
  data: string
  lastEventId: string
}

interface Connection {
  headers: IncomingHttpHeaders
  at: number
}

const TYPES = ['message', 'status', 'trades', 'log']

let server: Server
let base: string
/** What the server writes on its next connections, one list of byte chunks per connection. */
let scripts: Buffer[][] = []
let connections: Connection[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    connections.push({ headers: req.headers, at: Date.now() })
    const chunks = scripts.shift()
    if (!chunks) return void res.writeHead(204).end()
    req.socket.setNoDelay(true)
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    void (async () => {
      for (const chunk of chunks) {
        res.write(chunk)
        await sleep(1) // separate writes, so the reader gets the pieces as split
      }
      res.end()
    })()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((r) => server.close(() => r()))
})

/** Opens a reader on the given connection scripts; resolves with what it received once `ends` streams ended. */
async function read(connectionScripts: Buffer[][], ends = 1): Promise<Received[]> {
  scripts = connectionScripts
  connections = []
  const received: Received[] = []
  let errors = 0
  const stream = new FetchEventStream(`${base}/events`)
  stream.onerror = () => errors++
  for (const type of TYPES) {
    stream.addEventListener(type, (ev) => received.push({ type: ev.type, data: ev.data, lastEventId: ev.lastEventId }))
  }
  try {
    await waitFor(() => errors >= ends, { what: `${ends} stream end(s)`, timeoutMs: 10_000 })
  } finally {
    stream.close()
  }
  return received
}

describe('FetchEventStream', () => {
  it('keeps the first character of an event after a "\\r\\n\\n" separator', async () => {
    const text = 'event: status\r\ndata: {"a":1}\r\n\nevent: status\r\ndata: {"b":2}\r\n\ndata: plain\r\n\n'
    expect(await read([[Buffer.from(text)]])).toEqual([
      { type: 'status', data: '{"a":1}', lastEventId: '' },
      { type: 'status', data: '{"b":2}', lastEventId: '' },
      { type: 'message', data: 'plain', lastEventId: '' }
    ])
  })

  it('yields exactly the events of a valid stream split at any bytes, with mixed line endings', async () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s))
    const event = fc.record({
      type: fc.constantFrom(...TYPES),
      named: fc.boolean(),
      id: fc.option(fc.stringMatching(/^[\w-]{0,6}$/), { nil: undefined }),
      data: fc.array(line, { minLength: 1, maxLength: 3 }),
      comment: fc.boolean()
    })
    const eol = fc.constantFrom('\n', '\r\n', '\r')
    const stream = fc.array(fc.record({ event, eols: fc.array(eol, { minLength: 7, maxLength: 7 }) }), {
      minLength: 1,
      maxLength: 5
    })
    await fc.assert(
      fc.asyncProperty(stream, fc.array(fc.nat(), { maxLength: 8 }), async (events, cuts) => {
        let text = ''
        let lastEventId = ''
        const expected: Received[] = []
        for (const { event: e, eols } of events) {
          const lines: string[] = []
          if (e.comment) lines.push(': keep-alive')
          if (e.named || e.type !== 'message') lines.push(`event: ${e.type}`)
          if (e.id !== undefined) lines.push(`id: ${e.id}`)
          lines.push(...e.data.map((d) => `data: ${d}`))
          lines.forEach((l, k) => (text += l + eols[k]))
          // A CR line end then an LF would read as one CRLF line end: the blank line after a CR is not LF.
          text += text.endsWith('\r') && eols[6] === '\n' ? '\r' : eols[6]
          if (e.id !== undefined) lastEventId = e.id
          expected.push({ type: e.type, data: e.data.join('\n'), lastEventId })
        }
        const bytes = Buffer.from(text)
        const at = [...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((a, b) => a - b)
        const chunks = [0, ...at].map((from, k) => bytes.subarray(from, at[k] ?? bytes.length))
        expect(await read([chunks])).toEqual(expected)
      }),
      { numRuns: 60 }
    )
  }, 60_000)

  it('reconnects after the server’s retry: delay, sending the last id: as Last-Event-ID', async () => {
    const first = Buffer.from('retry: 1200\nid: 41\nevent: status\ndata: a\n\nevent: status\ndata: b\n\n')
    const second = Buffer.from('id: 42\nevent: status\ndata: c\n\n')
    const received = await read([[first], [second]], 2)
    expect(received).toEqual([
      { type: 'status', data: 'a', lastEventId: '41' },
      { type: 'status', data: 'b', lastEventId: '41' },
      { type: 'status', data: 'c', lastEventId: '42' }
    ])
    expect(connections.map((c) => c.headers['last-event-id'])).toEqual([undefined, '41'])
    expect(connections[1].at - connections[0].at).toBeGreaterThanOrEqual(1200)
  })
})
