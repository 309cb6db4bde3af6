// `npm run demo -- [flags]`: the whole product offline in one command. Starts the local Bybit
// simulator, the headless engine collecting from it and the mirror with the browser UI, prints the
// URL, and stops everything on Ctrl-C. Flags are serve's (minus the endpoint URLs, which point at
// the simulator) plus `--sim-port N` and `--rate N`.

import { processCommandLine } from '../main/host/flags/entry-point'
import { startSimulator, type SimCategory, type SimulatorHandle } from '../simulator'
import { cliOptions } from './flags'
import { serve, type ServeHandle } from './serve'
import { errorMessage } from '../shared/guards'
import { PROXY_NONE } from '../main/core/net/proxy-route'
import { categoriesOf } from '../shared/markets'

const DEMO_SYMBOLS: Record<SimCategory, string[]> = {
  spot: ['BTCUSDT', 'ETHUSDT'],
  linear: ['BTCUSDT', 'ETHUSDT'],
  inverse: ['BTCUSD', 'ETHUSD']
}
const DEFAULT_SIM_PORT = 9100

async function startDemoSimulator(port: number | null, rate: number): Promise<SimulatorHandle> {
  const log = (line: string): void => void process.stdout.write(`simulator: ${line}\n`)
  try {
    return await startSimulator({ port: port ?? DEFAULT_SIM_PORT, tradesPerSecond: rate, sentCapacity: 10_000, log })
  } catch (err) {
    if (port !== null || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    return startSimulator({ port: 0, tradesPerSecond: rate, sentCapacity: 10_000, log })
  }
}

async function main(): Promise<void> {
  const line = processCommandLine('demo')
  if (line.kind === 'exit') {
    process.exitCode = line.code
    return
  }
  const options = cliOptions(line)
  const categories = categoriesOf(options.settings.category)
  if (!line.given.has('symbols')) {
    // One category: its symbols as today; several: each category's own, as category:SYMBOL pairs.
    options.settings.symbols =
      categories.length === 1
        ? DEMO_SYMBOLS[categories[0]]
        : categories.flatMap((c) => DEMO_SYMBOLS[c].map((symbol) => `${c}:${symbol}`))
  }

  const sim = await startDemoSimulator(line.values.simPort ?? null, line.values.demoRate)
  options.settings.wsUrl = sim.wsUrl(categories[0])
  options.settings.restUrl = sim.restUrl
  // The simulator is on this machine: a corporate proxy from the environment could not reach it.
  options.settings.proxy = PROXY_NONE
  let handle: ServeHandle
  try {
    handle = await serve(options)
  } catch (err) {
    await sim.close()
    throw err
  }
  const mirror = (await handle.engine.handlers.getRuntime()).mirror
  const { category, symbols } = options.settings
  process.stdout.write(
    [
      '',
      `Demo running: simulator ${sim.wsUrl(categories[0])} → engine (${category}: ${symbols.join(',')})`,
      mirror.url
        ? `Open ${mirror.url}/ in a browser. Ctrl-C stops everything.`
        : 'Mirror off. Ctrl-C stops everything.',
      ''
    ].join('\n')
  )

  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) return
    stopping = true
    handle.engine.logger.log('INFO', 'engine', `Received ${signal}, stopping the demo`)
    handle
      .stop()
      .then(() => sim.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          process.stderr.write(`demo: shutdown failed: ${String(e)}\n`)
          process.exit(1)
        }
      )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((e: unknown) => {
  process.stderr.write(`demo: ${errorMessage(e)}\n`)
  process.exit(1)
})
