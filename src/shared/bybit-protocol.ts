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
