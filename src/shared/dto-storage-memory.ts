// The hot tier's memory: the budget, what its columns take, and evictions by reason.

/** In `/collectors/storage/stats` as `memory`. */
export interface StorageMemory {
  /** The budget in bytes (`--memory-budget-mb` × 1,048,576). */
  budget_bytes: number
  /** Bytes the held trades take: every chunk's allocated capacity, plus values kept as strings. */
  used_bytes: number
  /** Trade slots allocated (held, or free in a ring's newest chunk, or evicted from its oldest). */
  allocated_slots: number
  /** used_bytes per trade held; null when none is held. */
  bytes_per_trade: number | null
  /** Evicted to make room under a symbol's own cap (`max_trades_per_symbol`), or a smaller cap. */
  evicted_by_cap: number
  /** Evicted, oldest first across all symbols, to keep used_bytes within the budget. */
  evicted_by_budget: number
}

/** In `/debug/storage` as `symbol_memory`, per (category:)symbol. */
export interface SymbolMemory {
  stored: number
  allocated_slots: number
  bytes: number
  evicted_cap: number
  evicted_budget: number
}
