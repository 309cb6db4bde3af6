// A real `ws` client for the simulator tests: records every frame; `request` awaits the reply with the shared deadline poller.
import WebSocket from 'ws'
import { waitFor } from '../support/wait-for'

export type Frame = Record<string, unknown>

export class TestClient {
  readonly texts: string[] = []
  /** Parsed frames in arrival order (malformed text is kept in `texts` only). */
  readonly frames: Frame[] = []
  /** Trades received so far, counted on arrival (cheap to poll, unlike `trades().length`). */
  tradeCount = 0
  closed: { code: number; reason: string } | undefined
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString()
      this.texts.push(text)
      try {
        const frame = JSON.parse(text) as Frame
        this.frames.push(frame)
        if (typeof frame.topic === 'string' && Array.isArray(frame.data)) this.tradeCount += frame.data.length
      } catch {
        // sendRaw tests look at texts
      }
    })
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }))
    ws.on('error', () => {})
  }

  static async connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    const client = new TestClient(ws)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return client
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg))
  }

  /** Sends and returns the next frame matching `pred` that arrives after the send. */
  async request(msg: unknown, pred: (f: Frame) => boolean, what = 'a reply'): Promise<Frame> {
    const from = this.frames.length
    this.send(msg)
    return waitFor(() => this.frames.slice(from).find(pred), { what })
  }

  replies(op: string): Frame[] {
    return this.frames.filter((f) => f.op === op)
  }

  tradeFrames(topic?: string): Frame[] {
    return this.frames.filter((f) => typeof f.topic === 'string' && (!topic || f.topic === topic))
  }

  trades(topic?: string): Frame[] {
    return this.tradeFrames(topic).flatMap((f) => f.data as Frame[])
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve())
      this.ws.terminate()
    })
  }
}
