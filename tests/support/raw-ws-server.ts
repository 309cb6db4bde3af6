// A WebSocket server written by hand on `net`, for faults `ws` (rightly) refuses to produce:
// reserved bits, invalid UTF-8, masked server frames, handshake stalls, refused or redirected
// upgrades. `onOpen` gets the raw socket after a valid 101; `frame()` builds any frame.
import { createHash } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import { listenLoopback } from './loopback'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

export interface FrameOptions {
  fin?: boolean
  rsv1?: boolean
  mask?: boolean
}

/** One WebSocket frame (server → client, unmasked unless asked). */
export function frame(opcode: number, payload: Buffer, o: FrameOptions = {}): Buffer {
  const len = payload.length
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | (o.rsv1 ? 0x40 : 0) | opcode]
  const maskBit = o.mask ? 0x80 : 0
  if (len < 126) head.push(maskBit | len)
  else if (len < 65536) head.push(maskBit | 126, len >> 8, len & 255)
  else {
    head.push(maskBit | 127, 0, 0, 0, 0)
    head.push((len >>> 24) & 255, (len >>> 16) & 255, (len >>> 8) & 255, len & 255)
  }
  if (!o.mask) return Buffer.concat([Buffer.from(head), payload])
  const key = Buffer.from([1, 2, 3, 4])
  const masked = Buffer.from(payload.map((b, i) => b ^ key[i % 4]))
  return Buffer.concat([Buffer.from(head), key, masked])
}

export type RawBehaviour =
  | { kind: 'stall' }
  | { kind: 'http'; response: string }
  | { kind: 'open'; onOpen: (socket: Socket, attempt: number) => void }

export class RawWsServer {
  attempts = 0
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly behaviour: RawBehaviour
  ) {}

  static async start(behaviour: RawBehaviour): Promise<RawWsServer> {
    const server = createServer()
    const raw = new RawWsServer(server, await listenLoopback(server), behaviour)
    server.on('connection', (s) => raw.accept(s))
    return raw
  }

  url(path = '/v5/public/spot'): string {
    return `ws://127.0.0.1:${this.port}${path}`
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => this.sockets.delete(socket))
    const attempt = ++this.attempts
    if (this.behaviour.kind === 'stall') return
    let head = ''
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      const behaviour = this.behaviour
      if (behaviour.kind === 'http') {
        socket.end(behaviour.response)
        return
      }
      if (behaviour.kind !== 'open') return
      const key = /sec-websocket-key:\s*(\S+)/i.exec(head.slice(0, end))?.[1] ?? ''
      const accept = createHash('sha1')
        .update(key + GUID)
        .digest('base64')
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
      )
      behaviour.onOpen(socket, attempt)
    }
    socket.on('data', onData)
  }
}
