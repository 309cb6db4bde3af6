// The one window: sandboxed, context-isolated, no Node, only the preload's named functions. It comes
// back where the user left it, hides to the tray on close when there is one, and is shown with an
// error page when the UI fails to load (rather than never appearing). A window that failed to load or
// whose renderer is gone says so (`broken`), and the caller replaces it when it is shown again.

import { BrowserWindow } from 'electron'
import { loadErrorUrl } from '../host/load-error-page'
import type { CloseDecision } from '../host/tray-support'
import type { WindowBreakage } from '../host/window-recovery'
import { MIN_WINDOW, type WindowState } from '../host/window-state'
import { errorMessage } from '../../shared/guards'

export interface MainWindowOptions {
  preload: string
  entryUrl: string
  icon: string | undefined
  /** Where the window opens, already fitted onto the displays. */
  state: WindowState
  /** Every move, resize, maximize (the caller debounces the writes). */
  onStateChange: (state: WindowState) => void
  /** Asked on every close: hide to the tray, or close (with why, to log). */
  decideClose: () => CloseDecision
  onClosing: (why: string | null) => void
  onLoadFailed: (message: string) => void
  /** Shown on the error page. */
  logFolder: string
  /** Windows is logging off or shutting down: closing must not be refused now. */
  onSessionEnd: () => void
}

export interface MainWindow {
  window: BrowserWindow
  /** Why this window cannot recover by being shown again, or null while it is healthy. */
  broken: () => WindowBreakage | null
}

/** Chromium's net::ERR_ABORTED: a navigation replaced by another, not a failure. */
const ERR_ABORTED = -3

export function createMainWindow(options: MainWindowOptions): MainWindow {
  const win = new BrowserWindow({
    title: 'Market Data Monitor',
    ...options.state.bounds,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
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
  const reveal = (): void => {
    if (win.isDestroyed() || win.isVisible()) return
    if (options.state.maximized) win.maximize()
    win.show()
  }
  win.once('ready-to-show', reveal)

  const report = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return
    options.onStateChange({ bounds: win.getNormalBounds(), maximized: win.isMaximized() })
  }
  win.on('resize', report)
  win.on('move', report)
  win.on('maximize', report)
  win.on('unmaximize', report)

  win.on('session-end', () => options.onSessionEnd())
  win.on('close', (event) => {
    const decision = options.decideClose()
    if (decision.action === 'hide') {
      event.preventDefault()
      win.hide()
      return
    }
    report()
    options.onClosing(decision.why)
  })

  let broken: WindowBreakage | null = null
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === ERR_ABORTED || url.startsWith('data:')) return
    broken = 'load_failed'
    options.onLoadFailed(`The UI failed to load (${description}, ${code}); showing the error page`)
    win.loadURL(loadErrorUrl({ url, code, description, logFolder: options.logFolder })).catch(() => {})
    reveal()
  })
  win.webContents.on('render-process-gone', (_event, details) => {
    broken = 'renderer_gone'
    options.onLoadFailed(`The window's renderer is gone (${details.reason}); reopen the window to recover`)
  })
  win.loadURL(options.entryUrl).catch((err: unknown) => {
    // did-fail-load has shown the error page and said so.
    if (broken !== null) return
    broken = 'load_failed'
    options.onLoadFailed(`The UI failed to load: ${errorMessage(err)}`)
  })
  return { window: win, broken: () => broken }
}
