// Per-ring figures for `/debug/storage` and the metrics: one pass over the rings, each keyed as
// `symbol`, or `category:symbol` once more than one category has rings.

import type { SymbolMemory } from '../../../shared/dto'
import type { SymbolActivity } from './symbol-activity'
import type { SymbolRing } from './symbol-ring'

export interface SymbolDebug {
  stored: number
  capacity: number
  dedupe_index: number
}

export type RingKey = (ring: SymbolRing) => string

/** Per ring: columns' bytes and slots, evictions by reason. */
export function symbolMemoryOf(rings: Iterable<SymbolRing>, key: RingKey): Record<string, SymbolMemory> {
  const out: Record<string, SymbolMemory> = {}
  for (const ring of rings) {
    out[key(ring)] = {
      stored: ring.size,
      allocated_slots: ring.allocatedSlots,
      bytes: ring.bytes,
      evicted_cap: ring.evictions.cap,
      evicted_budget: ring.evictions.budget
    }
  }
  return out
}

/** Per ring: trades held, the cap, and the ids the duplicate check holds. */
export function symbolDebugOf(rings: Iterable<SymbolRing>, key: RingKey): Record<string, SymbolDebug> {
  const out: Record<string, SymbolDebug> = {}
  for (const ring of rings) {
    out[key(ring)] = { stored: ring.size, capacity: ring.capacity, dedupe_index: ring.dedupeIndexSize }
  }
  return out
}

/** Every ring's counters and newest trade: no per-trade work. */
export function symbolActivityOf(rings: Iterable<SymbolRing>): SymbolActivity[] {
  const out: SymbolActivity[] = []
  for (const ring of rings) {
    const { cap, budget } = ring.evictions
    out.push({
      category: ring.category,
      symbol: ring.symbol,
      held: ring.size,
      storedTotal: ring.sums.storedTotal,
      evictedTotal: cap + budget,
      newest: ring.newest()
    })
  }
  return out
}
