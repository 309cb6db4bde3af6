// The guide's ten checklist items, in pipeline order; each is judged from evidence alone (rule.ts),
// grouped by stage: the feed, parsing, storage, the API read-back.

import { retrievable } from './items-api'
import { tradesForwarded } from './items-forward'
import { connected, messagesReceived, subscriptionConfirmed } from './items-feed'
import { parsedCorrectly, tradesCreated } from './items-parsing'
import { tradesPersisted } from './items-persist'
import { noStorageErrors, sameStorage, storageHandler, tradesInStats } from './items-storage'
import type { ItemRule } from './rule'

export { PARSE_ERRORS_RECENT_MS, SILENT_AFTER_MS, type ItemRule, type Verdict } from './rule'

/** In pipeline order: dependencies always come earlier. */
export const CHECKLIST_RULES: readonly ItemRule[] = [
  connected,
  subscriptionConfirmed,
  messagesReceived,
  parsedCorrectly,
  tradesCreated,
  storageHandler,
  sameStorage,
  noStorageErrors,
  tradesPersisted,
  tradesInStats,
  retrievable,
  tradesForwarded
]
