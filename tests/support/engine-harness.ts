import { createEngine, type Engine, type EngineOptions } from '../../src/main/core/engine'
import type { CollectorTimings } from '../../src/main/core/collector/timings'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings'

/** Short heartbeat, timeouts and backoff so fault tests run in well under a second each. */
export const FAST_TIMINGS: Partial<CollectorTimings> = {
  handshakeTimeoutMs: 2000,
  pingIntervalMs: 150,
  pongTimeoutMs: 300,
  resumePongTimeoutMs: 200,
  ackTimeoutMs: 400,
  silenceTimeoutMs: 1500,
  dataStaleMs: 60_000,
  watchdogIntervalMs: 25,
  backoffBaseMs: 20,
  backoffCapMs: 200,
  backoffMinMs: 10,
  stableAfterMs: 60_000,
  closeTimeoutMs: 300
}

export function testSettings(patch: Partial<Settings>): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), mirror: { enabled: false, host: '127.0.0.1', port: 8000 }, ...patch }
}

/** An engine on fast timings with stdout logging off. */
export function testEngine(settings: Partial<Settings>, opts: EngineOptions = {}): Engine {
  return createEngine(testSettings(settings), {
    stdoutLog: false,
    cleanupIntervalMs: 200,
    ...opts,
    timings: { ...FAST_TIMINGS, ...opts.timings }
  })
}
