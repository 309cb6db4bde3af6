// Facts of Bybit's V5 public API that the engine and the simulator must agree on, stated once
// (docs/bybit-protocol.md). Tests assert the documented values independently.

import type { Category } from './dto'

/** Public-trade topics are `publicTrade.<SYMBOL>`. */
export const TRADE_TOPIC_PREFIX = 'publicTrade.'

export const RECENT_TRADE_PATH = '/v5/market/recent-trade'

/** Upper bound of recent-trade's `limit` per category: spot [1,60], linear and inverse [1,1000]. */
export const RECENT_TRADE_LIMIT: Record<Category, number> = { spot: 60, linear: 1000, inverse: 1000 }

/** Spot refuses a subscribe request with more args than this (`args size >10`). */
export const SPOT_SUBSCRIBE_MAX_ARGS = 10

/** One public connection may hold topics whose names add up to at most this many characters ("args" limit). */
export const PUBLIC_ARGS_MAX_CHARS = 21_000

/** The characters a connection's topics count against PUBLIC_ARGS_MAX_CHARS: the topic names' lengths summed. */
export function argsChars(topics: Iterable<string>): number {
  let n = 0
  for (const t of topics) n += t.length
  return n
}

/** Bybit's WebSocket connection budget per IP: at most this many new connections within the window. */
export const WS_CONNECTION_BUDGET = { max: 500, windowMs: 5 * 60_000 } as const

/** instruments-info pages: `limit` in [1,1000], 500 when absent (spot ignores both and sends every pair). */
export const INSTRUMENTS_INFO_PATH = '/v5/market/instruments-info'
export const INSTRUMENTS_PAGE_LIMIT = { default: 500, max: 1000 } as const

/** Bybit's HTTP limit per IP: over it, requests meet HTTP 403 "access too frequent". */
export const REST_IP_LIMIT = { max: 600, windowMs: 5_000 } as const
