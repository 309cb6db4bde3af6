// The durable outbox's catch-up: trades the in-memory outbox could not hold, and those not yet
// acknowledged when the engine last stopped, are read back from disk after the cursor, symbol by
// symbol, and sent before the live tail.
//
// An epoch begins at start, and again once a spill (the outbox was full, so trades were left to the
// disk alone) has drained. From its beginning, live trades wait in the outbox and the first live
// trade of each symbol is noted; the replay of a symbol ends where that trade is reached on disk, or,
// for a symbol with no live trade yet, once the disk has nothing more after the cursor while the
// tier's write queue was empty.

import type { PublishCursor } from '../../../shared/dto-publish'
import type { Trade } from '../trade'
import type { ForwardBacklog, SymbolKey } from './forward-backlog'
import type { Outbox } from './outbox'
import type { SendWindow } from './send-window'

interface Position {
  ts: number
  ids: Set<string>
}

interface Mark {
  ts: number
  id: string
}

/** Without a cursor (a symbol never acknowledged), replay starts this long before the run began. */
const SINCE_MARGIN_MS = 60_000
/** With no live trade to stop at, a symbol's replay ends this long after the epoch began at the latest. */
const SETTLE_MS = 3000
const BATCH = 1000

const keyOf = (k: { category: string; symbol: string }): string => `${k.category}:${k.symbol}`

export class Replay {
  /** Replaying now: live trades wait in the outbox. */
  active = true
  replayed = 0
  /** Trades the outbox refused (left to the disk, read back later). */
  spilled = 0
  private spilling = false
  private reading = false
  private epochStartedAt = Date.now()
  private readonly since = Date.now() - SINCE_MARGIN_MS
  private symbolsLeft: SymbolKey[] | null = null
  private readonly firstLive = new Map<string, Mark>()
  private readonly readPos = new Map<string, Position>()
  private buffer: Trade[] = []
  private head = 0
  private limit = BATCH

  constructor(
    private readonly backlog: ForwardBacklog,
    private readonly window: SendWindow,
    private readonly outbox: Outbox
  ) {}

  get buffered(): number {
    return this.buffer.length - this.head
  }

  get liveAllowed(): boolean {
    return !this.active
  }

  get wantsRead(): boolean {
    return this.active && !this.reading && this.buffered < BATCH
  }

  /** Loads the saved cursors; resolves with how many symbols have one. */
  async load(): Promise<number> {
    const cursors = await this.backlog.loadCursors()
    this.window.restore(cursors)
    return cursors.length
  }

  /** The hot path: false when the trade is left to the disk (a spill). */
  admit(t: Trade, outbox: Outbox): boolean {
    if (this.spilling) {
      this.spilled++
      return false
    }
    if (this.active) {
      const k = keyOf(t)
      if (!this.firstLive.has(k)) this.firstLive.set(k, { ts: t.timestamp, id: t.tradeId })
    }
    if (outbox.offer(t)) return true
    this.spilling = true
    this.spilled++
    return false
  }

  peek(): Trade | undefined {
    return this.head < this.buffer.length ? this.buffer[this.head] : undefined
  }

  next(): Trade | undefined {
    if (!this.active && this.spilling && this.outbox.length === 0 && this.window.size === 0) this.beginEpoch()
    if (this.head >= this.buffer.length) return undefined
    const t = this.buffer[this.head++]
    if (this.head > BATCH && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head)
      this.head = 0
    }
    return t
  }

  /** Trades sent and not acknowledged when a connection failed: sent again first. */
  unsend(trades: Trade[]): void {
    if (this.active) {
      this.buffer = [...trades, ...this.buffer.slice(this.head)]
      this.head = 0
    } else this.outbox.unshiftAll(trades)
  }

  clear(): number {
    const n = this.buffered
    this.buffer = []
    this.head = 0
    return n
  }

  private beginEpoch(): void {
    this.active = true
    this.spilling = false
    this.epochStartedAt = Date.now()
    this.firstLive.clear()
    this.readPos.clear()
    this.symbolsLeft = null
  }

  private position(key: SymbolKey): Position {
    const k = keyOf(key)
    let p = this.readPos.get(k)
    if (!p) {
      const c = this.window.cursorOf(key.category, key.symbol)
      p = c ? { ts: c.timestamp, ids: new Set([c.trade_id]) } : { ts: this.since, ids: new Set() }
      this.readPos.set(k, p)
    }
    return p
  }

  /** Reads the next batch from disk into the buffer; ends the epoch when every symbol is done. */
  async fill(): Promise<void> {
    if (this.reading) return
    this.reading = true
    try {
      if (this.symbolsLeft === null) this.symbolsLeft = await this.symbolsToReplay()
      while (this.symbolsLeft.length > 0) {
        const key = this.symbolsLeft[0]
        const pos = this.position(key)
        const depthBefore = this.backlog.queueDepth()
        const after: PublishCursor = { ...key, timestamp: pos.ts, trade_id: '' }
        const batch = await this.backlog.readAfter(key, after, this.since, this.limit)
        const mark = this.firstLive.get(keyOf(key))
        let fresh = 0
        let reached = false
        for (const t of batch) {
          if (t.timestamp < pos.ts || (t.timestamp === pos.ts && pos.ids.has(t.tradeId))) continue
          if (mark && (t.tradeId === mark.id || t.timestamp > mark.ts)) {
            reached = true
            break
          }
          fresh++
          this.buffer.push(t)
          this.replayed++
          if (t.timestamp > pos.ts) {
            pos.ts = t.timestamp
            pos.ids = new Set([t.tradeId])
          } else pos.ids.add(t.tradeId)
        }
        if (reached) {
          this.symbolsLeft.shift()
          continue
        }
        if (fresh > 0) return
        if (batch.length >= this.limit) {
          // A whole batch at one timestamp already seen: read more at once.
          this.limit *= 2
          return
        }
        const settled = depthBefore === 0 || (mark === undefined && Date.now() - this.epochStartedAt > SETTLE_MS)
        if (!settled) return
        this.symbolsLeft.shift()
      }
      this.active = false
      this.symbolsLeft = null
      this.limit = BATCH
    } finally {
      this.reading = false
    }
  }

  private async symbolsToReplay(): Promise<SymbolKey[]> {
    const seen = new Map<string, SymbolKey>()
    for (const k of await this.backlog.symbols()) seen.set(keyOf(k), { category: k.category, symbol: k.symbol })
    for (const c of this.window.cursorList()) seen.set(keyOf(c), { category: c.category, symbol: c.symbol })
    return [...seen.values()]
  }
}
