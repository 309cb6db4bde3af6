// The rows of a batch as DuckDB reads them through `mdm_batch()`: every trade but the copies
// (batch-copies.ts), grouped by symbol in the order they were queued. Grouping here (a counting
// sort over symbol ids) spares the INSERT a sort: rows of one symbol side by side, in time order
// as they arrived, compress as well as sorted ones. A chunk of rows is gathered into one typed
// array per column and each column goes into DuckDB's vector as one copy (DuckDB's C API,
// `copy_data_to_vector`): no call per value.

import duckdb from '@duckdb/node-bindings'
import type { DuckDBDataChunk } from '@duckdb/node-api'
import { SEGMENT_ROWS, type SegmentBatch } from './write-queue'

const SEGMENT_BITS = Math.log2(SEGMENT_ROWS)
/** UINTEGER columns of `mdm_batch()`: row, sym, meta, w1, w2, w3 (BATCH_COLUMNS' first six). */
const U_OUT = 6
/** DOUBLE columns after the UUID: ts, received, seq, price, size. */
const F_OUT = 5

const words = Array.from({ length: U_OUT }, () => new Uint32Array(SEGMENT_ROWS))
/** DuckDB's stored form of a UUID: a little-endian 128-bit integer with the top bit flipped. */
const uuids = new Uint32Array(SEGMENT_ROWS * 4)
const numbers = Array.from({ length: F_OUT }, () => new Float64Array(SEGMENT_ROWS))

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

function copyColumn(out: DuckDBDataChunk, column: number, from: ArrayBufferView, bytes: number): void {
  duckdb.copy_data_to_vector(
    duckdb.data_chunk_get_vector(out.chunk, column),
    0,
    from.buffer as ArrayBuffer,
    from.byteOffset,
    bytes
  )
}

/**
 * Rows `order[from…from+n)` into DuckDB's chunk, as BATCH_COLUMNS: the row's number, its symbol
 * id, the meta word, the three words of a decimal id, the UUID, then the segment's doubles.
 */
export function fillRows(out: DuckDBDataChunk, batch: SegmentBatch, order: Uint32Array, from: number, n: number): void {
  const W = SEGMENT_ROWS
  for (let r = 0; r < n; r++) {
    const at = order[from + r]
    const seg = batch.segments[at >>> SEGMENT_BITS]
    const i = at & (W - 1)
    const { u, f } = seg.chunk
    words[0][r] = at
    words[1][r] = seg.symbols[i]
    words[2][r] = u[i]
    words[3][r] = u[W + i]
    words[4][r] = u[2 * W + i]
    words[5][r] = u[3 * W + i]
    // the UUID's hex words are u[1..4], first to last: lower half (u3, u4), then upper (u1, u2) with its top bit flipped
    uuids[4 * r] = u[4 * W + i]
    uuids[4 * r + 1] = u[3 * W + i]
    uuids[4 * r + 2] = u[2 * W + i]
    uuids[4 * r + 3] = (u[W + i] ^ 0x80000000) >>> 0
    for (let c = 0; c < F_OUT; c++) numbers[c][r] = f[c * W + i]
  }
  duckdb.data_chunk_set_size(out.chunk, n)
  for (let c = 0; c < U_OUT; c++) copyColumn(out, c, words[c], n * 4)
  copyColumn(out, U_OUT, uuids, n * 16)
  for (let c = 0; c < F_OUT; c++) copyColumn(out, U_OUT + 1 + c, numbers[c], n * 8)
}
