// The smallest EventSource surface the HTTP client needs, so Node (which has no EventSource)
// can use a fetch-based reader and the browser its native one. The fetch-based reader leaves the
// event-stream grammar (any of CRLF, LF or CR as line ends, split anywhere) to `eventsource-parser`.

import { createParser, type EventSourceMessage } from 'eventsource-parser'

export interface EventStreamLike {
  readonly readyState: number
  onopen: ((ev: Event) => void) | null
  onerror: ((ev: Event) => void) | null
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void
  close(): void
}

export type EventStreamFactory = (url: string) => EventStreamLike

export const STREAM_CONNECTING = 0
export const STREAM_OPEN = 1
export const STREAM_CLOSED = 2

/** The reconnection delay until the server sets one with `retry:`. */
const DEFAULT_RETRY_MS = 1000

/**
 * Server-sent events over `fetch` with EventSource's behaviour that matters here: named events,
 * automatic reconnect after a dropped stream after the server's `retry:` delay, sending the last
 * `id:` seen as `Last-Event-ID` when it reconnects, and giving up (CLOSED) on a non-2xx answer.
 */
export class FetchEventStream implements EventStreamLike {
  readyState = STREAM_CONNECTING
  onopen: ((ev: Event) => void) | null = null
  onerror: ((ev: Event) => void) | null = null
  private readonly listeners = new Map<string, Set<(ev: MessageEvent<string>) => void>>()
  private abort: AbortController | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private retryMs = DEFAULT_RETRY_MS
  /**
   * The last event id the server sent, kept across reconnects. (An `id:` in a block without `data:`
   * is not reported by the parser, so only ids of dispatched events count.)
   */
  private lastEventId = ''
  private readonly parser = createParser({
    onEvent: (message) => this.dispatch(message),
    onRetry: (ms) => {
      this.retryMs = ms
    }
  })

  constructor(private readonly url: string) {
    void this.connect()
  }

  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void {
    let set = this.listeners.get(type)
    if (!set) this.listeners.set(type, (set = new Set()))
    set.add(listener)
  }

  close(): void {
    this.readyState = STREAM_CLOSED
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.abort?.abort()
    this.abort = null
  }

  private async connect(): Promise<void> {
    const abort = new AbortController()
    this.abort = abort
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (this.lastEventId !== '') headers['last-event-id'] = this.lastEventId
    try {
      const res = await fetch(this.url, { headers, signal: abort.signal })
      if (!res.ok || !res.body) {
        await res.body?.cancel()
        this.readyState = STREAM_CLOSED
        this.onerror?.(new Event('error'))
        return
      }
      this.readyState = STREAM_OPEN
      this.onopen?.(new Event('open'))
      await this.read(res.body)
    } catch {
      // aborted by close(), or the socket dropped: the retry below decides
    }
    if (this.readyState === STREAM_CLOSED) return
    this.readyState = STREAM_CONNECTING
    this.onerror?.(new Event('error'))
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs)
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    this.parser.reset()
    const reader = body.getReader()
    const decoder = new TextDecoder()
    let endsWithCr = false
    for (;;) {
      const { done, value } = await reader.read()
      if (done) {
        // A CR as the stream's last byte ends its line; the parser holds it, waiting for a possible LF.
        if (endsWithCr) this.parser.feed('\n')
        return
      }
      const text = decoder.decode(value, { stream: true })
      if (text !== '') endsWithCr = text.endsWith('\r')
      this.parser.feed(text)
    }
  }

  private dispatch(message: EventSourceMessage): void {
    if (message.id !== undefined) this.lastEventId = message.id
    const type = message.event ?? 'message'
    const ev = new MessageEvent<string>(type, { data: message.data, lastEventId: this.lastEventId })
    for (const listener of this.listeners.get(type) ?? []) listener(ev)
  }
}

export function defaultEventStreamFactory(): EventStreamFactory {
  const Native = (globalThis as { EventSource?: new (url: string) => EventStreamLike }).EventSource
  return Native ? (url) => new Native(url) : (url) => new FetchEventStream(url)
}
