// A real HTTP CONNECT proxy on a free loopback port, for tests: it records every tunnel it was
// asked for (and the credentials it saw), can demand Basic auth (407), and pipes bytes both ways.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface Tunnel {
  /** `host:port` from the CONNECT line. */
  target: string
  /** `user:pass` decoded from Proxy-Authorization, or null. */
  credentials: string | null
  status: number
}

export interface ConnectProxyOptions {
  /** `user:pass` the proxy demands; others get `407 Proxy Authentication Required`. */
  requireCredentials?: string
}

export class ConnectProxy {
  readonly tunnels: Tunnel[] = []
  private readonly sockets = new Set<Socket>()

  private readonly server: Server

  private constructor(opts: ConnectProxyOptions) {
    this.server = createServer((_req, res) => {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('CONNECT only\n')
    })
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) =>
      this.tunnel(req, client, head, opts)
    )
  }

  static async start(opts: ConnectProxyOptions = {}): Promise<ConnectProxy> {
    const proxy = new ConnectProxy(opts)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** `http://127.0.0.1:PORT`, with `user:pass@` when given. */
  url(credentials?: string): string {
    return `http://${credentials ? `${credentials}@` : ''}127.0.0.1:${this.port}`
  }

  /** Tunnels opened (answered 200) to `host:port`. */
  opened(target: string): number {
    return this.tunnels.filter((t) => t.target === target && t.status === 200).length
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer, opts: ConnectProxyOptions): void {
    this.sockets.add(client)
    client.on('close', () => this.sockets.delete(client))
    client.on('error', () => client.destroy())
    const target = req.url ?? ''
    const auth = req.headers['proxy-authorization']
    const credentials =
      typeof auth === 'string' && auth.startsWith('Basic ')
        ? Buffer.from(auth.slice(6), 'base64').toString('utf8')
        : null
    if (opts.requireCredentials !== undefined && credentials !== opts.requireCredentials) {
      this.tunnels.push({ target, credentials, status: 407 })
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n'
      )
      return
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))]
    let connected = false
    const upstream = connect(port, host.replace(/^\[|\]$/g, ''))
    this.sockets.add(upstream)
    upstream.on('close', () => {
      this.sockets.delete(upstream)
      if (connected) client.destroy()
    })
    upstream.on('error', () => {
      if (connected) return void client.destroy()
      this.tunnels.push({ target, credentials, status: 502 })
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n')
    })
    upstream.on('connect', () => {
      connected = true
      this.tunnels.push({ target, credentials, status: 200 })
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    client.on('close', () => upstream.destroy())
  }
}
