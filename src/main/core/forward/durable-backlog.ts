// The durable outbox: the forwarder's backlog over the durable tier (the cursor table and the trades
// in the same DuckDB file).

import type { PublishCursor } from '../../../shared/dto-publish'
import type { DurableTier } from '../durable/durable-tier'
import { loadPublishCursors, savePublishCursors, symbolsOnDisk, tradesFrom } from '../durable/publish-cursors'
import type { ForwardBacklog } from './forward-backlog'

export function durableBacklog(tier: DurableTier, stream: string): ForwardBacklog {
  // One save at a time, in call order: two at once (the timer's and the one at stop) update the same
  // rows from two connections, and DuckDB fails one of them with a write conflict.
  let saving: Promise<unknown> = Promise.resolve()
  return {
    loadCursors: () => tier.query((c) => loadPublishCursors(c, stream)),
    saveCursors: (cursors: readonly PublishCursor[]) => {
      const save = (): Promise<void> => tier.query((c) => savePublishCursors(c, stream, cursors))
      const run = saving.then(save, save)
      saving = run.catch(() => undefined)
      return run
    },
    readAfter: (key, after, since, limit) =>
      tier.query((c) => tradesFrom(c, key.category, key.symbol, after ? after.timestamp : since, limit)),
    symbols: () => tier.query((c) => symbolsOnDisk(c)),
    queueDepth: () => tier.stats().queue_depth
  }
}
