// The settings file in the user-data folder, through electron-store (atomic writes, JSON).

import { ipcMain } from 'electron'
import Store from 'electron-store'
import type { KeyValueStore, WarnFn } from '../host/settings-persistence'
import { errorMessage } from '../../shared/guards'

/**
 * electron-store 8 answers a synchronous IPC channel of its own (user-data path and app version)
 * for renderer-side stores. We have none, and main answers only the contract's channels.
 */
const STORE_IPC_CHANNEL = 'electron-store-get-data'

/** A corrupt file is reported and replaced, never fatal. */
export function openSettingsFile(warn: WarnFn): KeyValueStore {
  let store: Store
  try {
    store = new Store({ name: 'settings' })
  } catch (err) {
    warn(`The settings file is unreadable (${errorMessage(err)}); using the defaults`)
    store = new Store({ name: 'settings', clearInvalidConfig: true })
  }
  ipcMain.removeAllListeners(STORE_IPC_CHANNEL)
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value)
  }
}
