// The engine every test stack runs: the defaults with a test's settings over them, on fast timings unless
// a test asks for production ones.
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

/**
 * An engine for tests: `settings` over the defaults (the mirror off unless set). `fast` (default):
 * FAST_TIMINGS under `opts.timings` and a 200 ms cleanup; false: production timings.
 */
export function testEngine(settings: Partial<Settings>, opts: EngineOptions = {}, fast = true): Engine {
  const full: Settings = {
    ...structuredClone(DEFAULT_SETTINGS),
    mirror: { enabled: false, host: '127.0.0.1', port: 8000 },
    ...settings
  }
  if (!fast) return createEngine(full, opts)
  return createEngine(full, { cleanupIntervalMs: 200, ...opts, timings: { ...FAST_TIMINGS, ...opts.timings } })
}
