// How the engine opens its durable tier: one function from the data dir and the retention policy to
// an open tier with its retention handle, so the engine never names the implementation's class.

import type { NamedLog } from '../log/engine-log'
import type { DurableTier } from './durable-tier'

export interface OpenTierOptions {
  /** The data dir (created and checked by the host): the database file lives here. */
  dataDir: string
  retentionDays: number
  retentionGb: number
  log: NamedLog
  /**
   * false: a file that cannot be opened rejects (with a coded error). true: resolves with a failing
   * tier that keeps trying (a full or read-only disk that gets fixed), counting what it cannot write.
   */
  retryOpen: boolean
}

export interface OpenedTier {
  tier: DurableTier
  /** Deletes what retention says must go (age, then size); resolves with the rows deleted. */
  enforceRetention(now?: number): Promise<number>
  /** New limits for the next retention run and the stats. */
  setRetention(days: number, gb: number): void
}

/** Resolves with an open tier, or rejects with the reason (a `code` when the tier knows it). */
export type OpenTier = (o: OpenTierOptions) => Promise<OpenedTier>

/** The DuckDB tier. */
export const openDuckDbTier: OpenTier = () =>
  Promise.reject(new Error('the DuckDB durable tier is not built into this engine yet'))
