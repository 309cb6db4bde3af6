// The desktop app's main process: window, lifecycle and wiring. Everything that can run without
// Electron lives in src/main/core, src/main/http, src/main/ipc and src/main/host (shared with serve).

import { join } from 'node:path'
import { app, ipcMain, powerMonitor, screen, session } from 'electron'
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
import { createMainWindow, type MainWindow } from './electron/main-window'
import { createTray, type DesktopTray } from './electron/tray'
import { MirrorControl } from './host/mirror-control'
import { electronProcessMetrics } from './electron/process-metrics'
import { saveDialogChooser } from './electron/save-dialog'
import { watchPower } from './electron/power-watch'
import { openSettingsFile } from './electron/settings-file'
import { withSettingsHook } from './host/settings-hook'
import { LogFile } from './host/log-file'
import { logDir, prepareDataDir } from './host/data-dir'
import { withOpenLogFolder } from './electron/open-log-folder'
import { logLevelOf } from './core/log/engine-log'
import { desktopEnvironment, type DesktopEnvironment } from './host/flags/engine-flags'
import { describeFlagError, FLAG_EXIT_CODE } from './host/flags/parse-command-line'
import { loadSettings, saveSettings } from './host/settings-persistence'
import { withinTimeLimit } from './host/time-limit'
import { afterTrayProbe, decideOnClose, probeTray, TRAY_PROBING, type CloseContext } from './host/tray-support'
import { planShow } from './host/window-recovery'
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

  // The data dir is the user-data folder: the database, logs/ (the folder the error page names) and recordings/.
  const userData = app.getPath('userData')
  const dataDir = prepareDataDir(userData)
  if (!dataDir.ok) early.push(`The data dir ${dataDir.dir} ${dataDir.reason}: trades are kept in memory only`)
  app.setAppLogsPath(logDir(userData))
  const core = createEngine(settings, {
    mode: 'electron',
    version: app.getVersion(),
    logLevel: overrides.logLevel,
    processMetrics: electronProcessMetrics,
    chooseExportFile: saveDialogChooser(() => win?.window ?? null),
    publish: overrides.publish,
    // Inside ENGINE_STOP_LIMIT_MS: the write queue drains before the app quits.
    persist: { dataDir: dataDir.ok ? dataDir.dir : null, closeTimeoutMs: ENGINE_STOP_LIMIT_MS - 1000 },
    logFolder: app.getPath('logs')
  })
  // serve's stdout lines, at the same level, in DATA_DIR/logs/market-data-monitor.log.
  const logFile = new LogFile({
    dir: app.getPath('logs'),
    minLevel: logLevelOf(overrides.logLevel),
    onError: (message) => core.logger.log('WARNING', 'desktop', message)
  })
  const stopLogFile = core.log.onEntry((entry) => logFile.write(entry))
  for (const message of early) core.logger.log('WARNING', 'desktop', message)
  const log = (level: 'INFO' | 'WARNING', message: string): void => core.logger.log(level, 'desktop', message)
  let current = settings
  const engine = withSettingsHook(withOpenLogFolder(core), (applied, patch) => {
    // Saved: what the user chose, without this run's MDM_* overrides.
    saved = applySettingsPatch(saved, patch)
    saveSettings(store, saved)
    current = applied
    notifier.configure(applied.notifications)
    if (patch.desktop?.launchAtLogin !== undefined) applyLaunchAtLogin(applied.desktop.launchAtLogin, log)
    return mirror.apply(applied.mirror)
  })
  const mirror = new MirrorControl({ engine, start: startMirror, token: createMirrorToken(), staticDir: rendererDir })
  const notifier = createFeedNotifier(engine, settings.notifications)

  let win: MainWindow | null = null
  let quitting = false
  let tray: DesktopTray | null = null
  let trayAvailability: CloseContext['tray'] = TRAY_PROBING
  let hiddenWhileProbing = false
  // The session is ending (Windows log-off or shutdown, the system shutting down): before-quit may
  // never come, and a close refused to hide the window would hold the session end up.
  const endOfSession = (): void => {
    quitting = true
    app.quit()
  }
  const windowState = new WindowStateSaver(store)
  // The primary display first: a window whose display is gone lands there.
  const workAreas = () => [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea)
  const disposeIpc = registerApiHandlers({
    ipcMain,
    handlers: engine.handlers,
    checkSender: createSenderCheck({ origin: appOrigin, webContents: () => win?.window.webContents ?? null }),
    logger: engine.logger
  })
  const openWindow = (): void => {
    const opened = createMainWindow({
      preload: join(__dirname, '../preload/index.js'),
      entryUrl,
      icon: join(__dirname, '../../resources/icon.png'),
      state: loadWindowState(store, workAreas()),
      onStateChange: (state) => windowState.update(state),
      decideClose: () => {
        const decision = decideOnClose({ quitting, quitOnClose: current.desktop.quitOnClose, tray: trayAvailability })
        if (decision.action === 'hide' && trayAvailability === TRAY_PROBING) hiddenWhileProbing = true
        return decision
      },
      onClosing: (why) => {
        windowState.flush()
        if (why === null) return
        log('INFO', why)
        // Quit on every platform (macOS keeps apps without windows running otherwise).
        app.quit()
      },
      onLoadFailed: (message) => engine.logger.log('ERROR', 'desktop', message, 'window_failed'),
      logFolder: app.getPath('logs'),
      onSessionEnd: endOfSession
    })
    const stopForwarding = forwardEngineEvents(engine, opened.window.webContents)
    opened.window.on('closed', () => {
      stopForwarding()
      if (win === opened) win = null
    })
    win = opened
  }
  const showWindow = (): void => {
    const plan = planShow(win && { broken: win.broken() })
    if (win === null || plan === 'open') return openWindow()
    if (plan === 'recreate') {
      log('INFO', 'The window had failed; opening a new one')
      windowState.flush()
      // The new one first: destroying the only window would end the app (window-all-closed).
      const failed = win.window
      openWindow()
      return failed.destroy()
    }
    if (win.window.isMinimized()) win.window.restore()
    win.window.show()
    win.window.focus()
  }
  const stillHidden = (): boolean => hiddenWhileProbing && !(win?.window.isVisible() ?? false)
  void probeTray({ platform: process.platform, env: process.env }).then((availability) => {
    if (quitting) return
    if (!availability.ok) {
      trayAvailability = availability
      log('INFO', `No tray icon: ${availability.reason}; closing the window quits the app`)
      if (afterTrayProbe(availability, stillHidden()) === 'quit') app.quit()
      return
    }
    try {
      tray = createTray({ engine, show: showWindow, quit: () => app.quit() })
      trayAvailability = availability
      log('INFO', 'Tray icon ready: closing the window keeps collecting')
    } catch (err) {
      const failed = { ok: false, reason: `the tray icon could not be created (${errorMessage(err)})` } as const
      trayAvailability = failed
      log('WARNING', `No tray icon: ${failed.reason}; closing the window quits the app`)
      if (afterTrayProbe(failed, stillHidden()) === 'quit') app.quit()
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
      stopLogFile()
      logFile.close()
      stopped = true
      app.quit()
    })()
  })
  // A second launch brings this one's window back, hidden in the tray or not.
  powerMonitor.on('shutdown', endOfSession)
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
  applyLaunchAtLogin(settings.desktop.launchAtLogin, log)
  openWindow()
  return engine.logger
}
