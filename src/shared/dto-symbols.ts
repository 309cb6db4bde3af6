// Wire shapes of the per-symbol overview (`GET /collectors/symbols`, the Symbols view): one row per
// collected (category, symbol), cheap to build for thousands of symbols.

import type { Category, TopicState } from './dto'

/** `none`: trades are held for the symbol but no collector subscribes it now (dropped from the settings). */
export type SymbolSubscription = TopicState | 'none'

export interface SymbolRow {
  category: Category
  symbol: string
  /** The newest held trade's price, the exchange's exact string; null before the first trade. */
  last_price: string | null
  /** Trades stored per second over the last three rate-sampler ticks (about three seconds). */
  trades_per_s: number
  /** Exchange time of the newest held trade; null before the first trade. */
  last_trade_at: number | null
  /** `at` − `last_trade_at` (ms); null before the first trade. */
  last_trade_age_ms: number | null
  /** Trades held now. */
  stored: number
  /** This symbol's trades evicted since the engine started (its per-symbol limit or the memory budget). */
  evicted: number
  /** Gaps of this symbol not closed yet. */
  open_gaps: number
  subscription: SymbolSubscription
  /** The exchange's refusal or the timeout, in its own words; null otherwise. */
  subscription_reason: string | null
}

export interface SymbolsResponse {
  /** When the rows were taken (epoch ms). */
  at: number
  count: number
  /** Sorted by category, then symbol. */
  symbols: SymbolRow[]
}
