// The whole product in-process for the renderer specs: the test suite's one stack (simulator, engine,
// mirror) with the built UI served by the mirror and a steady trade flow. Tests reach the
// simulator's fault switches and ground truth directly.

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ForwardConfig } from '../../src/main/core/forward/forward-config'
import type { MirrorHandle } from '../../src/main/http'
import { MIRROR_HOST } from '../../src/main/http'
import type { Category } from '../../src/shared/dto'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings'
import { startStack as startTestStack, type Stack as TestStack } from '../../tests/support/stack'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

export interface Stack extends TestStack<MirrorHandle, null> {
  /** `http://127.0.0.1:<port>` — the UI and the API. */
  url: string
  /** The settings the engine started with (specs that change settings restore these). */
  initial: Settings
  stop(): Promise<void>
}

export interface StackOptions {
  symbols?: string[]
  tradesPerSecond?: number
  /** Default spot. */
  category?: Category
  /** The simulator lists these for `category` (default: its own list); many-symbol specs list hundreds. */
  listed?: string[]
  /** Trades/s shared by every subscribed symbol, Zipf-skewed (a few hot, a long quiet tail); replaces tradesPerSecond. */
  totalRate?: number
  /** Distinct symbols the engine's storage keeps (default 150). */
  maxSymbols?: number
  /** A data dir: the durable tier on (a DuckDB file there); none: memory only. */
  dataDir?: string
  maxTradesPerSymbol?: number
  publish?: ForwardConfig
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `the renderer is not built (${RENDERER_DIR}); run \`npx electron-vite build\` (npm run test:e2e does)`
    )
  }
  const initial: Settings = {
    ...structuredClone(DEFAULT_SETTINGS),
    category: opts.category ?? 'spot',
    symbols: opts.symbols ?? ['BTCUSDT'],
    mirror: { enabled: true, host: MIRROR_HOST, port: 0 },
    notifications: { enabled: false, downThresholdS: 30 },
    ...(opts.maxTradesPerSymbol !== undefined ? { maxTradesPerSymbol: opts.maxTradesPerSymbol } : {})
  }
  // The endpoints are left to the stack: the simulator's.
  const { wsUrl: _ws, restUrl: _rest, ...settings } = initial
  const stack = await startTestStack({
    simulator: {
      seed: 42,
      tradesPerSecond: opts.tradesPerSecond ?? 8,
      ...(opts.listed ? { symbols: { [opts.category ?? 'spot']: opts.listed } } : {}),
      ...(opts.totalRate === undefined ? {} : { totalRate: opts.totalRate })
    },
    engine: {
      settings,
      fast: false,
      options: {
        mode: 'headless',
        version: 'e2e',
        maxSymbols: opts.maxSymbols,
        // a dropped feed should be back within seconds, but slowly enough to be seen reconnecting
        timings: { backoffBaseMs: 1500, backoffMinMs: 1000, backoffCapMs: 4000, ackTimeoutMs: 3000 },
        random: () => 0.5,
        // a data dir: the durable tier on (a DuckDB file there); none: memory only
        ...(opts.dataDir !== undefined ? { persist: { dataDir: opts.dataDir } } : {}),
        publish: opts.publish ?? null
      }
    },
    mirror: { host: MIRROR_HOST, staticDir: RENDERER_DIR }
  })
  const url = stack.mirror.url
  if (!url) {
    const why = stack.mirror.status.error ?? stack.mirror.status.state
    await stack.close()
    throw new Error(`the mirror did not start: ${why}`)
  }
  return Object.assign(stack, {
    url,
    initial: { ...initial, wsUrl: stack.sim.wsUrl(opts.category ?? 'spot'), restUrl: stack.sim.restUrl },
    stop: () => stack.close()
  })
}
