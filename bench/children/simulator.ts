// The simulator in its own process, so the clients it feeds never share its event loop.
// Replay mode pushes the recorded feed as fast as the subscriber drains it; rate mode generates
// trades live (T stamped with this machine's clock) at a fixed rate per symbol.
import { startSimulator } from '../../src/simulator/index'
import { childConfig, fail, onClose, toParent, type SimulatorChildConfig } from '../messages'

async function main(): Promise<void> {
  const cfg = childConfig<SimulatorChildConfig>()
  const replaying = cfg.replayFile !== null
  const sim = await startSimulator({
    port: 0,
    seed: cfg.seed,
    // Many topics: the generated boards of every category; else the bench's linear symbols.
    ...(cfg.instruments ? { instruments: cfg.instruments } : { symbols: { linear: cfg.symbols } }),
    tradesPerSecond: replaying ? 0 : cfg.tradesPerSecond,
    ...(cfg.totalRate === undefined ? {} : { totalRate: cfg.totalRate }),
    replayFile: cfg.replayFile,
    replaySpeed: 0,
    replayCategory: 'linear',
    // The ground-truth list would hold every trade of the run: keep it small.
    sentCapacity: 1000,
    tickMs: cfg.tickMs,
    log: () => {}
  })
  onClose(() => sim.close())
  toParent({ type: 'ready', wsUrl: sim.wsUrl('linear'), restUrl: sim.restUrl, port: sim.port })
  if (replaying) {
    await sim.replayDone()
    toParent({ type: 'replay-done' })
  }
}

main().catch(fail)
