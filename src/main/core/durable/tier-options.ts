// The options of the DuckDB durable tier and what it offers beyond DurableTier.

import type { DurableTier } from './durable-tier'
import type { DurableLog } from './open-file'
import type { RetentionResult } from './retention'

export interface DurableOptions {
  dataDir: string
  retentionDays: number
  retentionGb: number
  /** Trades waiting for the disk at most (default 200,000); beyond it they are counted as not persisted. */
  queueCapacity?: number
  /** How often the queue is written (default 250 ms). */
  flushIntervalMs?: number
  /**
   * Trades per write at most (default 100,000); a full batch is written at once. A batch is sorted
   * by symbol and time on its way in: the more trades sorted together, the smaller the file.
   */
  batchMax?: number
  log?: DurableLog
  /**
   * When the file cannot be opened at start: 'throw' (default) rejects with a PersistError (the
   * caller reports it, e.g. exit 2); 'retry' resolves with a failing tier that keeps retrying.
   */
  onOpenFailure?: 'throw' | 'retry'
  /** The writer boundary, for fault tests: called before each batch write (with its size); what it throws fails the write. */
  beforeWrite?: (trades: number) => void
  now?: () => number
}

export interface DuckDbDurableTier extends DurableTier {
  /** Deletes what retention says must go; resolves with what it deleted. The engine runs it as a task. */
  enforceRetention(now?: number): Promise<RetentionResult>
  /** One pass of the writer: a batch (more while a full one waits), then the gap marks due. */
  flush(): Promise<void>
  /** Writes everything queued now, trades and gap marks (bounded by `timeoutMs`); true when nothing waits after. */
  drain(timeoutMs?: number): Promise<boolean>
  readonly file: string
}
