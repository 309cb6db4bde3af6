// The durable outbox's face to the forwarder: the persisted cursor (the last acknowledged trade per
// symbol, a table in the durable tier's DuckDB file) and the trades on disk after it. Without
// persistence there is none, and the in-memory outbox is all there is.

import type { Category } from '../../../shared/dto'
import type { PublishCursor } from '../../../shared/dto-publish'
import type { Trade } from '../trade'

export interface SymbolKey {
  category: Category
  symbol: string
}

export interface ForwardBacklog {
  /** The cursors saved by the last run (none on a fresh data dir). */
  loadCursors(): Promise<PublishCursor[]>
  saveCursors(cursors: readonly PublishCursor[]): Promise<void>
  /**
   * Up to `limit` trades of one symbol on disk, oldest first, from `after` on: trades at the
   * cursor's own timestamp come back too (their order among themselves is not known; JetStream's
   * de-duplication drops the ones already sent). `after` null: from `since`.
   */
  readAfter(key: SymbolKey, after: PublishCursor | null, since: number, limit: number): Promise<Trade[]>
  /** Every symbol with trades on disk. */
  symbols(): Promise<SymbolKey[]>
  /** Trades handed to the tier and not yet written (0: everything handed over is on disk or counted). */
  queueDepth(): number
}
