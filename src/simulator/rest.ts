// REST `GET /v5/market/recent-trade` with Bybit's limits and envelope. Parameter errors come back
// as HTTP 200 with retCode 10001, as Bybit does; an over-large limit is clamped to the maximum
// (a spot request with limit=1000 is answered, capped, by the real API: rbot fixture's curl).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RECENT_TRADE_LIMIT, RECENT_TRADE_PATH } from '../shared/bybit-protocol'
import { CONTROL_PREFIX, handleControl, type ControlHost } from './control'
import { instrumentsInfo, type InstrumentsHost } from './instruments-info'
import type { SlidingWindow } from './limits'
import type { SimStats } from './stats'
import type { Tape } from './tape'
import { SIM_CATEGORIES, type SimCategory } from './types'
import { restItem } from './wire'
import { INSTRUMENTS_INFO_PATH } from '../shared/bybit-protocol'

/** `limit` when the request names none. */
const DEFAULT_LIMIT: Record<SimCategory, number> = { spot: 60, linear: 500, inverse: 500 }

export interface RestHost extends InstrumentsHost {
  tape: Tape
  isListed(category: SimCategory, symbol: string): boolean
  /** Bybit's requests per IP within a window; over it, 403 "access too frequent". */
  restWindow: SlidingWindow
  stats: SimStats
}

type Query = { ok: true; category: SimCategory; symbol: string; limit: number } | { ok: false; retMsg: string }

export function parseRecentTradeQuery(params: URLSearchParams, host: RestHost): Query {
  const category = params.get('category') ?? ''
  if (!(SIM_CATEGORIES as readonly string[]).includes(category)) return { ok: false, retMsg: 'Illegal category' }
  const cat = category as SimCategory
  const symbol = params.get('symbol') ?? ''
  if (symbol === '') return { ok: false, retMsg: 'params error: symbol is required' }
  if (!host.isListed(cat, symbol)) return { ok: false, retMsg: 'params error: Symbol Is Invalid' }
  const rawLimit = params.get('limit')
  const max = RECENT_TRADE_LIMIT[cat]
  const def = DEFAULT_LIMIT[cat]
  let limit = def
  if (rawLimit !== null && rawLimit !== '') {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) {
      return { ok: false, retMsg: `params error: limit must be an integer in [1,${max}]` }
    }
    limit = Math.min(max, Number(rawLimit))
  }
  return { ok: true, category: cat, symbol, limit }
}

function envelope(answer: { ok: true; result: unknown } | { ok: false; retMsg: string }): unknown {
  return answer.ok
    ? { retCode: 0, retMsg: 'OK', result: answer.result, retExtInfo: {}, time: Date.now() }
    : { retCode: 10001, retMsg: answer.retMsg, result: {}, retExtInfo: {}, time: Date.now() }
}

/** Answers every plain HTTP request: recent-trade, instruments-info, /sim/ control, or 404/405 like a bare Go server. */
export function handleRest(req: IncomingMessage, res: ServerResponse, host: RestHost, control: ControlHost): void {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(req, res, url, control)
  if (url.pathname !== RECENT_TRADE_PATH && url.pathname !== INSTRUMENTS_INFO_PATH) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found')
    return
  }
  if (req.method !== 'GET') {
    res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET' }).end('405 method not allowed')
    return
  }
  host.stats.restRequests++
  if (!host.restWindow.take(req.socket.remoteAddress ?? '').ok) {
    host.stats.restRefused++
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('access too frequent')
    return
  }
  let body: unknown
  if (url.pathname === INSTRUMENTS_INFO_PATH) body = envelope(instrumentsInfo(url.searchParams, host))
  else {
    const query = parseRecentTradeQuery(url.searchParams, host)
    const list = query.ok ? host.tape.recent(query.category, query.symbol, query.limit).map(restItem) : []
    body = envelope(query.ok ? { ok: true, result: { category: query.category, list } } : query)
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}
