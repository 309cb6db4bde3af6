// Run by reconnect-soak.test.ts in a fresh `node --expose-gc` process: 100 forced reconnect cycles
// against the simulator, then one JSON line with the handles, listeners and post-GC heap samples.
import { EventEmitter } from 'node:events'
import { startStack } from '../support/stack'
import { openResources, waitFor } from '../support/wait-for'

const CYCLES = 100
const gc = (globalThis as { gc?: () => void }).gc

async function settleGc(): Promise<number> {
  for (let k = 0; k < 3; k++) {
    await new Promise((r) => setImmediate(r))
    gc?.()
  }
  return process.memoryUsage().heapUsed
}

const resources = (): string[] => openResources().sort()

async function main(): Promise<void> {
  const warnings: string[] = []
  process.on('warning', (w) => warnings.push(w.name))
  // Module loading may still have file reads in flight: the baseline is a process at rest.
  await waitFor(() => openResources().length === 0, { what: 'no handle open before the stack starts' })
  const baseline = resources()
  const stack = await startStack({
    simulator: { tradesPerSecond: 20, tickMs: 10, seed: 3 },
    engine: {
      settings: { category: 'linear', symbols: ['BTCUSDT'] },
      options: { timings: { backoffMinMs: 1, backoffBaseMs: 1, backoffCapMs: 5, restRequestsPerSecond: 500 } }
    }
  })
  const { sim, engine } = stack
  const collector = () => engine.manager.get('bybit_trades')!
  await waitFor(() => collector().status().phase === 'streaming', { timeoutMs: 5000, what: 'streaming' })
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
  await stack.close()
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
