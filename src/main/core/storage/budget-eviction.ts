import type { SymbolRing } from './symbol-ring'

/**
 * Evicts the oldest held trades across all rings (by local receipt time of each ring's oldest) until
 * `over()` is false or nothing is held. A binary heap of the non-empty rings keyed by their oldest
 * trade is built per call: calls come only when a chunk is to be allocated over the budget, so the
 * hot path pays nothing for it. Returns how many trades were evicted.
 */
export function evictOldestAcross(rings: Iterable<SymbolRing>, over: () => boolean): number {
  if (!over()) return 0
  const heap: SymbolRing[] = []
  const keys: number[] = []
  for (const r of rings) {
    if (r.size > 0) {
      heap.push(r)
      keys.push(r.oldestReceivedAt)
    }
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, keys, i)
  let evicted = 0
  while (heap.length > 0 && over()) {
    const ring = heap[0]
    ring.evictForBudget()
    evicted++
    if (ring.size > 0) keys[0] = ring.oldestReceivedAt
    else {
      const lastRing = heap.pop() as SymbolRing
      const lastKey = keys.pop() as number
      if (heap.length === 0) break
      heap[0] = lastRing
      keys[0] = lastKey
    }
    siftDown(heap, keys, 0)
  }
  return evicted
}

function siftDown(heap: SymbolRing[], keys: number[], at: number): void {
  const n = heap.length
  let i = at
  for (;;) {
    const l = 2 * i + 1
    const r = l + 1
    let m = i
    if (l < n && keys[l] < keys[m]) m = l
    if (r < n && keys[r] < keys[m]) m = r
    if (m === i) return
    ;[heap[i], heap[m]] = [heap[m], heap[i]]
    ;[keys[i], keys[m]] = [keys[m], keys[i]]
    i = m
  }
}
