import type { StorageDebug } from '../../../shared/dto'
import type { EngineContext, HandlerGroup } from './context'
import { logChangedTotals, storageTotals } from './storage-totals'

export function storageHandlers(
  ctx: EngineContext
): HandlerGroup<'getStorageStats' | 'getTrades' | 'getStorageDebug' | 'clearStorage'> {
  const { storage, manager } = ctx
  return {
    getStorageStats: () => storage.stats(),
    getTrades: ({ limit, symbol }) => {
      const trades = storage.query(limit, symbol).map((t) => t.toDto())
      return { count: trades.length, trades }
    },
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
    clearStorage: () => {
      const before = storageTotals(storage)
      const n = storage.clear()
      ctx.engineLog.info(`Storage cleared: ${n} trades removed (counted as cleared)`)
      logChangedTotals(ctx.log, storage, before)
      return { ok: true, message: `Cleared ${n} trades` }
    }
  }
}
