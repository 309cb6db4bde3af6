// Copies within one batch: a trade is the same when its symbol and id are. The hot tier drops
// the copies it can see, so a batch rarely holds one, and finding them costs a pass over the
// batch's id words through an open-addressing table (no strings, no allocation per trade) instead
// of a DISTINCT over every row in SQL. A copy is flagged in its segment's `copies` and not served
// to DuckDB.

import { CHUNK_META } from '../storage/trade-chunk'
import type { Segment, SegmentBatch } from './write-queue'

const KIND_MASK = 3

function kindOf(seg: Segment, i: number): number {
  return (seg.chunk.u[i] >>> CHUNK_META.idShift) & KIND_MASK
}

function oddId(seg: Segment, i: number): string {
  return seg.chunk.odd?.get(i)?.id ?? ''
}

function hashOf(seg: Segment, i: number): number {
  const { u } = seg.chunk
  const w = seg.chunk.size
  const kind = kindOf(seg, i)
  let h = Math.imul(seg.symbols[i] ^ 0x9e3779b9, 0x85ebca6b)
  // Only the words the id's kind writes: a slot of a recycled segment keeps its previous trade's
  // words in the others (a numeric id leaves word 4, an odd id all four), and two copies whose
  // hashes differ there would never meet in the table.
  const words = kind === CHUNK_META.idUuid ? 4 : kind === CHUNK_META.idNumber ? 3 : 0
  for (let k = 1; k <= words; k++) h = Math.imul(h ^ u[k * w + i], 0xc2b2ae35) ^ (h >>> 15)
  if (words === 0) {
    const id = oddId(seg, i)
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193)
  }
  return h ^ (h >>> 16)
}

function sameTrade(a: Segment, i: number, b: Segment, j: number): boolean {
  if (a.symbols[i] !== b.symbols[j]) return false
  const kind = kindOf(a, i)
  if (kind !== kindOf(b, j)) return false
  if (kind !== CHUNK_META.idNumber && kind !== CHUNK_META.idUuid) return oddId(a, i) === oddId(b, j)
  const words = kind === CHUNK_META.idUuid ? 4 : 3
  for (let k = 1; k <= words; k++) {
    if (a.chunk.u[k * a.chunk.size + i] !== b.chunk.u[k * b.chunk.size + j]) return false
  }
  return true
}

/** Flags every trade of the batch that an earlier one in it repeats; returns how many. */
export function markCopies(batch: SegmentBatch): number {
  let size = 1024
  while (size < batch.count * 2) size *= 2
  const mask = size - 1
  const slots = new Int32Array(size)
  const rowsPerSegment = batch.segments[0]?.chunk.size ?? 0
  let copies = 0
  batch.segments.forEach((seg, s) => {
    for (let i = 0; i < seg.count; i++) {
      let at = hashOf(seg, i) & mask
      let copy = 0
      for (;;) {
        const held = slots[at]
        if (held === 0) {
          slots[at] = s * rowsPerSegment + i + 1
          break
        }
        const other = held - 1
        if (sameTrade(batch.segments[Math.floor(other / rowsPerSegment)], other % rowsPerSegment, seg, i)) {
          copy = 1
          copies++
          break
        }
        at = (at + 1) & mask
      }
      seg.copies[i] = copy
    }
  })
  return copies
}
