// The rows of a batch as DuckDB reads them through `mdm_batch()`: every trade but the copies
// (batch-copies.ts), grouped by symbol in the order they were queued. Grouping here (a counting
// sort over symbol ids) spares the INSERT a sort: rows of one symbol side by side, in time order
// as they arrived, compress as well as sorted ones.

import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api'
import { SEGMENT_ROWS, type SegmentBatch } from './write-queue'

const U_COLUMNS = 5
const F_COLUMNS = 5
const SEGMENT_BITS = Math.log2(SEGMENT_ROWS)

/** Kept rows as `segment << SEGMENT_BITS | row`, grouped by symbol id. */
export function rowOrder(batch: SegmentBatch, symbolCount: number): Uint32Array {
  const starts = new Uint32Array(symbolCount + 1)
  let kept = 0
  for (const seg of batch.segments) {
    for (let i = 0; i < seg.count; i++) {
      if (seg.copies[i] === 0) {
        starts[seg.symbols[i] + 1]++
        kept++
      }
    }
  }
  for (let s = 1; s <= symbolCount; s++) starts[s] += starts[s - 1]
  const order = new Uint32Array(kept)
  batch.segments.forEach((seg, k) => {
    for (let i = 0; i < seg.count; i++) {
      if (seg.copies[i] === 0) order[starts[seg.symbols[i]]++] = (k << SEGMENT_BITS) | i
    }
  })
  return order
}

/**
 * Rows `order[from…from+n)` into DuckDB's chunk, as `BATCH_COLUMNS` (the first seven UINTEGER,
 * the rest DOUBLE): the row's number, its symbol id and the segment's columns.
 */
export function fillRows(out: DuckDBDataChunk, batch: SegmentBatch, order: Uint32Array, from: number, n: number): void {
  out.rowCount = n
  const v: DuckDBVector[] = []
  for (let c = 0; c < 2 + U_COLUMNS + F_COLUMNS; c++) v.push(out.getColumnVector(c))
  for (let r = 0; r < n; r++) {
    const at = order[from + r]
    const seg = batch.segments[at >>> SEGMENT_BITS]
    const i = at & (SEGMENT_ROWS - 1)
    const { u, f } = seg.chunk
    v[0].setItem(r, at)
    v[1].setItem(r, seg.symbols[i])
    for (let c = 0; c < U_COLUMNS; c++) v[2 + c].setItem(r, u[c * SEGMENT_ROWS + i])
    for (let c = 0; c < F_COLUMNS; c++) v[2 + U_COLUMNS + c].setItem(r, f[c * SEGMENT_ROWS + i])
  }
  for (const col of v) col.flush()
}
