// The one way tests stand up the real parts: the simulator, optionally a fault proxy in front of it,
// an engine collecting from it, and optionally the mirror in front of the engine, all on 127.0.0.1
// at ephemeral ports. Each part is owned by the stack: `close()` disposes them in reverse order of
// start (mirror, engine, proxy, simulator), and a start that fails half-way disposes what it opened.
// The variants (fault rig, checklist rig, mirror stack, live engine) are thin presets over this; the
// simulator alone (`engine: false`) serves clients outside the engine, and `restartSimulator` brings an
// endpoint back on the same port (started `simulatorDown`, it is refused until then).

import type { Engine, EngineOptions } from '../../src/main/core/engine'
import { createMirrorToken, startMirror, type MirrorHandle, type MirrorOptions } from '../../src/main/http'
import type { Category } from '../../src/shared/dto'
import { primaryCategory, type Settings } from '../../src/shared/settings'
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator'
import { testEngine } from './engine-harness'
import { FaultProxy } from './fault-proxy'
import { waitFor } from './wait-for'

export interface EngineSetup {
  /** Merged over the defaults; `wsUrl` and `restUrl` default to the simulator (through the proxy if any). */
  settings?: Partial<Settings>
  options?: EngineOptions
  /** true (default): heartbeat, timeouts and backoff shortened so fault paths run in milliseconds. */
  fast?: boolean
  /** false: the caller starts the engine (to hook it first). Default true. */
  start?: boolean
}

export type MirrorSetup = Partial<Omit<MirrorOptions, 'token'>>

export interface StackOptions {
  /** Merged over `{ port: 0, tradesPerSecond: 0 }`: no trades unless a test asks for them. */
  simulator?: SimulatorOptions
  /** false: the simulator alone, for a client outside the engine (a spawned CLI, the diagnostics). */
  engine?: EngineSetup | false
  mirror?: boolean | MirrorSetup
  /** Put a fault proxy between the engine's socket and the simulator. */
  faultProxy?: boolean
  /** true: the simulator's port is picked but nothing listens on it until `restartSimulator()`, so the engine meets refused connections. */
  simulatorDown?: boolean
}

/** A part's handle when its option is on, null when off or left out (both when only known as a boolean). */
type OnOff<Option, Handle> = Option extends false | undefined ? null : Handle
type Part<O, K extends 'mirror' | 'faultProxy', Handle> = O extends Record<K, infer V> ? OnOff<V, Handle> : null
/** The engine is on unless turned off. */
type EnginePart<O> = O extends { engine: false } ? null : Engine

export interface Stack<
  M extends MirrorHandle | null = MirrorHandle | null,
  P extends FaultProxy | null = FaultProxy | null,
  E extends Engine | null = Engine
> {
  /** The simulator now on the stack's port (closed while the stack was started with `simulatorDown`). */
  readonly sim: SimulatorHandle
  readonly proxy: P
  readonly engine: E
  readonly mirror: M
  /** The mirror's port; 0 without a mirror. */
  readonly mirrorPort: number
  /** The mirror's token for state-changing calls (made even without a mirror, for tests that start one). */
  readonly token: string
  readonly category: Category
  /** Starts a simulator on the same port (closing the one running), its options `patch` over the stack's. */
  restartSimulator(patch?: SimulatorOptions): Promise<SimulatorHandle>
  close(): Promise<void>
}

/** The simulator alone (`engine: false`). */
export type SimulatorStack = Stack<null, null, null>

export type StackFor<O extends StackOptions> = Stack<
  Part<O, 'mirror', MirrorHandle>,
  Part<O, 'faultProxy', FaultProxy>,
  EnginePart<O>
>

export async function startStack<const O extends StackOptions>(opts: O = {} as O): Promise<StackFor<O>> {
  const owned: (() => Promise<void>)[] = []
  const close = async (): Promise<void> => {
    for (let c = owned.pop(); c; c = owned.pop()) await c()
  }
  try {
    const simOptions: SimulatorOptions = { port: 0, tradesPerSecond: 0, ...opts.simulator }
    let sim = await startSimulator(simOptions)
    owned.push(() => sim.close())
    if (opts.simulatorDown === true) await sim.close()
    const restartSimulator = async (patch: SimulatorOptions = {}): Promise<SimulatorHandle> => {
      await sim.close()
      sim = await startSimulator({ ...simOptions, ...patch, port: sim.port })
      return sim
    }
    const proxy = opts.faultProxy === true ? await FaultProxy.start(sim.port) : null
    if (proxy) owned.push(() => proxy.close())

    const setup = opts.engine === false ? null : (opts.engine ?? {})
    const engine = setup && buildEngine(setup, sim, proxy)
    if (engine) owned.push(() => engine.stop())
    if (engine && setup?.start !== false) await engine.start()

    const token = createMirrorToken()
    let mirror: MirrorHandle | null = null
    if (opts.mirror !== undefined && opts.mirror !== false) {
      if (!engine) throw new Error('a mirror needs the engine')
      const patch = opts.mirror === true ? {} : opts.mirror
      const started = await startMirror(engine, { host: '127.0.0.1', port: 0, staticDir: null, ...patch, token })
      owned.push(() => started.close())
      mirror = started
    }
    const mirrorPort = mirror?.url ? Number(new URL(mirror.url).port) : 0
    const category = primaryCategory({ category: setup?.settings?.category ?? 'spot' })
    const stack: Stack<MirrorHandle | null, FaultProxy | null, Engine | null> = {
      // A getter: `restartSimulator` replaces the handle.
      get sim() {
        return sim
      },
      proxy,
      engine,
      mirror,
      mirrorPort,
      token,
      category,
      restartSimulator,
      close
    }
    return stack as unknown as StackFor<O>
  } catch (e) {
    await close()
    throw e
  }
}

/** The engine collecting from the simulator (through the proxy if any), not started. */
function buildEngine(setup: EngineSetup, sim: SimulatorHandle, proxy: FaultProxy | null): Engine {
  const category = primaryCategory({ category: setup.settings?.category ?? 'spot' })
  const wsUrl = proxy ? proxy.url(`/v5/public/${category}`) : sim.wsUrl(category)
  return testEngine({ wsUrl, restUrl: sim.restUrl, ...setup.settings }, setup.options, setup.fast !== false)
}

/** Resolves once the collector is connected and `symbols` (default: all) are subscribed, so injected trades are collected. */
export async function waitSubscribed(engine: Engine, symbols?: string[]): Promise<void> {
  await waitFor(
    async () => {
      const status = await engine.handlers.getCollectorStatus({ name: 'bybit_trades' })
      const subscribed = (s: string): boolean =>
        status.subscriptions.some((t) => t.symbol === s && t.state === 'subscribed')
      const wanted = symbols ?? status.subscriptions.map((t) => t.symbol)
      return status.status === 'connected' && wanted.length > 0 && wanted.every(subscribed)
    },
    { what: `${symbols?.join(', ') ?? 'every symbol'} subscribed`, timeoutMs: 10_000, intervalMs: 25 }
  )
}
