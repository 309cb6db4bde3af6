// Part 2b: heap per held trade, with trades held across many symbols (the hot tier's compact
// layout), next to the same trades held as Trade objects (the layout before it).
import type { HeapLayout, HeapResult } from './messages'
import { BenchChild } from './proc'

export interface HeapRunOptions {
  trades: number
  symbols: number
  seed: number
  verbose: boolean
}

export async function heapRun(layout: HeapLayout, o: HeapRunOptions): Promise<HeapResult> {
  const proc = new BenchChild(
    `heap (${layout})`,
    'heap-client.ts',
    { layout, trades: o.trades, symbols: o.symbols, seed: o.seed },
    // room for the objects layout: about 330 B per trade
    { verbose: o.verbose, nodeFlags: ['--expose-gc', '--max-old-space-size=4096'] }
  )
  try {
    return (await proc.expect('heap', 300_000 + o.trades / 5)).result
  } finally {
    await proc.stop()
  }
}
