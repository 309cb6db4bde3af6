// A scripted Bybit V5 spot endpoint on `ws`, for faults the simulator has no switch for:
// WS-level fragmentation, fragment floods, oversized and compressible frames, ping storms, and
// hand-made trade frames (out-of-order T, equal seq). It acks subscribes the spot way and answers pings.
import type { IncomingMessage } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'

export interface ScriptedTrade {
  i: string
  T: number
  p: string
  v: string
  S: 'Buy' | 'Sell'
  s: string
  seq: number
  BT: boolean
  RPI: boolean
}

export class ScriptedBybit {
  readonly clients = new Set<WebSocket>()
  readonly requests: IncomingMessage[] = []
  /** Called once a client subscribed (after the ack). */
  onSubscribed: ((ws: WebSocket) => void) | null = null
  private nextId = 2240000000970262000n

  private constructor(
    private readonly wss: WebSocketServer,
    readonly port: number
  ) {}

  static async start(opts: { perMessageDeflate?: boolean } = {}): Promise<ScriptedBybit> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: opts.perMessageDeflate ?? false })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    const addr = wss.address()
    const s = new ScriptedBybit(wss, typeof addr === 'object' && addr ? addr.port : 0)
    wss.on('connection', (ws, req) => s.accept(ws, req))
    return s
  }

  url(): string {
    return `ws://127.0.0.1:${this.port}/v5/public/spot`
  }

  /** Trades with fresh, increasing spot-shaped ids. */
  trades(n: number, o: { T?: number; seq?: number; symbol?: string } = {}): ScriptedTrade[] {
    const out: ScriptedTrade[] = []
    for (let k = 0; k < n; k++) {
      this.nextId += 7n
      out.push({
        i: this.nextId.toString(),
        T: o.T ?? Date.now(),
        p: `114505.${k % 10}`,
        v: '0.000036',
        S: k % 2 ? 'Sell' : 'Buy',
        s: o.symbol ?? 'BTCUSDT',
        seq: o.seq ?? 111156078262 + k,
        BT: false,
        RPI: false
      })
    }
    return out
  }

  frameText(trades: ScriptedTrade[], symbol = 'BTCUSDT'): string {
    return JSON.stringify({ topic: `publicTrade.${symbol}`, ts: Date.now(), type: 'snapshot', data: trades })
  }

  broadcast(text: string): void {
    for (const c of this.clients) c.send(text)
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    this.requests.push(req)
    this.clients.add(ws)
    ws.on('close', () => this.clients.delete(ws))
    ws.on('error', () => {})
    ws.on('message', (data) => {
      let msg: { op?: string; req_id?: string }
      try {
        msg = JSON.parse(data.toString()) as { op?: string; req_id?: string }
      } catch {
        return
      }
      if (msg.op === 'ping')
        ws.send(JSON.stringify({ success: true, ret_msg: 'pong', conn_id: 'c1', req_id: msg.req_id, op: 'ping' }))
      if (msg.op === 'subscribe') {
        ws.send(
          JSON.stringify({ success: true, ret_msg: 'subscribe', conn_id: 'c1', req_id: msg.req_id, op: 'subscribe' })
        )
        this.onSubscribed?.(ws)
      }
    })
  }
}
