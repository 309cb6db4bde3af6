// The one window: sandboxed, context-isolated, no Node, only the preload's named functions.

import { BrowserWindow } from 'electron'
import { errorMessage } from '../../shared/guards'

export interface MainWindowOptions {
  preload: string
  entryUrl: string
  icon: string | undefined
  onLoadFailed: (message: string) => void
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Market Data Monitor',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    // The dark theme's background: no white flash before the first paint.
    backgroundColor: '#0f1419',
    autoHideMenuBar: true,
    icon: options.icon,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.on('render-process-gone', (_event, details) => {
    options.onLoadFailed(`The window's renderer is gone (${details.reason}); reopen the window to recover`)
  })
  win.loadURL(options.entryUrl).catch((err: unknown) => {
    options.onLoadFailed(`The UI failed to load: ${errorMessage(err)}`)
  })
  return win
}
