// `npm run demo -- [flags]`: the whole product offline in one command. Starts the local Bybit
// simulator, the headless engine collecting from it and the mirror with the browser UI, prints the
// URL, and stops everything on Ctrl-C. Flags are serve's (minus the endpoint URLs, which point at
// the simulator) plus `--sim-port N` and `--rate N`.

import { startSimulator, type SimCategory, type SimulatorHandle } from '../simulator'
import { parseIntInRange } from '../shared/validate'
import { parseFlags, usage } from './flags'
import { serve, type ServeHandle } from './serve'

const DEMO_SYMBOLS: Record<SimCategory, string[]> = {
  spot: ['BTCUSDT', 'ETHUSDT'],
  linear: ['BTCUSDT', 'ETHUSDT'],
  inverse: ['BTCUSD', 'ETHUSD']
}
const DEFAULT_SIM_PORT = 9100

interface DemoFlags {
  simPort: number | null
  rate: number
  rest: string[]
}

const DEMO_HELP = [
  'Demo flags:',
  `  ${'--sim-port N'.padEnd(30)} simulator port (default ${DEFAULT_SIM_PORT}, or a free one if it is busy)`,
  `  ${'--rate N'.padEnd(30)} simulated trades per second per symbol (default 5)`
].join('\n')

/** Takes the demo's own flags out of argv; the rest goes to the serve flag parser. */
function takeDemoFlags(argv: readonly string[]): DemoFlags | string {
  const flags: DemoFlags = { simPort: null, rate: 5, rest: [] }
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2)
    if (name === '--ws-url' || name === '--rest-url' || name === '--testnet') {
      return `${name} does not apply to the demo: it always collects from its own simulator`
    }
    if (name !== '--sim-port' && name !== '--rate') {
      flags.rest.push(argv[i])
      continue
    }
    const raw = inline ?? argv[++i]
    const parsed =
      name === '--sim-port'
        ? parseIntInRange(raw, '--sim-port', 1024, 65535)
        : parseIntInRange(raw, '--rate', 0, 10_000)
    if (!parsed.ok) return parsed.error
    if (name === '--sim-port') flags.simPort = parsed.value
    else flags.rate = parsed.value
  }
  return flags
}

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
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage('npm run demo --') + '\n' + DEMO_HELP + '\n')
    return
  }
  const demo = takeDemoFlags(argv)
  if (typeof demo === 'string') {
    process.stderr.write(`demo: ${demo}\n`)
    process.exitCode = 2
    return
  }
  const parsed = parseFlags(demo.rest, process.env)
  if (parsed.kind !== 'run') {
    if (parsed.kind === 'help') process.stdout.write(parsed.usage + '\n')
    else process.stderr.write(`demo: ${parsed.message}\n`)
    process.exitCode = parsed.kind === 'help' ? 0 : parsed.exitCode
    return
  }
  const options = parsed.options
  const symbolsGiven = demo.rest.some((a) => a.startsWith('--symbols')) || Boolean(process.env.MDM_SYMBOLS)
  if (!symbolsGiven) options.settings.symbols = DEMO_SYMBOLS[options.settings.category]

  const sim = await startDemoSimulator(demo.simPort, demo.rate)
  options.settings.wsUrl = sim.wsUrl(options.settings.category)
  options.settings.restUrl = sim.restUrl
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
      `Demo running: simulator ${sim.wsUrl(category)} → engine (${category}: ${symbols.join(',')})`,
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
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((e: unknown) => {
  process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
