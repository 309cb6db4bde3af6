// `npm run serve -- [flags]`: the engine headless, logging to stdout, stopped cleanly on SIGINT/SIGTERM.

import { resolve } from 'node:path'
import { createEngine, type Engine } from '../main/core/engine'
import { createMirrorToken, startMirror } from '../main/http'
import { ensureRendererBuilt, headlessMirrorHost, rendererDir, usage } from '../main/http/headless'
import { processCommandLine } from '../main/host/flags/entry-point'
import { hostHeadless } from '../main/host/headless-host'
import { cliOptions, type CliOptions } from './flags'
import { errorMessage } from '../shared/guards'

export interface ServeHandle {
  engine: Engine
  stop(): Promise<void>
}

/** Starts the engine and, unless --no-mirror, the mirror under the host's control (settings move it). */
export async function serve(options: CliOptions): Promise<ServeHandle> {
  const settings = structuredClone(options.settings)
  settings.mirror.host = headlessMirrorHost(settings.mirror.host)
  const core = createEngine(settings, {
    mode: 'headless',
    stdoutLog: true,
    logLevel: options.logLevel,
    publish: options.publish
  })
  await core.start()

  const print = (line: string): void => void process.stdout.write(line + '\n')
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
    for (const line of usage(status.url, token)) print(line)
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
    }
  }
}

async function main(): Promise<void> {
  const line = processCommandLine('serve')
  if (line.kind === 'exit') {
    process.exitCode = line.code
    return
  }
  const handle = await serve(cliOptions(line))
  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) return
    stopping = true
    handle.engine.logger.log('INFO', 'engine', `Received ${signal}, shutting down`)
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
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`serve: ${errorMessage(e)}\n`)
    process.exit(1)
  })
}
