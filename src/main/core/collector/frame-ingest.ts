import type { Category } from '../../../shared/dto'
import { parseFrame, type BybitFrame, type TradesFrame } from '../bybit/frames'
import type { NamedLog } from '../log/engine-log'
import { FoldedLines } from '../log/folded-log'
import { LatencyHistogram } from '../metrics/latency-histogram'
import type { TradeStorage } from '../storage/trade-storage'
import type { Trade } from '../trade'

/** What one collector has seen, for its status, `/metrics` and the checklist. */
export class IngestCounters {
  messages = 0
  tradesReceived = 0
  tradesStored = 0
  parseErrors = 0
  rejected = 0
  duplicates = 0
  storageErrors = 0
  lastMessageAt: number | null = null
  lastTradeAt: number | null = null
  lastParseError: string | null = null
  /** Local receipt time of the frame that failed to parse last: kept here, the log ring may have dropped the line. */
  lastParseErrorAt: number | null = null
  readonly latency = new LatencyHistogram()
}

export interface IngestOptions {
  name: string
  category: Category
  storage: TradeStorage
  log: NamedLog
  /** Every raw frame, before parsing (`--record`). */
  onFrame?: ((text: string) => void) | null
  /** Every newly stored trade (the engine's event batcher). */
  onStored?: ((trade: Trade) => void) | null
  /** Counters shared with the collector's other connections; fresh ones when absent. */
  counters?: IngestCounters
}

/**
 * The hot path of a collector, apart from its socket so benchmarks and tests can drive it:
 * raw frame → typed frame → validated trades → storage, with counters and rate-limited log lines.
 * Nothing thrown by a frame escapes: bad frames are counted as parse errors.
 */
export class FrameIngest {
  readonly counters: IngestCounters
  /** The guide's per-trade lines, folded per symbol so a busy feed cannot flood the log. */
  private readonly processedLines: FoldedLines<Trade>
  private readonly storedLines: FoldedLines<Trade>
  private readonly storageErrorLines: FoldedLines<string>
  private readonly parseErrorLines: FoldedLines<string>

  constructor(private readonly opts: IngestOptions) {
    this.counters = opts.counters ?? new IngestCounters()
    const { log, storage } = opts
    this.processedLines = new FoldedLines<Trade>(5, 1000, (t, _n, suffix) => {
      log.debug(`Processed trade: ${t.repr()}${suffix}`)
    })
    this.storedLines = new FoldedLines<Trade>(5, 1000, (t, n, suffix) => {
      log.info(`Stored trade #${n}: ${t.symbol} ${t.side} ${t.priceText}@${t.quantityText}${suffix}`)
      log.info(`Total trades for ${t.symbol}: ${storage.symbolCount(t.category, t.symbol)}`)
    })
    this.storageErrorLines = new FoldedLines<string>(3, 5000, (message, _n, suffix) => {
      log.error(`Storage error: ${message}${suffix}`, 'storage_error')
    })
    this.parseErrorLines = new FoldedLines<string>(5, 5000, (message, _n, suffix) => {
      log.warning(`Parse error: ${message}${suffix}`, 'parse_error')
    })
  }

  /**
   * Writes the newest folded line of every key (each tick, and on stop), so the log's last
   * `Total trades for SYMBOL` equals storage within one tick.
   */
  flushFolded(now: number): void {
    for (const lines of [this.processedLines, this.storedLines, this.storageErrorLines, this.parseErrorLines]) {
      lines.flush(now)
    }
  }

  /** `bytes`: the same frame as UTF-8 when the socket has them (the raw-frame ring copies them instead of encoding `text`). */
  handle(text: string, receivedAt: number, bytes: Uint8Array | null = null): BybitFrame {
    const c = this.counters
    c.messages++
    c.lastMessageAt = receivedAt
    const { storage, onFrame } = this.opts
    storage.recordFrame(text, receivedAt, bytes)
    if (onFrame) onFrame(text)
    let frame: BybitFrame
    try {
      frame = parseFrame(text, this.opts.category, receivedAt)
      if (frame.kind === 'trades') this.storeTrades(frame, receivedAt)
    } catch (e) {
      // A bug on our side must not kill the socket: count it like a bad frame.
      frame = { kind: 'malformed', error: `internal: ${(e as Error).message}` }
    }
    if (frame.kind === 'malformed') {
      c.parseErrors++
      c.lastParseError = frame.error
      c.lastParseErrorAt = receivedAt
      this.parseErrorLines.offer('parse', receivedAt, frame.error)
    }
    return frame
  }

  private storeTrades(frame: TradesFrame, receivedAt: number): void {
    const c = this.counters
    const { storage, onStored, log } = this.opts
    const processed = this.processedLines
    const trades = frame.trades
    c.tradesReceived += trades.length + frame.rejected
    if (frame.rejected > 0) {
      c.rejected += frame.rejected
      storage.reject(frame.rejected)
      log.warning(
        `Rejected ${frame.rejected} invalid trade(s) in ${frame.topic}: ${frame.firstRejection}`,
        'invalid_trade'
      )
    }
    for (let k = 0; k < trades.length; k++) {
      const t = trades[k]
      c.latency.observe(receivedAt - t.timestamp)
      processed.offer(t.symbol, receivedAt, t)
      let outcome
      try {
        outcome = storage.store(t)
      } catch (e) {
        c.storageErrors++
        this.storageErrorLines.offer('storage', receivedAt, (e as Error).message)
        continue
      }
      if (outcome === 'duplicate') {
        c.duplicates++
        continue
      }
      if (outcome === 'rejected') {
        c.rejected++
        continue
      }
      const n = ++c.tradesStored
      if (t.timestamp > (c.lastTradeAt ?? 0)) c.lastTradeAt = t.timestamp
      if (onStored) onStored(t)
      this.storedLines.offer(t.symbol, receivedAt, t, n)
    }
  }
}
