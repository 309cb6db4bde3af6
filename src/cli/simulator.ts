// `npm run simulator -- [flags]`: the local Bybit V5 simulator as a process (see --help).
import { processCommandLine } from '../main/host/flags/entry-point'
import { SIM_CATEGORIES, startSimulator } from '../simulator'
import { simulatorOptions } from './simulator-options'
import { errorMessage } from '../shared/guards'

function stamp(line: string): string {
  return `${new Date().toISOString().replace('T', ' ').replace('Z', '')} - simulator - ${line}`
}

async function main(): Promise<void> {
  const line = processCommandLine('simulator')
  if (line.kind === 'exit') {
    process.exitCode = line.code
    return
  }
  const options = simulatorOptions(line)
  // A long-running process must not keep every trade it ever made: sent() is for tests.
  const sim = await startSimulator({ sentCapacity: 10_000, ...options, log: (l) => console.log(stamp(l)) })
  for (const c of SIM_CATEGORIES) console.log(stamp(`WS ${c.padEnd(7)} ${sim.wsUrl(c)}`))
  console.log(stamp(`REST         ${sim.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=5`))
  console.log(stamp(`REST         ${sim.restUrl}/v5/market/instruments-info?category=linear&limit=1000`))
  console.log(stamp(`stats        ${sim.restUrl}/sim/stats`))

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(stamp(`${signal}: shutting down`))
    sim.close().then(
      () => (process.exitCode = 0),
      (err: unknown) => {
        console.error(stamp(`shutdown failed: ${String(err)}`))
        process.exitCode = 1
      }
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  const message = errorMessage(err)
  console.error(`simulator: ${message}`)
  process.exitCode = 1
})
