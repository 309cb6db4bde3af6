// `/events`: the engine's pushed events as server-sent events (`event: <name>` + `data: <json>`), the
// transport of the browser UI and of `curl -N`. Each event is serialized once for every client.
// A slow client is never buffered without bound: past `maxBufferedBytes` of unsent output its events
// are dropped and counted (it is told how many once it catches up), and a client stuck for
// `maxStuckMs` is disconnected so it frees its slot.

import type { IncomingMessage, ServerResponse } from 'node:http'
import { EVENT_NAMES, type ApiEventSource, type EventName, type Unsubscribe } from '../../shared/contract'
import { HttpError } from './errors'
import { applyBaseHeaders } from './headers'

export interface EventStreamOptions {
  maxClients: number
  keepAliveMs: number
  maxBufferedBytes: number
  maxStuckMs: number
}

export const DEFAULT_EVENT_STREAM_OPTIONS: EventStreamOptions = {
  maxClients: 16,
  keepAliveMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  maxStuckMs: 60_000
}

interface Client {
  res: ServerResponse
  events: ReadonlySet<EventName>
  /** Events dropped since the client last caught up; reported to it in a `dropped` event. */
  pendingDropped: number
  stuckSince: number | null
}

export interface EventStreamStats {
  clients: number
  /** Events dropped for slow clients since the mirror started. */
  dropped: number
}

export class EventStreamHub {
  private readonly clients = new Set<Client>()
  private readonly unsubscribes: Unsubscribe[]
  private readonly keepAlive: NodeJS.Timeout
  private dropped = 0
  private closed = false

  constructor(
    source: ApiEventSource,
    private readonly options: EventStreamOptions = DEFAULT_EVENT_STREAM_OPTIONS,
    /** Told when clients come and go or events are dropped (the mirror shows it in `/debug/tasks`). */
    private readonly onStats: (stats: EventStreamStats) => void = () => undefined
  ) {
    this.unsubscribes = EVENT_NAMES.map((name) => source.subscribe(name, (payload) => this.publish(name, payload)))
    this.keepAlive = setInterval(() => this.tick(), options.keepAliveMs)
  }

  stats(): EventStreamStats {
    return { clients: this.clients.size, dropped: this.dropped }
  }

  attach(req: IncomingMessage, res: ServerResponse, events: ReadonlySet<EventName>): void {
    if (this.closed) throw new HttpError('unavailable', 'the mirror is shutting down')
    if (this.clients.size >= this.options.maxClients) {
      throw new HttpError('unavailable', `at most ${this.options.maxClients} event streams at once`)
    }
    applyBaseHeaders(res)
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no' })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    req.socket.setNoDelay(true)
    // An event stream is long-lived by design: the idle timeout must not cut it (keep-alives flow anyway).
    req.socket.setTimeout(0)
    const client: Client = { res, events, pendingDropped: 0, stuckSince: null }
    this.clients.add(client)
    res.on('close', () => {
      if (this.clients.delete(client)) this.onStats(this.stats())
    })
    this.onStats(this.stats())
    res.write(`retry: 3000\n: streaming ${[...events].join(',')}\n\n`)
  }

  /** Ends every stream and stops listening to the engine. Idempotent. */
  close(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.keepAlive)
    for (const unsubscribe of this.unsubscribes) unsubscribe()
    for (const client of this.clients) client.res.end()
    this.clients.clear()
  }

  private publish(name: EventName, payload: unknown): void {
    let frame: string | null = null
    for (const client of this.clients) {
      if (!client.events.has(name)) continue
      frame ??= `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
      this.send(client, frame)
    }
  }

  private send(client: Client, frame: string): void {
    const { res } = client
    if (res.destroyed) return
    if (res.writableLength > this.options.maxBufferedBytes) {
      client.pendingDropped++
      this.dropped++
      client.stuckSince ??= Date.now()
      this.onStats(this.stats())
      return
    }
    client.stuckSince = null
    if (client.pendingDropped > 0) {
      res.write(`event: dropped\ndata: ${JSON.stringify({ dropped: client.pendingDropped })}\n\n`)
      client.pendingDropped = 0
    }
    res.write(frame)
  }

  private tick(): void {
    const now = Date.now()
    for (const client of this.clients) {
      if (client.stuckSince !== null && now - client.stuckSince > this.options.maxStuckMs) {
        client.res.destroy()
        continue
      }
      if (client.res.writableLength > this.options.maxBufferedBytes) client.stuckSince ??= now
      else client.res.write(': keep-alive\n\n')
    }
  }
}
