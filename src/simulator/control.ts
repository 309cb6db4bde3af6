// The simulator's own HTTP endpoints, next to Bybit's REST paths, for tests and curl:
//   GET  /sim/stats                                   counters (connections, subscribes, rejections, trades)
//   POST /sim/list?category=C&symbol=S[&status=X]     list a symbol (Trading) or change its status
//   POST /sim/delist?category=C&symbol=S              delist it (derivatives: Closed; spot: gone)
//   POST /sim/burst[?rate=N&seconds=S]                a liquidation cascade from now (50,000/s for 3 s)
import type { IncomingMessage, ServerResponse } from 'node:http'
import { INSTRUMENT_STATUSES, type InstrumentStatus } from './catalog'
import { SIM_CATEGORIES, type SimCategory, type SimulatorHandle } from './types'

export const CONTROL_PREFIX = '/sim/'
export const DEFAULT_BURST = { rate: 50_000, seconds: 3 } as const
/** Bounds of a burst asked for over HTTP or on the command line. */
export const BURST_LIMITS = { maxRate: 1_000_000, maxSeconds: 600 } as const

export type ControlHost = Pick<SimulatorHandle, 'stats' | 'instruments' | 'burst'>

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}

function numberParam(params: URLSearchParams, name: string, fallback: number, max: number): number | string {
  const raw = params.get(name)
  if (raw === null || raw === '') return fallback
  const n = Number(raw)
  return Number.isFinite(n) && n > 0 && n <= max ? n : `${name} must be a number in (0, ${max}]`
}

export function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, host: ControlHost): void {
  const action = url.pathname.slice(CONTROL_PREFIX.length)
  const p = url.searchParams
  const method = action === 'stats' ? 'GET' : 'POST'
  if (!['stats', 'list', 'delist', 'burst'].includes(action)) return json(res, 404, { error: 'no such endpoint' })
  if (req.method !== method) {
    res.writeHead(405, { allow: method, 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ error: `use ${method}` }))
    return
  }
  if (action === 'stats') return json(res, 200, host.stats())
  if (action === 'burst') {
    const rate = numberParam(p, 'rate', DEFAULT_BURST.rate, BURST_LIMITS.maxRate)
    const seconds = numberParam(p, 'seconds', DEFAULT_BURST.seconds, BURST_LIMITS.maxSeconds)
    if (typeof rate === 'string' || typeof seconds === 'string') {
      return json(res, 400, { error: typeof rate === 'string' ? rate : seconds })
    }
    host.burst({ rate, seconds })
    return json(res, 200, { ok: true, rate, seconds })
  }
  const category = p.get('category') ?? ''
  const symbol = p.get('symbol') ?? ''
  if (!(SIM_CATEGORIES as readonly string[]).includes(category)) {
    return json(res, 400, { error: `category must be one of ${SIM_CATEGORIES.join(', ')}` })
  }
  if (!/^[A-Z0-9-]{2,30}$/.test(symbol)) return json(res, 400, { error: 'symbol must be 2-30 of A-Z, 0-9, -' })
  const cat = category as SimCategory
  if (action === 'delist') {
    return host.instruments.delist(cat, symbol)
      ? json(res, 200, { ok: true, symbol, status: host.instruments.status(cat, symbol) ?? null })
      : json(res, 404, { error: `${symbol} is not listed on ${cat}` })
  }
  const status = p.get('status') ?? 'Trading'
  if (!(INSTRUMENT_STATUSES as readonly string[]).includes(status)) {
    return json(res, 400, { error: `status must be one of ${INSTRUMENT_STATUSES.join(', ')}` })
  }
  if (cat === 'spot' && status !== 'Trading') return json(res, 400, { error: 'spot has Trading only' })
  host.instruments.list(cat, symbol, status as InstrumentStatus)
  return json(res, 200, { ok: true, symbol, status })
}
