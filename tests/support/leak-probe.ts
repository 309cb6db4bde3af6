// Run by tests/core/engine.test.ts in a fresh process (no test-runner timers around): starts the
// simulator and an engine, collects, stops both, then prints what is still open as one JSON line.
// The process must also exit on its own: any leaked timer or socket would keep it alive.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator } from '../../src/simulator/index'
import { testEngine } from './engine-harness'
import { waitFor } from './wait-for'

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mdm-leak-'))
  const sim = await startSimulator({ port: 0, tradesPerSecond: 50, seed: 9 })
  const engine = testEngine({ symbols: ['BTCUSDT'], wsUrl: sim.wsUrl('spot'), recordFile: path.join(dir, 'r.ndjson') })
  engine.subscribe('log', () => {})
  engine.subscribe('trades', () => {})
  engine.subscribe('gaps', () => {})
  engine.subscribe('health', () => {})
  await engine.start()
  await waitFor(() => engine.storage.totalTrades > 10 && engine.manager.all()[0].status().last_pong_at !== null)
  sim.faults.dropConnections()
  await waitFor(
    () => engine.manager.all()[0].status().phase === 'backoff' || engine.manager.all()[0].status().reconnect_count > 0
  )
  await engine.stop()
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
  // Let closed sockets release their handles.
  await new Promise((r) => setImmediate(r))
  await new Promise((r) => setImmediate(r))
  const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap')
  process.stdout.write(JSON.stringify({ open }) + '\n')
}

void main()
