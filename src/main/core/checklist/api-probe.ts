// "Trades retrievable via API": a real HTTP request to the mirror, the way `curl` would make it.
// node:http with no agent: the socket closes with the response, so no pooled handle outlives a check.

import { request } from 'node:http'

export const PROBE_PATH = '/collectors/trades?limit=1'

export interface ApiProbe {
  url: string
  /** HTTP status, null when no response came back. */
  status: number | null
  duration_ms: number
  /** Trades in the answer (`count`), null when the body was not the expected JSON. */
  count: number | null
  /** The newest trade as the API returned it, in one line. */
  first: string | null
  /** The network error or the server's error message, verbatim. */
  error: string | null
}

interface TradesBody {
  count?: unknown
  trades?: { symbol?: unknown; side?: unknown; price?: unknown; quantity?: unknown; trade_id?: unknown }[]
  error?: { message?: unknown } | unknown
}

function describeBody(status: number, text: string): Pick<ApiProbe, 'count' | 'first' | 'error'> {
  let body: TradesBody
  try {
    body = JSON.parse(text) as TradesBody
  } catch {
    return { count: null, first: null, error: `HTTP ${status}, body is not JSON: ${text.slice(0, 200)}` }
  }
  if (status !== 200) {
    const err = body.error as { message?: unknown } | undefined
    const message = err && typeof err.message === 'string' ? err.message : text.slice(0, 200)
    return { count: null, first: null, error: `HTTP ${status}: ${message}` }
  }
  const count = typeof body.count === 'number' ? body.count : null
  const t = Array.isArray(body.trades) ? body.trades[0] : undefined
  const first = t
    ? `${String(t.symbol)} ${String(t.side)} ${String(t.quantity)} @ ${String(t.price)} (id ${String(t.trade_id)})`
    : null
  return { count, first, error: count === null ? 'answer has no numeric `count`' : null }
}

export function probeTradesApi(baseUrl: string, timeoutMs = 3000): Promise<ApiProbe> {
  const url = baseUrl.replace(/\/+$/, '') + PROBE_PATH
  const started = performance.now()
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const status = res.statusCode ?? 0
        resolve({
          url,
          status,
          duration_ms: elapsed(),
          ...describeBody(status, Buffer.concat(chunks).toString('utf8'))
        })
      })
      res.on('error', (e) =>
        resolve({
          url,
          status: res.statusCode ?? null,
          duration_ms: elapsed(),
          count: null,
          first: null,
          error: e.message
        })
      )
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', (e: NodeJS.ErrnoException) => {
      const message = e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message
      resolve({ url, status: null, duration_ms: elapsed(), count: null, first: null, error: message })
    })
    req.end()
  })
}
