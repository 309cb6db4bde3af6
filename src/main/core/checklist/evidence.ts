// What the checklist looks at, gathered in one pass from the running engine's parts, so the item
// rules (items.ts) are pure functions of a snapshot and can be read without the engine in mind.

import type { CollectorStatus, ErrorInfo, MirrorStatus, StorageStats } from '../../../shared/dto'
import type { PersistStats } from '../../../shared/dto-durable'
import type { CollectorManager } from '../manager'
import type { TradeStorage } from '../storage/trade-storage'
import type { ApiProbe } from './api-probe'
import type { PublishStatus } from '../../../shared/dto-publish'
import { publishStatus } from '../forward/forward-status'

export interface CollectorEvidence {
  status: CollectorStatus
  /** Trades parsed from frames (stored, duplicate, rejected or failed to store). */
  tradesReceived: number
  storageErrors: number
  lastParseError: string | null
  /** When the last parse error happened (the collector's own record); null: none since it started. */
  lastParseErrorAt: number | null
  /** The storage instance the collector writes to; null: it has none. */
  storageId: string | null
  storageClass: string | null
  isManagerStorage: boolean
}

export interface ChecklistEvidence {
  now: number
  engineRunning: boolean
  managerStorageId: string
  collectors: CollectorEvidence[]
  stats: StorageStats
  storageErrors: { count: number; last: ErrorInfo | null }
  /** Local receipt time of the newest trade held: the latest successful store we can prove. */
  newestStoredReceivedAt: number | null
  mirror: MirrorStatus
  /** The read-back request; null when the mirror is not listening (the reason is in `mirror`). */
  api: ApiProbe | null
  /** Forwarding to NATS JetStream (state `off` without --publish). */
  publish: PublishStatus
  /** The durable tier; null when this engine has no data dir at all (tests, doctor). */
  persist: PersistStats | null
  /** How persistence was turned off, for the skip reason (`--no-persist`, Settings). */
  persistOffReason: string
}

export interface EvidenceSources {
  manager: CollectorManager
  storage: TradeStorage
  running: () => boolean
  mirror: () => MirrorStatus
  publish?: () => PublishStatus
  /** The durable tier's stats and how it is turned off; absent or null: the engine has no data dir. */
  persist?: () => { stats: PersistStats; offReason: string } | null
}

/** Everything but the API read-back, which the caller adds (it is asynchronous). */
export function gatherEvidence(src: EvidenceSources, now: number): Omit<ChecklistEvidence, 'api'> {
  const collectors = src.manager.all().map((c): CollectorEvidence => {
    const counters = c.counters
    const held = c.storage as TradeStorage | null | undefined
    return {
      status: c.status(),
      tradesReceived: counters.tradesReceived,
      storageErrors: counters.storageErrors,
      lastParseError: counters.lastParseError,
      lastParseErrorAt: counters.lastParseErrorAt,
      storageId: held ? held.id : null,
      storageClass: held ? held.className : null,
      isManagerStorage: held === src.storage
    }
  })
  const newest = src.storage.query(1)[0]
  const persist = src.persist?.() ?? null
  return {
    persist: persist?.stats ?? null,
    persistOffReason: persist?.offReason ?? '',
    now,
    engineRunning: src.running(),
    managerStorageId: src.storage.id,
    collectors,
    stats: src.storage.stats(),
    storageErrors: src.storage.errors(),
    newestStoredReceivedAt: newest ? newest.receivedAt : null,
    mirror: src.mirror(),
    publish: src.publish?.() ?? publishStatus(null)
  }
}
