import type { Trade } from '../trade'
import type { SymbolRing } from './symbol-ring'
import type { TradeChunk } from './trade-chunk'

interface Candidate {
  ring: SymbolRing
  chunk: TradeChunk
  i: number
  ts: number
  rt: number
  /** Visit order: ties keep it, as a stable sort of the rings' newest-first lists would. */
  order: number
}

/** a ranks after b (older exchange time, then older receipt, then visited later). */
function after(a: Candidate, b: Candidate): boolean {
  if (a.ts !== b.ts) return a.ts < b.ts
  if (a.rt !== b.rt) return a.rt < b.rt
  return a.order > b.order
}

function siftDown(h: Candidate[], at: number): void {
  let i = at
  for (;;) {
    const l = 2 * i + 1
    const r = l + 1
    let m = i
    if (l < h.length && after(h[l], h[m])) m = l
    if (r < h.length && after(h[r], h[m])) m = r
    if (m === i) return
    ;[h[i], h[m]] = [h[m], h[i]]
    i = m
  }
}

function siftUp(h: Candidate[], at: number): void {
  let i = at
  while (i > 0) {
    const p = (i - 1) >> 1
    if (!after(h[i], h[p])) return
    ;[h[i], h[p]] = [h[p], h[i]]
    i = p
  }
}

/**
 * The newest `limit` trades by exchange time, then receipt, among each ring's newest `limit` by
 * position: the same answer as sorting those lists together, with only `limit` positions kept
 * (a heap whose top is the one to drop next) and only the answer built as trades.
 */
export function newestAcross(rings: Iterable<SymbolRing>, limit: number, symbol?: string): Trade[] {
  const heap: Candidate[] = []
  if (limit <= 0) return []
  let order = 0
  for (const ring of rings) {
    if (symbol !== undefined && ring.symbol !== symbol) continue
    ring.visitNewest(limit, (chunk, i) => {
      const ts = chunk.timestamp(i)
      const rt = chunk.receivedAt(i)
      if (heap.length >= limit && !(heap[0].ts < ts || (heap[0].ts === ts && heap[0].rt < rt))) {
        order++ // not newer than the one to drop next: no candidate built
        return
      }
      const c = { ring, chunk, i, ts, rt, order: order++ }
      if (heap.length < limit) {
        heap.push(c)
        siftUp(heap, heap.length - 1)
      } else if (after(heap[0], c)) {
        heap[0] = c
        siftDown(heap, 0)
      }
    })
  }
  heap.sort((a, b) => (after(a, b) ? 1 : after(b, a) ? -1 : 0))
  return heap.map((c) => c.ring.read(c.chunk, c.i))
}
