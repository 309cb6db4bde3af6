// How many trades per symbol the start-up load may read from the data dir so that what it loads
// fits the memory budget: a fair share of the free budget per symbol still to load, priced by what
// a ring can take for n trades, so loading never evicts (by budget) history it has just loaded.

import { MIN_CHUNK } from './symbol-ring'
import { CHUNK_OVERHEAD_BYTES, SLOT_BYTES } from './trade-chunk'

/** A ring's smallest chunk: what even one trade allocates. */
const MIN_CHUNK_BYTES = MIN_CHUNK * SLOT_BYTES + CHUNK_OVERHEAD_BYTES
/**
 * Per trade at most: its slot plus the per-chunk overhead of the smallest chunks, and a quarter
 * more for the newest chunk's free slots (a ring grows by chunks of up to an eighth of what it
 * holds, rounded up to a power of two).
 */
const BYTES_PER_TRADE = Math.ceil((SLOT_BYTES + CHUNK_OVERHEAD_BYTES / MIN_CHUNK) * 1.25)

/** Trades one symbol may load from `freeBytes` of budget shared by `symbolsLeft` symbols (this one too). */
export function loadShare(freeBytes: number, symbolsLeft: number): number {
  if (symbolsLeft <= 0) return 0
  const share = freeBytes / symbolsLeft - MIN_CHUNK_BYTES
  return Math.max(0, Math.floor(share / BYTES_PER_TRADE))
}
