// REST `GET /v5/market/recent-trade`: the response parsed into typed trades, once, at the edge.
// Field mapping to the stream: execId↔i, price↔p, size↔v, side↔S, time↔T (a string here),
// isBlockTrade↔BT, isRPITrade↔RPI, seq↔seq (a string here). See docs/bybit-protocol.md.

import type { Category } from '../../../shared/dto'
import { isRecord } from '../../../shared/guards'
import { parseTradeItem } from '../bybit/frames'
import { Trade } from '../trade'

export interface RecentTrades {
  /** Newest first, as Bybit answers. */
  trades: Trade[]
  /** Items that failed validation (never stored). */
  rejected: number
  firstRejection: string | null
}

export type RecentTradesResult =
  { ok: true; value: RecentTrades } | { ok: false; error: string; retCode: number | null }

/** `"1761520773879"` → 1761520773879; anything else (floats, signs, > 2^53) → the raw value so validation refuses it. */
function restTime(v: unknown): unknown {
  return typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : v
}

/** Translates one REST list item into the stream's field names, then validates it with the stream's rules. */
function restItem(item: unknown, category: Category, symbol: string, receivedAt: number): Trade | string {
  if (!isRecord(item)) return 'trade is not an object'
  const wsShaped = {
    i: item.execId,
    T: restTime(item.time),
    p: item.price,
    v: item.size,
    S: item.side,
    s: item.symbol,
    seq: item.seq,
    BT: item.isBlockTrade,
    RPI: item.isRPITrade
  }
  const t = parseTradeItem(wsShaped, category, symbol, receivedAt)
  if (typeof t === 'string') return t
  if (t.symbol !== symbol) return `symbol ${JSON.stringify(t.symbol)} in a ${symbol} answer`
  return new Trade({
    symbol: t.symbol,
    side: t.side,
    price: t.priceText,
    quantity: t.quantityText,
    timestamp: t.timestamp,
    receivedAt,
    category,
    tradeId: t.tradeId,
    seq: t.seq,
    isBlockTrade: t.isBlockTrade,
    isRpi: t.isRpi,
    backfilled: true
  })
}

/** Parses a recent-trade response body (already JSON-decoded). Never throws. */
export function parseRecentTrades(
  body: unknown,
  category: Category,
  symbol: string,
  receivedAt: number
): RecentTradesResult {
  if (!isRecord(body)) return { ok: false, error: 'response is not a JSON object', retCode: null }
  const retCode = body.retCode
  if (typeof retCode !== 'number') return { ok: false, error: 'response has no numeric retCode', retCode: null }
  if (retCode !== 0) {
    const msg = typeof body.retMsg === 'string' ? body.retMsg.slice(0, 200) : ''
    return { ok: false, error: `retCode ${retCode}: ${msg}`, retCode }
  }
  const result = body.result
  if (!isRecord(result) || !Array.isArray(result.list)) {
    return { ok: false, error: 'response has no result.list array', retCode }
  }
  const trades: Trade[] = []
  let rejected = 0
  let firstRejection: string | null = null
  for (const item of result.list) {
    const t = restItem(item, category, symbol, receivedAt)
    if (typeof t === 'string') {
      rejected++
      firstRejection ??= t
    } else trades.push(t)
  }
  return { ok: true, value: { trades, rejected, firstRejection } }
}
