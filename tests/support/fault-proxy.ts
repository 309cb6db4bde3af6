// A TCP fault proxy on loopback (toxiproxy's modes, in-process): every connection is piped to the
// upstream port; switches make it blackhole, trickle, reset or refuse. Each socket it opens is owned
// and destroyed by close().
import { createServer, Socket, type Server } from 'node:net'
import { listenLoopback } from './loopback'

export type ProxyMode = 'pass' | 'blackhole' | 'trickle'

interface Pair {
  client: Socket
  upstream: Socket
  /** Bytes from upstream waiting to be trickled to the client. */
  pending: Buffer[]
  timer: NodeJS.Timeout | null
}

export class FaultProxy {
  mode: ProxyMode = 'pass'
  /** New connections are reset at once (an unreachable service that answers with RST). */
  refuse = false
  trickleBytes = 1
  trickleEveryMs = 50
  accepted = 0
  private readonly pairs = new Set<Pair>()

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly upstreamPort: number
  ) {}

  static async start(upstreamPort: number): Promise<FaultProxy> {
    const server = createServer()
    const proxy = new FaultProxy(server, await listenLoopback(server), upstreamPort)
    server.on('connection', (c) => proxy.accept(c))
    return proxy
  }

  url(path: string, scheme = 'ws'): string {
    return `${scheme}://127.0.0.1:${this.port}${path}`
  }

  get connections(): number {
    return this.pairs.size
  }

  /** TCP RST on every open connection, both sides. */
  resetAll(): void {
    for (const p of [...this.pairs]) {
      p.client.resetAndDestroy()
      p.upstream.resetAndDestroy()
    }
  }

  async close(): Promise<void> {
    for (const p of [...this.pairs]) this.drop(p)
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: Socket): void {
    this.accepted++
    if (this.refuse) {
      client.on('error', () => {})
      client.resetAndDestroy()
      return
    }
    const upstream = new Socket()
    const pair: Pair = { client, upstream, pending: [], timer: null }
    this.pairs.add(pair)
    const end = (): void => this.drop(pair)
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    upstream.connect(this.upstreamPort, '127.0.0.1')
    client.on('data', (chunk) => {
      if (this.mode !== 'blackhole') upstream.write(chunk)
    })
    upstream.on('data', (chunk) => {
      if (this.mode === 'blackhole') return
      if (this.mode === 'pass' && pair.pending.length === 0) client.write(chunk)
      else {
        pair.pending.push(chunk)
        this.trickle(pair)
      }
    })
  }

  private trickle(pair: Pair): void {
    if (pair.timer) return
    pair.timer = setInterval(() => {
      if (this.mode === 'blackhole') return
      const head = pair.pending[0]
      if (!head) {
        clearInterval(pair.timer!)
        pair.timer = null
        return
      }
      const n = this.mode === 'pass' ? head.length : this.trickleBytes
      pair.client.write(head.subarray(0, n))
      if (n >= head.length) pair.pending.shift()
      else pair.pending[0] = head.subarray(n)
    }, this.trickleEveryMs)
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return
    if (pair.timer) clearInterval(pair.timer)
    pair.client.destroy()
    pair.upstream.destroy()
  }
}
