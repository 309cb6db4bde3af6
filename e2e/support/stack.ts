// The whole product in-process for the renderer specs: the Bybit simulator, the engine collecting
// from it, and the mirror serving the built UI, each on a free loopback port. Tests reach the
// simulator's fault switches and ground truth directly.

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createEngine, type Engine } from '../../src/main/core/engine'
import { createMirrorToken, MIRROR_HOST, startMirror, type MirrorHandle } from '../../src/main/http'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings'
import { startSimulator, type SimulatorHandle } from '../../src/simulator'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

export interface Stack {
  sim: SimulatorHandle
  engine: Engine
  mirror: MirrorHandle
  /** `http://127.0.0.1:<port>` — the UI and the API. */
  url: string
  token: string
  /** The settings the engine started with (specs that change settings restore these). */
  initial: Settings
  stop(): Promise<void>
}

export async function startStack(opts: { symbols?: string[]; tradesPerSecond?: number } = {}): Promise<Stack> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `the renderer is not built (${RENDERER_DIR}); run \`npx electron-vite build\` (npm run test:e2e does)`
    )
  }
  const sim = await startSimulator({ port: 0, seed: 42, tradesPerSecond: opts.tradesPerSecond ?? 8 })
  const initial: Settings = {
    ...DEFAULT_SETTINGS,
    category: 'spot',
    symbols: opts.symbols ?? ['BTCUSDT'],
    wsUrl: sim.wsUrl('spot'),
    restUrl: sim.restUrl,
    mirror: { enabled: true, host: MIRROR_HOST, port: 0 },
    notifications: { enabled: false, downThresholdS: 30 }
  }
  const engine = createEngine(initial, {
    mode: 'headless',
    version: 'e2e',
    // a dropped feed should be back within seconds, but slowly enough to be seen reconnecting
    timings: { backoffBaseMs: 1500, backoffMinMs: 1000, backoffCapMs: 4000, ackTimeoutMs: 3000 },
    random: () => 0.5
  })
  await engine.start()
  const token = createMirrorToken()
  const mirror = await startMirror(engine, { host: MIRROR_HOST, port: 0, token, staticDir: RENDERER_DIR })
  if (!mirror.url) {
    await engine.stop()
    await sim.close()
    throw new Error(`the mirror did not start: ${mirror.status.error ?? mirror.status.state}`)
  }
  const url = mirror.url
  return {
    sim,
    engine,
    mirror,
    url,
    token,
    initial,
    async stop() {
      await mirror.close()
      await engine.stop()
      await sim.close()
    }
  }
}
