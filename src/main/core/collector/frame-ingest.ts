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
}

/**
 * The hot path of a collector, apart from its socket so benchmarks and tests can drive it:
 * raw frame → typed frame → validated trades → storage, with counters and rate-limited log lines.
 * Nothing thrown by a frame escapes: bad frames are counted as parse errors.
 */
export class FrameIngest {
  readonly counters = new IngestCounters()
  private readonly folded = new FoldedLines(5, 1000)
  private readonly storageErrorLines = new FoldedLines(3, 5000)
  private readonly parseErrorLines = new FoldedLines(5, 5000)

  constructor(private readonly opts: IngestOptions) {}

  handle(text: string, receivedAt: number): BybitFrame {
    const c = this.counters
    c.messages++
    c.lastMessageAt = receivedAt
    const { storage, onFrame } = this.opts
    storage.recordFrame(text, receivedAt)
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
      const suffix = this.parseErrorLines.admit('parse', receivedAt)
      if (suffix !== null) this.opts.log.warning(`Parse error: ${frame.error}${suffix}`, 'parse_error')
    }
    return frame
  }

  private storeTrades(frame: TradesFrame, receivedAt: number): void {
    const c = this.counters
    const { storage, onStored, log } = this.opts
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
      let outcome
      try {
        outcome = storage.store(t)
      } catch (e) {
        c.storageErrors++
        const suffix = this.storageErrorLines.admit('storage', receivedAt)
        if (suffix !== null) log.error(`Storage error: ${(e as Error).message}${suffix}`, 'storage_error')
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
      const suffix = this.folded.admit(t.symbol, receivedAt)
      if (suffix !== null) {
        log.info(`Stored trade #${n}: ${t.symbol} ${t.side} ${t.priceText}@${t.quantityText}${suffix}`)
        log.info(`Total trades for ${t.symbol}: ${storage.symbolCount(t.category, t.symbol)}`)
      }
    }
  }
}
