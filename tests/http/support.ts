// Helpers for the mirror's tests: raw HTTP on 127.0.0.1 (full control of Host and Origin), an SSE
// reader and a CSV parser.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'

export interface HttpResult {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

export interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  /** false: send no Host header at all. */
  host?: string | false
  body?: string
}

/** One HTTP/1.1 request on a fresh connection (no keep-alive, so no sockets linger after a test). */
export function http(port: number, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Connection: 'close', ...opts.headers }
    if (opts.host !== false) headers.Host = opts.host ?? `127.0.0.1:${port}`
    if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body))
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') })
        )
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

export async function getJson<T>(
  port: number,
  path: string,
  opts: RequestOptions = {}
): Promise<{ status: number; body: T; res: HttpResult }> {
  const res = await http(port, path, opts)
  return { status: res.status, body: JSON.parse(res.text) as T, res }
}

/** Writes `raw` verbatim on a TCP socket and returns everything the server sent until it closed. */
export function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw))
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    socket.on('error', reject)
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw exchange timed out')))
  })
}

export interface SseEvent {
  event: string
  data: string
}

/** An open `/events` stream parsed into events as they arrive. */
export interface SseStream {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly events: SseEvent[]
  readonly comments: string[]
  close(): void
}

export function openSse(port: number, path = '/events'): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        headers: { Host: `127.0.0.1:${port}`, Accept: 'text/event-stream' },
        agent: false
      },
      (res) => {
        const events: SseEvent[] = []
        const comments: string[] = []
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buffer += chunk
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            let event = 'message'
            const data: string[] = []
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim())
              else if (line.startsWith('event: ')) event = line.slice(7)
              else if (line.startsWith('data: ')) data.push(line.slice(6))
            }
            if (data.length > 0) events.push({ event, data: data.join('\n') })
          }
        })
        res.on('error', () => undefined)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, events, comments, close: () => req.destroy() })
      }
    )
    req.on('error', (err) => reject(err))
    req.end()
  })
}

/** Minimal RFC 4180 parser (quoted fields, CRLF rows) to read the CSV export back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
