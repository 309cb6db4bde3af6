import type { EngineTasks } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import { BybitRestClient } from '../rest/rest-client'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'
import { GapBackfill } from './backfill'
import type { CollectorIdentity } from './collector-status'
import type { IngestCounters } from './frame-ingest'
import type { GapTracker } from './gaps'
import { restMismatch } from './refused-upgrade'
import type { CollectorTimings } from './timings'

export interface RuntimeOptions extends CollectorIdentity {
  storage: TradeStorage
  gaps: GapTracker
  tasks: EngineTasks
  timings: CollectorTimings
  log: NamedLog
  counters: IngestCounters
  onStored: (trade: Trade) => void
  /** The proxy setting, as for the WebSocket. */
  proxy?: string
}

/**
 * What a collector holds only while it runs, shared by its connections: one REST client (one
 * request budget for backfill and instrument listings) and the backfill. Each connection has its own tasks.
 */
export class CollectorRuntime {
  readonly backfill: GapBackfill
  readonly rest: BybitRestClient

  constructor(o: RuntimeOptions) {
    const { name, url, restUrl, timings: t } = o
    this.rest = new BybitRestClient({
      baseUrl: restUrl,
      timeoutMs: t.restTimeoutMs,
      requestsPerSecond: t.restRequestsPerSecond,
      proxy: o.proxy
    })
    this.backfill = new GapBackfill({
      ...o,
      collector: name,
      client: this.rest,
      task: o.tasks.register(`${name}.backfill`, `REST recent-trade from ${restUrl}`),
      unusable: restMismatch(url, restUrl)
    })
  }

  /** Aborts REST, settles queued gaps, waits for the backfill in flight (its task is disposed). */
  async close(): Promise<void> {
    this.rest.close()
    await this.backfill.close()
  }
}
