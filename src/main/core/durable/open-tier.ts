// How the engine opens its durable tier: one function from the data dir and the retention policy to
// a DurableTier, so the engine never names the implementation's class.

import type { NamedLog } from '../log/engine-log'
import type { DurableTier } from './durable-tier'

export interface OpenTierOptions {
  /** The data dir (created and checked by the host): the database file lives here. */
  dataDir: string
  retentionDays: number
  retentionGb: number
  log: NamedLog
}

/**
 * Resolves with an open tier, or rejects with the reason it cannot be opened (another process holds
 * the lock, a read-only or full disk…); the engine then keeps collecting into memory.
 */
export type OpenTier = (o: OpenTierOptions) => Promise<DurableTier>

/** The DuckDB tier. */
export const openDurableTier: OpenTier = () =>
  Promise.reject(new Error('the DuckDB durable tier is not built into this engine yet'))
