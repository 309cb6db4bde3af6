// The desktop app's main process: window, lifecycle and wiring. Everything that can run without
// Electron lives in src/main/core, src/main/http, src/main/ipc and src/main/host (shared with serve).

import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, screen, session } from 'electron'
import { errorMessage } from '../shared/guards'
import { applySettingsPatch } from '../shared/validate'
import { createEngine } from './core/engine'
import type { EngineFacade } from './core/engine-facade'
import { startMirror } from './http'
import { createMirrorToken } from './http/security'
import { forwardEngineEvents } from './ipc/forward-events'
import { registerApiHandlers } from './ipc/register-handlers'
import { createSenderCheck } from './ipc/sender-check'
import { registerAppScheme, serveBundle } from './electron/app-protocol'
import { APP_ENTRY_URL, APP_ORIGIN } from './host/bundle-path'
import { createFeedNotifier } from './electron/feed-notifier'
import { denyAllPermissions, lockDownWebContents } from './electron/hardening'
import { applyLaunchAtLogin } from './electron/login-item'
import { createMainWindow } from './electron/main-window'
import { createTray, type DesktopTray } from './electron/tray'
import { MirrorControl } from './host/mirror-control'
import { electronProcessMetrics } from './electron/process-metrics'
import { watchPower } from './electron/power-watch'
import { openSettingsFile } from './electron/settings-file'
import { withSettingsHook } from './host/settings-hook'
import { desktopEnvironment, type DesktopEnvironment } from './host/flags/engine-flags'
import { describeFlagError, FLAG_EXIT_CODE } from './host/flags/parse-command-line'
import { loadSettings, saveSettings } from './host/settings-persistence'
import { withinTimeLimit } from './host/time-limit'
import { decideOnClose, probeTray, type TrayAvailability } from './host/tray-support'
import { loadWindowState, WindowStateSaver } from './host/window-state'

const MIRROR_STOP_LIMIT_MS = 3_000
const ENGINE_STOP_LIMIT_MS = 5_000

// A bad MDM_* value is refused as serve refuses it: one coded line and exit 2, never a silent default.
const fromEnv = desktopEnvironment(process.env)
if (!fromEnv.ok) {
  console.error(describeFlagError('desktop', fromEnv.error))
  app.exit(FLAG_EXIT_CODE)
} else {
  // Tests and side-by-side profiles: a user-data folder of their own (also scopes the single-instance lock).
  if (fromEnv.userDataDir !== undefined) app.setPath('userData', fromEnv.userDataDir)
  if (app.requestSingleInstanceLock()) boot(fromEnv)
  else app.quit()
}

type EnvOverrides = Extract<DesktopEnvironment, { ok: true }>

function boot(overrides: EnvOverrides): void {
  app.enableSandbox()
  registerAppScheme()
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const entryUrl = devServer ?? APP_ENTRY_URL
  const appOrigin = devServer ? new URL(devServer).origin : APP_ORIGIN
  let warn = (message: string): void => console.warn(message)
  lockDownWebContents(appOrigin, (message) => warn(message))
  app
    .whenReady()
    .then(() => {
      const log = runDesktop(overrides, entryUrl, appOrigin, devServer === undefined)
      warn = (message) => log.log('WARNING', 'desktop', message)
    })
    .catch((err: unknown) => {
      console.error('Market Data Monitor failed to start:', err)
      app.exit(1)
    })
}

function runDesktop(
  overrides: EnvOverrides,
  entryUrl: string,
  appOrigin: string,
  serveBuiltUi: boolean
): EngineFacade['logger'] {
  const rendererDir = join(__dirname, '../renderer')
  if (serveBuiltUi) serveBundle(rendererDir)
  denyAllPermissions(session.defaultSession)

  const early: string[] = []
  const store = openSettingsFile((message) => early.push(message))
  let saved = loadSettings(store, (message) => early.push(message))
  const settings = applySettingsPatch(saved, overrides.patch)

  const core = createEngine(settings, {
    mode: 'electron',
    version: app.getVersion(),
    logLevel: overrides.logLevel,
    processMetrics: electronProcessMetrics
  })
  for (const message of early) core.logger.log('WARNING', 'desktop', message)
  const log = (level: 'INFO' | 'WARNING', message: string): void => core.logger.log(level, 'desktop', message)
  let current = settings
  const engine = withSettingsHook(core, (applied, patch) => {
    // Saved: what the user chose, without this run's MDM_* overrides.
    saved = applySettingsPatch(saved, patch)
    saveSettings(store, saved)
    current = applied
    notifier.configure(applied.notifications)
    if (patch.desktop?.launchAtLogin !== undefined)
      applyLaunchAtLogin(applied.desktop.launchAtLogin, (m) => log('WARNING', m))
    return mirror.apply(applied.mirror)
  })
  const mirror = new MirrorControl({ engine, start: startMirror, token: createMirrorToken(), staticDir: rendererDir })
  const notifier = createFeedNotifier(engine, settings.notifications)

  let win: BrowserWindow | null = null
  let quitting = false
  let tray: DesktopTray | null = null
  let trayAvailability: TrayAvailability = { ok: false, reason: 'the tray icon is not set up yet' }
  const windowState = new WindowStateSaver(store)
  // The primary display first: a window whose display is gone lands there.
  const workAreas = () => [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea)
  const disposeIpc = registerApiHandlers({
    ipcMain,
    handlers: engine.handlers,
    checkSender: createSenderCheck({ origin: appOrigin, webContents: () => win?.webContents ?? null }),
    logger: engine.logger
  })
  const openWindow = (): void => {
    const opened = createMainWindow({
      preload: join(__dirname, '../preload/index.js'),
      entryUrl,
      icon: join(__dirname, '../../resources/icon.png'),
      state: loadWindowState(store, workAreas()),
      onStateChange: (state) => windowState.update(state),
      decideClose: () => decideOnClose({ quitting, quitOnClose: current.desktop.quitOnClose, tray: trayAvailability }),
      onClosing: (why) => {
        windowState.flush()
        if (why === null) return
        log('INFO', why)
        // Quit on every platform (macOS keeps apps without windows running otherwise).
        app.quit()
      },
      onLoadFailed: (message) => engine.logger.log('ERROR', 'desktop', message, 'window_failed'),
      logFolder: app.getPath('logs')
    })
    const stopForwarding = forwardEngineEvents(engine, opened.webContents)
    opened.on('closed', () => {
      stopForwarding()
      if (win === opened) win = null
    })
    win = opened
  }
  const showWindow = (): void => {
    if (!win) return openWindow()
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  }
  void probeTray({ platform: process.platform, env: process.env }).then((availability) => {
    if (!availability.ok) {
      trayAvailability = availability
      return log('INFO', `No tray icon: ${availability.reason}; closing the window quits the app`)
    }
    try {
      tray = createTray({ engine, show: showWindow, quit: () => app.quit() })
      trayAvailability = availability
      log('INFO', 'Tray icon ready: closing the window keeps collecting')
    } catch (err) {
      trayAvailability = { ok: false, reason: `the tray icon could not be created (${errorMessage(err)})` }
      log('WARNING', `No tray icon: ${trayAvailability.reason}; closing the window quits the app`)
    }
  })
  const stopPowerWatch = watchPower(
    () => engine.logger.log('INFO', 'desktop', 'System is going to sleep'),
    () => {
      engine.logger.log('INFO', 'desktop', 'System resumed from sleep; checking the connections')
      core.onResume()
    }
  )

  let stopped = false
  let stopping: Promise<void> | null = null
  app.on('before-quit', (event) => {
    quitting = true
    if (stopped) return
    event.preventDefault()
    stopping ??= (async () => {
      stopPowerWatch()
      notifier.dispose()
      windowState.flush()
      tray?.dispose()
      if (!(await withinTimeLimit(mirror.close(), MIRROR_STOP_LIMIT_MS)))
        console.warn('The mirror did not stop in time')
      if (!(await withinTimeLimit(engine.stop(), ENGINE_STOP_LIMIT_MS))) console.warn('The engine did not stop in time')
      disposeIpc()
      stopped = true
      app.quit()
    })()
  })
  // A second launch brings this one's window back, hidden in the tray or not.
  app.on('second-instance', showWindow)
  app.on('activate', showWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit())

  engine.start().catch((err: unknown) => {
    engine.logger.log('ERROR', 'desktop', `The engine failed to start: ${String(err)}`, 'engine_start_failed')
  })
  void mirror.apply(settings.mirror)
  applyLaunchAtLogin(settings.desktop.launchAtLogin, (m) => log('WARNING', m))
  openWindow()
  return engine.logger
}
