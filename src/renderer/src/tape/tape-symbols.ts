// The symbols the tape's filter offers: those of the settings' selection as trades name them (a
// `linear:ETHUSDT` pair is ETHUSDT; `ALL` names no symbol), those seen on the tape, and the one
// filtered now (set from the Symbols view before its first trade arrived).

import { ALL_SYMBOLS } from '../../../shared/markets'

export function tapeSymbolChoices(
  selection: readonly string[],
  seen: Iterable<string>,
  current: string | null
): string[] {
  const out = new Set<string>()
  for (const entry of selection) {
    if (entry === ALL_SYMBOLS) continue
    out.add(entry.slice(entry.indexOf(':') + 1))
  }
  for (const s of seen) out.add(s)
  if (current !== null) out.add(current)
  return [...out].sort()
}
