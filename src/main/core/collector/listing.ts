// `--symbols ALL`: a category's instrument listing from REST instruments-info, read page by page
// (cursor/nextPageCursor) and read again every `instrumentsRefreshMs`. Each successful read hands
// the Trading symbols to the collector, which subscribes new listings and drops delistings. A failed
// read is logged and recorded (`listing_failed`), tried again after `instrumentsRetryMs`, and the
// symbols already known keep streaming.

import type { Category, ErrorInfo, ListingStatus } from '../../../shared/dto'
import type { TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import { MAX_INSTRUMENT_PAGES, TRADING_STATUS } from '../rest/instruments-info'
import type { BybitRestClient, RestAnswer } from '../rest/rest-client'
import type { CollectorTimings } from './timings'

/** Every Trading symbol of a category, following the cursor to the last page. */
export async function fetchListing(
  client: BybitRestClient,
  category: Category,
  pageLimit: number
): Promise<RestAnswer<{ symbols: string[]; pages: number }>> {
  const symbols: string[] = []
  const seen = new Set<string>()
  let cursor: string | null = null
  for (let pages = 1; pages <= MAX_INSTRUMENT_PAGES; pages++) {
    const page = await client.instrumentsPage(category, pageLimit, cursor)
    if (!page.ok) return page
    for (const i of page.value.instruments) {
      if (i.status !== TRADING_STATUS || seen.has(i.symbol)) continue
      seen.add(i.symbol)
      symbols.push(i.symbol)
    }
    const next = page.value.nextPageCursor
    // The end: no cursor, an empty page, or the same cursor again (a server that would loop).
    if (next === null || page.value.listed === 0 || next === cursor) return { ok: true, value: { symbols, pages } }
    cursor = next
  }
  return { ok: false, code: 'bad_body', error: `instruments-info: more than ${MAX_INSTRUMENT_PAGES} pages` }
}

export interface ListingOptions {
  category: Category
  client: BybitRestClient
  timings: CollectorTimings
  log: NamedLog
  task: TaskHandle
  /** A successful read: the Trading symbols, in Bybit's order. */
  listed: (symbols: string[]) => void
  failed: (error: ErrorInfo) => void
}

/** One category's listing, read now and then every refresh period until stopped. */
export class ListingWatch {
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly state: ListingStatus

  constructor(private readonly o: ListingOptions) {
    this.state = {
      category: o.category,
      symbols: null,
      fetched_at: null,
      pages: 0,
      next_refresh_at: null,
      added: 0,
      removed: 0,
      last_error: null
    }
    o.task.set('starting', `instruments-info for ${o.category}`)
  }

  /** Whether a listing was read at least once. */
  get known(): boolean {
    return this.state.fetched_at !== null
  }

  start(): void {
    void this.read()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.state.next_refresh_at = null
    this.o.task.dispose()
  }

  /** A refresh changed the subscriptions by this much. */
  changed(added: number, removed: number): void {
    this.state.added += added
    this.state.removed += removed
  }

  status(): ListingStatus {
    return { ...this.state }
  }

  private async read(): Promise<void> {
    const { o } = this
    o.task.set('running', `reading instruments-info for ${o.category}`)
    const res = await fetchListing(o.client, o.category, o.timings.instrumentsPageLimit)
    if (this.stopped) return
    const now = Date.now()
    let waitMs = o.timings.instrumentsRefreshMs
    if (res.ok) {
      Object.assign(this.state, { symbols: res.value.symbols.length, fetched_at: now, pages: res.value.pages })
      o.log.info(
        `Instrument listing for ${o.category}: ${res.value.symbols.length} symbols trading (${res.value.pages} page(s))`
      )
      o.listed(res.value.symbols)
      o.task.set('idle', `${res.value.symbols.length} symbols; next read at ${new Date(now + waitMs).toISOString()}`)
    } else if (res.code !== 'closed') {
      waitMs = o.timings.instrumentsRetryMs
      const error: ErrorInfo = {
        code: 'listing_failed',
        message: `instruments-info for ${o.category} failed (${res.code}): ${res.error}`,
        at: now
      }
      this.state.last_error = error
      o.log.error(`${error.message}; next try in ${Math.round(waitMs / 1000)} s`, 'listing_failed')
      o.task.fail(error)
      o.failed(error)
    } else return
    this.state.next_refresh_at = now + waitMs
    this.timer = setTimeout(() => {
      this.timer = null
      void this.read()
    }, waitMs)
  }
}
