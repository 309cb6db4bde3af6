// The settings file in the user-data folder, through electron-store (atomic writes, JSON). An
// unreadable file is moved aside first (../host/settings-file-guard.ts), so it is reported once.
// A file that cannot be moved aside or opened is never wiped: this run keeps its settings in memory.

import { join } from 'node:path'
import { app, ipcMain } from 'electron'
import Store from 'electron-store'
import { describeSetAside, setAsideUnreadable } from '../host/settings-file-guard'
import { memoryStore, type KeyValueStore, type WarnFn } from '../host/settings-persistence'
import { errorMessage } from '../../shared/guards'

/**
 * electron-store 8 answers a synchronous IPC channel of its own (user-data path and app version)
 * for renderer-side stores. We have none, and main answers only the contract's channels.
 */
const STORE_IPC_CHANNEL = 'electron-store-get-data'
const NAME = 'settings'

/** A corrupt file is kept aside and replaced by the defaults, never fatal, never wiped. */
export function openSettingsFile(warn: WarnFn): KeyValueStore {
  const file = join(app.getPath('userData'), `${NAME}.json`)
  try {
    const setAside = setAsideUnreadable(file)
    if (setAside) warn(describeSetAside(setAside))
    if (setAside?.keptAs === null) return memoryStore()
  } catch (err) {
    warn(`The settings file could not be checked (${errorMessage(err)})`)
  }
  let store: Store
  try {
    store = new Store({ name: NAME })
  } catch (err) {
    warn(
      `The settings file ${file} could not be opened (${errorMessage(err)}): left it as it is and started from ` +
        'the defaults in memory; settings changed in this run are not saved'
    )
    ipcMain.removeAllListeners(STORE_IPC_CHANNEL)
    return memoryStore()
  }
  ipcMain.removeAllListeners(STORE_IPC_CHANNEL)
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value)
  }
}
