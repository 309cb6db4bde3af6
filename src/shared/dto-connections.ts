// Wire shapes of the collector's connections and instrument listings, inside its status.

import type { Category, CollectorPhase, CollectorState, ErrorInfo } from './dto'

/** One WebSocket connection of a collector: one category, one shard of its topics. */
export interface ConnectionStatus {
  /** `<category>.<shard>`, e.g. `linear.0`; its tasks are `<collector>.<id>.socket` etc. */
  id: string
  category: Category
  shard: number
  /** The guide's words, as for the collector. */
  state: CollectorState
  phase: CollectorPhase
  url: string
  /** Topics this connection carries, and how many are live. */
  topics: number
  subscribed: number
  failed: number
  /** Characters of the `args` arrays this connection subscribes (Bybit allows 21,000 per connection). */
  args_chars: number
  connected_since: number | null
  reconnect_count: number
  next_reconnect_at: number | null
  last_error: ErrorInfo | null
}

/** A category's instrument listing (`--symbols ALL`), from REST instruments-info. */
export interface ListingStatus {
  category: Category
  /** Instruments with status Trading at the last successful fetch; null before the first. */
  symbols: number | null
  fetched_at: number | null
  /** Pages read at the last fetch (cursor pagination). */
  pages: number
  next_refresh_at: number | null
  /** Symbols added and removed by refreshes since the collector started. */
  added: number
  removed: number
  last_error: ErrorInfo | null
}
