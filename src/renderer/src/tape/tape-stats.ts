// The tape's own receipt→painted numbers, on `window.__mdmTapeStats` for benchmarks and the
// curious: rows written to the DOM, and for recent batches the time from the `trades` event's
// receipt to the frame after its newest row was written (a bounded ring, newest last).

export const RECEIPT_SAMPLES = 256

export interface TapeStats {
  /** Rows written to the DOM since start (a row rewritten after a change counts again). */
  painted: number
  /** Frames in which the tape changed. */
  paints: number
  /** Recent receipt→painted latencies in ms, oldest first, at most RECEIPT_SAMPLES. */
  receiptToPaintMs: number[]
  /** The tape's own work per animation frame (queued trades → rows, then the visible rows painted), ms, recent frames. */
  frameWorkMs: number[]
}

declare global {
  interface Window {
    __mdmTapeStats?: TapeStats
  }
}

export function createTapeStats(): TapeStats {
  const stats: TapeStats = { painted: 0, paints: 0, receiptToPaintMs: [], frameWorkMs: [] }
  if (typeof window !== 'undefined') window.__mdmTapeStats = stats
  return stats
}

function record(samples: number[], ms: number, keep: number): void {
  if (samples.length >= keep) samples.shift()
  samples.push(Math.round(ms * 10) / 10)
}

export function recordReceiptToPaint(stats: TapeStats, ms: number): void {
  record(stats.receiptToPaintMs, ms, RECEIPT_SAMPLES)
}

/** Frames of tape work kept: ten seconds at 60 Hz. */
export const FRAME_WORK_SAMPLES = 600

export function recordFrameWork(stats: TapeStats, ms: number): void {
  record(stats.frameWorkMs, ms, FRAME_WORK_SAMPLES)
}
