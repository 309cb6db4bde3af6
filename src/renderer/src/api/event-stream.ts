// The smallest EventSource surface the HTTP client needs, so Node (which has no EventSource)
// can use a fetch-based reader and the browser its native one.

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

const RETRY_MS = 1000

/**
 * Server-sent events over `fetch` with EventSource's behaviour that matters here: named events,
 * automatic reconnect after a dropped stream, and giving up (CLOSED) on a non-2xx answer.
 */
export class FetchEventStream implements EventStreamLike {
  readyState = STREAM_CONNECTING
  onopen: ((ev: Event) => void) | null = null
  onerror: ((ev: Event) => void) | null = null
  private readonly listeners = new Map<string, Set<(ev: MessageEvent<string>) => void>>()
  private abort: AbortController | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null

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
    try {
      const res = await fetch(this.url, { headers: { accept: 'text/event-stream' }, signal: abort.signal })
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
    this.retryTimer = setTimeout(() => void this.connect(), RETRY_MS)
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let cut: number
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, cut)
        buffer = buffer.slice(cut + (buffer[cut] === '\r' ? 4 : 2))
        this.dispatch(block)
      }
    }
  }

  private dispatch(block: string): void {
    let type = 'message'
    const data: string[] = []
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') type = value
      else if (field === 'data') data.push(value)
    }
    if (data.length === 0) return
    const ev = new MessageEvent<string>(type, { data: data.join('\n') })
    for (const listener of this.listeners.get(type) ?? []) listener(ev)
  }
}

export function defaultEventStreamFactory(): EventStreamFactory {
  const Native = (globalThis as { EventSource?: new (url: string) => EventStreamLike }).EventSource
  return Native ? (url) => new Native(url) : (url) => new FetchEventStream(url)
}
