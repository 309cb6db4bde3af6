// Parent side of the bench's child processes: each measured client (and the simulator) runs in
// its own Node process so none shares an event loop with another. Children are TypeScript run
// through tsx's loader and talk to the parent over the IPC channel with typed messages.
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { ChildMessage, SimulatorChildConfig } from './messages'

export interface ChildOptions {
  /** Extra node flags, e.g. --expose-gc or --cpu-prof. */
  nodeFlags?: string[]
  /** Forward the child's stdout/stderr (off by default: the engine logs every stage). */
  verbose?: boolean
}

export class BenchChild {
  private readonly proc: ChildProcess
  private readonly queue: ChildMessage[] = []
  private waiters: ((m: ChildMessage) => void)[] = []
  private exitError: Error | null = null
  private stderrTail = ''

  constructor(
    readonly name: string,
    script: string,
    config: unknown,
    opts: ChildOptions = {}
  ) {
    this.proc = fork(join(__dirname, 'children', script), [JSON.stringify(config)], {
      execArgv: ['--import', 'tsx', ...(opts.nodeFlags ?? [])],
      stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', opts.verbose ? 'inherit' : 'pipe', 'ipc'],
      serialization: 'advanced'
    })
    this.proc.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-2000)
    })
    this.proc.on('message', (m) => this.deliver(m as ChildMessage))
    this.proc.on('exit', (code, signal) => {
      if (code !== 0 || signal !== null) {
        this.exitError = new Error(`${name} exited (code ${code}, signal ${signal}): ${this.stderrTail.trim()}`)
      } else this.exitError = new Error(`${name} exited`)
      for (const w of this.waiters) w({ type: 'exit' })
      this.waiters = []
    })
  }

  get pid(): number | undefined {
    return this.proc.pid
  }

  send(message: unknown): void {
    if (this.proc.connected) this.proc.send(message as never)
  }

  /** The next message of the given type; rejects on the child's exit, its `error`, or the deadline. */
  async expect<T extends ChildMessage['type']>(
    type: T,
    timeoutMs: number
  ): Promise<Extract<ChildMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const m = await this.next(deadline - Date.now())
      if (m.type === type) return m as Extract<ChildMessage, { type: T }>
      if (m.type === 'error') throw new Error(`${this.name}: ${m.message}`)
      if (m.type === 'exit') throw this.exitError ?? new Error(`${this.name} exited`)
    }
  }

  private next(timeoutMs: number): Promise<ChildMessage> {
    const queued = this.queue.shift()
    if (queued) return Promise.resolve(queued)
    if (this.exitError) return Promise.resolve({ type: 'exit' })
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiters = this.waiters.filter((w) => w !== waiter)
          reject(new Error(`${this.name}: timed out after ${Math.round(timeoutMs)} ms`))
        },
        Math.max(0, timeoutMs)
      )
      const waiter = (m: ChildMessage): void => {
        clearTimeout(timer)
        resolve(m)
      }
      this.waiters.push(waiter)
    })
  }

  private deliver(m: ChildMessage): void {
    const w = this.waiters.shift()
    if (w) w(m)
    else this.queue.push(m)
  }

  /** Asks the child to close cleanly, then kills it (this child only, by its pid) after a grace period. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()))
    this.send({ type: 'close' })
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
}

/** A simulator child process and the endpoints it announced. */
export interface SimulatorChild {
  child: BenchChild
  wsUrl: string
  restUrl: string
}

/** Starts the simulator in its own process and waits for its `ready`; stops it if it never comes. */
export async function startSimulatorChild(
  name: string,
  config: SimulatorChildConfig,
  opts: ChildOptions,
  readyTimeoutMs: number
): Promise<SimulatorChild> {
  const child = new BenchChild(name, 'simulator.ts', config, opts)
  try {
    const ready = await child.expect('ready', readyTimeoutMs)
    return { child, wsUrl: ready.wsUrl, restUrl: ready.restUrl }
  } catch (e) {
    await child.stop()
    throw e
  }
}
