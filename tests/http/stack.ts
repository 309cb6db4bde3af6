// The mirror's tests run on the one stack with the mirror in front: two symbols, production
// timings, the mirror enabled in the engine's settings, and `port` naming the mirror's port.

import type { MirrorHandle } from '../../src/main/http'
import type { Settings } from '../../src/shared/settings'
import type { SimulatorOptions } from '../../src/simulator'
import { startStack, type MirrorSetup, type Stack } from '../support/stack'

export interface MirrorStack extends Stack<MirrorHandle, null> {
  /** The mirror's port. */
  port: number
}

export interface MirrorStackOptions {
  sim?: SimulatorOptions
  settings?: Partial<Settings>
  mirror?: MirrorSetup
}

export async function startMirrorStack(opts: MirrorStackOptions = {}): Promise<MirrorStack> {
  const stack = await startStack({
    simulator: { seed: 7, ...opts.sim },
    engine: {
      settings: {
        symbols: ['BTCUSDT', 'ETHUSDT'],
        mirror: { enabled: true, host: '127.0.0.1', port: 0 },
        ...opts.settings
      },
      options: { intervals: { tradesMs: 50, statusMs: 100, statsMs: 200, sampleMs: 200 } },
      fast: false
    },
    mirror: opts.mirror ?? true
  })
  // Onto the stack itself: a copy would freeze `sim` at the handle `restartSimulator` replaces.
  return Object.assign(stack, { port: stack.mirrorPort })
}
