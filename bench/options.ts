// `npm run bench` flags, from the one flag table (src/main/host/flags): sizes have a full default and a
// --quick default (CI) for whatever was not given.

import type { CommandFlag } from '../src/main/host/flags/commands'
import { BENCH_PARTS, type BenchPart } from '../src/main/host/flags/flag-table'
import type { ParsedCommandLine } from '../src/main/host/flags/parse-command-line'

export const PARTS = BENCH_PARTS
export type Part = BenchPart

export interface BenchOptions {
  quick: boolean
  trades: number
  memoryTrades: number
  /** Trades through the durable tier for bytes per trade. */
  persistTrades: number
  sampleEvery: number
  maxTradesPerSymbol: number
  repeats: number
  ccxtRepeats: number
  liveSeconds: number
  uiSeconds: number
  seed: number
  parts: Set<Part>
  out: string
  chromium: string
  cpuProf: string | null
  verbose: boolean
}

export function benchOptions({ values, given }: ParsedCommandLine<CommandFlag<'bench'>>): BenchOptions {
  const quick = values.quick
  const sized = <K extends CommandFlag<'bench'>>(id: K, quickValue: number): number =>
    given.has(id) || !quick ? (values[id] as number) : quickValue
  const parts = new Set<Part>(values.only ?? PARTS)
  for (const p of values.skip ?? []) parts.delete(p)
  return {
    quick,
    trades: sized('trades', 30_000),
    memoryTrades: sized('memoryTrades', 20_000),
    persistTrades: quick ? 100_000 : 1_000_000,
    sampleEvery: sized('sampleEvery', 5_000),
    maxTradesPerSymbol: sized('benchMaxTrades', 1_000),
    repeats: sized('repeats', 1),
    ccxtRepeats: values.ccxtRepeats,
    liveSeconds: sized('liveSeconds', 2),
    uiSeconds: sized('uiSeconds', 2),
    seed: values.benchSeed,
    parts,
    out: values.out,
    chromium: values.chromium,
    cpuProf: values.cpuProf ?? null,
    verbose: values.verbose
  }
}
