// A real nats-server with JetStream for the forwarding tests and the bench's publish part: on a free
// loopback port, its store in a temp dir, stopped and started again on the same port and store (a
// NATS outage), optionally with a config file (users and permissions). Tests skip, and the bench
// skips its part, with NATS_SKIP_REASON when the binary is absent.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

const CANDIDATES = [
  process.env.NATS_SERVER_BIN,
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server'
]

export const NATS_SERVER_BIN: string | null =
  CANDIDATES.find((p): p is string => p !== undefined && existsSync(p)) ?? null

/** Why the NATS tests skip here, or null when nats-server is installed (CI installs it: .ci/run). */
export const NATS_SKIP_REASON: string | null =
  NATS_SERVER_BIN === null ? 'nats-server is not installed (apt-get install nats-server; .ci/run installs it)' : null

export interface NatsServerOptions {
  /** Extra config file text (e.g. an `authorization { users: [...] }` block); `jetstream` and `listen` are added. */
  config?: string
}

export interface NatsServer {
  readonly port: number
  readonly url: string
  readonly storeDir: string
  readonly running: boolean
  /** Stops the server (SIGTERM, then waits for the exit); its store stays. */
  stop(): Promise<void>
  /** Starts it again on the same port with the same store. */
  start(): Promise<void>
  /** Stops it and removes the store. */
  close(): Promise<void>
}

/** A loopback port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (addr === null || typeof addr !== 'object') throw new Error('no TCP address')
  return addr.port
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServer> {
  if (NATS_SERVER_BIN === null) throw new Error(NATS_SKIP_REASON ?? 'nats-server missing')
  const bin = NATS_SERVER_BIN
  const dir = await mkdtemp(path.join(tmpdir(), 'mdm-nats-'))
  const storeDir = path.join(dir, 'store')
  const port = await freePort()
  const confFile = path.join(dir, 'server.conf')
  await writeFile(
    confFile,
    `listen: "127.0.0.1:${port}"\njetstream { store_dir: ${JSON.stringify(storeDir)} }\n${opts.config ?? ''}\n`
  )
  let child: ChildProcess | null = null
  let output = ''

  const start = async (): Promise<void> => {
    if (child) return
    output = ''
    const c = spawn(bin, ['-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = c
    c.stdout?.on('data', (d: Buffer) => (output += d.toString()))
    c.stderr?.on('data', (d: Buffer) => (output += d.toString()))
    c.once('exit', () => {
      if (child === c) child = null
    })
    const deadline = Date.now() + 10_000
    while (!(child === c && (await portOpen(port)))) {
      if (Date.now() > deadline) throw new Error(`nats-server on port ${port} did not start: ${output.slice(-400)}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  const stop = async (): Promise<void> => {
    const c = child
    if (!c) return
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()))
    c.kill('SIGTERM')
    await exited
    child = null
  }

  await start()
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    get running() {
      return child !== null
    },
    stop,
    start,
    close: async () => {
      await stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
