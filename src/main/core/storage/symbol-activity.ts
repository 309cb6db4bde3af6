import type { Trade } from '../trade'

/** One ring's activity, for the per-symbol overview (`/collectors/symbols`). */
export interface SymbolActivity {
  category: string
  symbol: string
  held: number
  /** Ever stored in this ring (since it was created) / evicted for this symbol (by cap or budget, ever). */
  storedTotal: number
  evictedTotal: number
  newest: Trade | undefined
}
