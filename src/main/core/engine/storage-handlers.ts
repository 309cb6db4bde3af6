import type { RawFramesResponse, StorageDebug, StorageStats } from '../../../shared/dto'
import type { EngineContext, HandlerGroup } from './context'
import { logChangedTotals, storageTotals } from './storage-totals'

/** The rings' stats with the durable tier's under `persist`. */
export function storageStats(ctx: EngineContext, now = Date.now()): StorageStats {
  return { ...ctx.storage.stats(now), persist: ctx.persistence.stats(ctx, now) }
}

export function storageHandlers(
  ctx: EngineContext
): HandlerGroup<'getStorageStats' | 'getStorageDebug' | 'getRawFrames' | 'clearStorage'> {
  const { storage, manager } = ctx
  return {
    getStorageStats: () => storageStats(ctx),
    getStorageDebug: (): StorageDebug => {
      const errors = storage.errors()
      return {
        manager_storage_id: storage.id,
        storage_class: storage.className,
        symbols: storage.symbolDebug(),
        symbol_memory: storage.symbolMemory(),
        raw_frames: storage.rawFrameStats(),
        last_cleanup_at: storage.lastCleanup,
        storage_errors: errors.count,
        last_storage_error: errors.last,
        ...manager.storageRefs()
      }
    },
    getRawFrames: ({ limit }): RawFramesResponse => {
      const frames = storage
        .recentFrames(limit)
        .map((f) => ({ received_at: f.receivedAt, text: f.text, bytes: f.bytes }))
      return { count: frames.length, frames, ring: storage.rawFrameStats() }
    },
    clearStorage: () => {
      const before = storageTotals(storage)
      const n = storage.clear()
      ctx.engineLog.info(`Storage cleared: ${n} trades removed (counted as cleared)`)
      logChangedTotals(ctx.log, storage, before)
      return { ok: true, message: `Cleared ${n} trades` }
    }
  }
}
