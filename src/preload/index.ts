// Runs sandboxed and context-isolated: exposes the contract as named functions on `window.api`,
// never `ipcRenderer` or an IPC event.

import { contextBridge, ipcRenderer } from 'electron'
import { createIpcBridge } from './ipc-client'

contextBridge.exposeInMainWorld('api', createIpcBridge(ipcRenderer))
