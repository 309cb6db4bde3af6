// One store from typed slices (zustand's slices pattern). Trades are not here: the tape model keeps
// them outside React and paints per frame.

import { createStore, type StoreApi } from 'zustand/vanilla'
import { createConnectionSlice } from './connection-slice'
import { createGapsSlice } from './gaps-slice'
import { createLogsSlice } from './logs-slice'
import { createSettingsSlice } from './settings-slice'
import { createStorageSlice } from './storage-slice'
import type { AppState } from './types'
import { createUiSlice, type PersistedUi } from './ui-slice'

export type AppStore = StoreApi<AppState>

export function createAppStore(initialUi: Partial<PersistedUi> = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createStorageSlice(...a),
    ...createLogsSlice(...a),
    ...createSettingsSlice(...a),
    ...createGapsSlice(...a),
    ...createUiSlice(initialUi)(...a)
  }))
}
