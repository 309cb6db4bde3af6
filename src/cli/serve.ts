// `npm run serve -- [flags]`: the engine headless, logging to stdout, stopped cleanly on SIGINT/SIGTERM.

import { resolve } from 'node:path'
import { createEngine, type Engine } from '../main/core/engine'
import { createMirrorToken, startMirror } from '../main/http'
import { ensureRendererBuilt, headlessMirrorHost, rendererDir, usage } from '../main/http/headless'
import { processCommandLine } from '../main/host/flags/entry-point'
import { logLevelOf } from '../main/core/log/engine-log'
import { logDir } from '../main/host/data-dir'
import {
  refuseLockedDataDir,
  START_REFUSED_EXIT_CODE,
  StartRefused,
  usableDataDir
} from '../main/host/headless-data-dir'
import { hostHeadless } from '../main/host/headless-host'
import { attachLogFile } from '../main/host/log-file'
import { cliOptions, type CliOptions } from './flags'
import { errorMessage } from '../shared/guards'

/** Log lines of the start written to the log file once the data dir is known to be this engine's. */
const LOG_BACKLOG = 1000

export interface ServeHandle {
  engine: Engine
  stop(): Promise<void>
}

/**
 * Starts the engine and, unless --no-mirror, the mirror under the host's control (settings move it).
 * Throws `StartRefused` when the data dir cannot be used or another engine holds it.
 */
export async function serve(options: CliOptions): Promise<ServeHandle> {
  const settings = structuredClone(options.settings)
  settings.mirror.host = headlessMirrorHost(settings.mirror.host)
  const print = (line: string): void => void process.stdout.write(line + '\n')
  const dataDir = usableDataDir(options.dataDir, settings.persist.enabled, print)
  const core = createEngine(settings, {
    mode: 'headless',
    stdoutLog: true,
    logLevel: options.logLevel,
    persist: { dataDir },
    logFolder: dataDir === null ? null : logDir(dataDir),
    publish: options.publish
  })
  await core.start()
  let closeLogFile = (): void => {}
  if (dataDir !== null) {
    try {
      refuseLockedDataDir(dataDir, (await core.handlers.getStorageStats()).persist)
    } catch (e) {
      await core.stop()
      throw e
    }
    // Only now: a second engine refused above must not write into the first one's log.
    closeLogFile = attachLogFile(
      core.log,
      {
        dir: logDir(dataDir),
        minLevel: logLevelOf(options.logLevel),
        onError: (message) => core.logger.log('WARNING', 'engine', message)
      },
      LOG_BACKLOG
    )
  }

  const rootDir = resolve(__dirname, '..', '..')
  // --ui-build off (MDM_UI_BUILD=off): never run the UI build (tests spawning serve on a fresh clone).
  if (settings.mirror.enabled && options.buildUi) await ensureRendererBuilt(rootDir, print)
  const token = createMirrorToken()
  const host = hostHeadless(core, {
    start: startMirror,
    token,
    staticDir: rendererDir(rootDir),
    notifications: settings.notifications
  })
  // Where to point a browser and curl, again whenever a settings change moves the mirror.
  let shownUrl: string | null = null
  const unsubscribe = core.subscribe('mirror', (status) => {
    if (status.url === null || status.url === shownUrl) return
    shownUrl = status.url
    // One write: a reader of the pipe (a script, a test) never sees half the block.
    print(usage(status.url, token).join('\n'))
  })
  await host.mirror.apply(settings.mirror)
  if (!settings.mirror.enabled) core.logger.log('INFO', 'engine', 'Mirror disabled (--no-mirror): no HTTP API or UI')
  else if (!host.mirror.status?.url) print(host.mirror.status?.error ?? 'The REST mirror is off.')

  return {
    engine: core,
    async stop() {
      unsubscribe()
      await host.close()
      await core.stop()
      closeLogFile()
    }
  }
}

async function main(): Promise<void> {
  const line = processCommandLine('serve')
  if (line.kind === 'exit') {
    process.exitCode = line.code
    return
  }
  // Before anything is printed: a signal that arrives while the engine starts (a test stops serve as
  // soon as it sees a line) must stop it cleanly, not meet the default action of killing the process.
  let handle: ServeHandle | null = null
  let requested: string | null = null
  let stopping = false
  const shutdown = (signal: string): void => {
    if (handle === null) {
      // A second signal while starting: the user means it, stop now.
      if (requested !== null) process.exit(1)
      requested = signal
      return
    }
    requested ??= signal
    if (stopping) return
    stopping = true
    handle.engine.logger.log('INFO', 'engine', `Received ${requested}, shutting down`)
    handle.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`serve: shutdown failed: ${String(e)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  handle = await serve(cliOptions(line))
  if (requested !== null) shutdown(requested)
}

if (require.main === module) {
  main().catch((e: unknown) => {
    if (e instanceof StartRefused) {
      process.stderr.write(e.line('serve') + '\n')
      process.exit(START_REFUSED_EXIT_CODE)
    }
    process.stderr.write(`serve: ${errorMessage(e)}\n`)
    process.exit(1)
  })
}
