// Run by tests/core/engine.test.ts in a fresh process (no test-runner timers around): starts the
// simulator and an engine, collects, stops both, then prints what is still open as one JSON line.
// The process must also exit on its own: any leaked timer or socket would keep it alive.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startStack } from './stack'
import { openResources, waitFor } from './wait-for'

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mdm-leak-'))
  const stack = await startStack({
    simulator: { tradesPerSecond: 50, seed: 9 },
    engine: { settings: { symbols: ['BTCUSDT'], recordFile: path.join(dir, 'r.ndjson') }, start: false }
  })
  const { sim, engine } = stack
  const collector = () => engine.manager.get('bybit_trades')!.status()
  engine.subscribe('log', () => {})
  engine.subscribe('trades', () => {})
  engine.subscribe('gaps', () => {})
  engine.subscribe('health', () => {})
  await engine.start()
  await waitFor(() => engine.storage.totalTrades > 10 && collector().last_pong_at !== null, {
    what: 'trades and a pong'
  })
  sim.faults.dropConnections()
  await waitFor(() => collector().phase === 'backoff' || collector().reconnect_count > 0, { what: 'the drop seen' })
  await stack.close()
  rmSync(dir, { recursive: true, force: true })
  // Let closed sockets release their handles.
  await new Promise((r) => setImmediate(r))
  await new Promise((r) => setImmediate(r))
  process.stdout.write(JSON.stringify({ open: openResources() }) + '\n')
}

void main()
