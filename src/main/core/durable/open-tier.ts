// How the engine opens its durable tier: one function from the data dir and the retention policy to
// an open tier with its retention handle, so the engine never names the implementation's class.

import type { NamedLog } from '../log/engine-log'
import { openDurableTier, type DurableOptions } from './duckdb-tier'
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

/** The DuckDB tier (DATA_DIR/trades.duckdb). */
export const openDuckDbTier: OpenTier = async (o) => {
  // Kept by reference: the tier reads its limits from here at each retention run and in its stats.
  const options: DurableOptions = {
    dataDir: o.dataDir,
    retentionDays: o.retentionDays,
    retentionGb: o.retentionGb,
    log: o.log,
    onOpenFailure: o.retryOpen ? 'retry' : 'throw'
  }
  const tier = await openDurableTier(options)
  return {
    tier,
    enforceRetention: async (now) => {
      const r = await tier.enforceRetention(now)
      return r.byAge + r.bySize
    },
    setRetention: (days, gb) => {
      options.retentionDays = days
      options.retentionGb = gb
    }
  }
}
