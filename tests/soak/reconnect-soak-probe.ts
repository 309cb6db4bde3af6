// Run by reconnect-soak.test.ts in a fresh `node --expose-gc` process: 100 forced reconnect cycles
// against the simulator, then one JSON line with the handles, listeners and post-GC heap samples.
import { EventEmitter } from 'node:events'
import { startSimulator } from '../../src/simulator/index'
import { testEngine } from '../support/engine-harness'
import { waitFor } from '../support/wait-for'

const CYCLES = 100
const gc = (globalThis as { gc?: () => void }).gc

async function settleGc(): Promise<number> {
  for (let k = 0; k < 3; k++) {
    await new Promise((r) => setImmediate(r))
    gc?.()
  }
  return process.memoryUsage().heapUsed
}

const resources = (): string[] =>
  process
    .getActiveResourcesInfo()
    .filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap')
    .sort()

async function main(): Promise<void> {
  const warnings: string[] = []
  process.on('warning', (w) => warnings.push(w.name))
  const baseline = resources()
  const sim = await startSimulator({ port: 0, tradesPerSecond: 20, tickMs: 10, seed: 3 })
  const engine = testEngine(
    { category: 'linear', symbols: ['BTCUSDT'], wsUrl: sim.wsUrl('linear'), restUrl: sim.restUrl },
    { timings: { backoffMinMs: 1, backoffBaseMs: 1, backoffCapMs: 5, restRequestsPerSecond: 500 } }
  )
  await engine.start()
  const collector = () => engine.manager.get('bybit_trades')!
  await waitFor(() => collector().status().phase === 'streaming', { timeoutMs: 5000 })
  const heap: number[] = []
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    sim.faults.dropConnections()
    await waitFor(() => collector().status().reconnect_count >= cycle && collector().status().phase === 'streaming', {
      timeoutMs: 5000,
      what: `cycle ${cycle}`
    })
    if (cycle % 10 === 0) heap.push(await settleGc())
  }
  await waitFor(() => engine.gaps.list().every((g) => g.backfill !== 'pending'), {
    timeoutMs: 5000,
    what: JSON.stringify(
      engine.gaps
        .list()
        .filter((g) => g.backfill === 'pending')
        .slice(0, 2)
    )
  })
  const st = collector().status()
  const gaps = engine.gaps.list()
  const accounting = engine.storage.stats().accounting
  const during = resources()
  await engine.stop()
  await sim.close()
  await settleGc()
  process.stdout.write(
    JSON.stringify({
      cycles: CYCLES,
      reconnects: st.reconnect_count,
      gaps: gaps.length,
      gapsComplete: gaps.filter((g) => g.backfill === 'complete').length,
      balanced: accounting.balanced,
      heapMb: heap.map((h) => Math.round((h / 1048576) * 100) / 100),
      resourcesDuring: during.length,
      baseline,
      after: resources(),
      maxListeners: EventEmitter.defaultMaxListeners,
      warnings,
      gc: typeof gc === 'function'
    }) + '\n'
  )
}

void main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ error: String(e) }) + '\n')
  process.exitCode = 1
})
