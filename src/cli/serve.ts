// `npm run serve -- [flags]`: the engine headless, logging to stdout, stopped cleanly on SIGINT/SIGTERM.

import { resolve } from 'node:path'
import { createEngine, type Engine } from '../main/core/engine'
import { startHeadlessMirror } from '../main/http/headless'
import { processCommandLine } from '../main/host/flags/entry-point'
import { cliOptions, type CliOptions } from './flags'

export interface ServeHandle {
  engine: Engine
  stop(): Promise<void>
}

/** Starts the engine (and, once wired, the mirror) for the parsed options. */
export async function serve(options: CliOptions): Promise<ServeHandle> {
  const engine = createEngine(options.settings, { mode: 'headless', stdoutLog: true, logLevel: options.logLevel })
  await engine.start()

  const print = (line: string): void => void process.stdout.write(line + '\n')
  const rootDir = resolve(__dirname, '..', '..')
  // MDM_UI_BUILD=off: never run the UI build (tests spawning serve on a fresh clone).
  const buildUi = process.env.MDM_UI_BUILD !== 'off'
  const mirror = options.mirror
    ? (await startHeadlessMirror(engine, { host: options.host, port: options.port, rootDir, buildUi, print })).mirror
    : null
  if (!options.mirror) engine.logger.log('INFO', 'engine', 'Mirror disabled (--no-mirror): no HTTP API or UI')

  return {
    engine,
    async stop() {
      await mirror?.close()
      await engine.stop()
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
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`serve: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  })
}
