// The simulator's flags (from the one flag table) as SimulatorOptions: only what was given, so the
// simulator's own defaults stay the ones that apply.

import type { CommandFlag } from '../main/host/flags/commands'
import type { ParsedCommandLine } from '../main/host/flags/parse-command-line'
import { DEFAULT_SYMBOLS, SIM_CATEGORIES, type SimCategory, type SimulatorOptions } from '../simulator'

export function simulatorOptions({ values, given }: ParsedCommandLine<CommandFlag<'simulator'>>): SimulatorOptions {
  const options: SimulatorOptions = {}
  if (given.has('simHost')) options.host = values.simHost
  if (given.has('simListenPort')) options.port = values.simListenPort
  if (values.simRate !== undefined) options.tradesPerSecond = values.simRate
  if (values.replay !== undefined) options.replayFile = values.replay
  if (given.has('replaySpeed')) options.replaySpeed = values.replaySpeed
  if (values.replayLoop) options.replayLoop = true
  if (values.replayCategory !== undefined) options.replayCategory = values.replayCategory
  if (values.simSeed !== undefined) options.seed = values.simSeed
  const perCategory: Record<SimCategory, string[] | undefined> = {
    spot: values.spotSymbols,
    linear: values.linearSymbols,
    inverse: values.inverseSymbols
  }
  if (values.simSymbols !== undefined || Object.values(perCategory).some((list) => list !== undefined)) {
    options.symbols = {}
    for (const c of SIM_CATEGORIES) options.symbols[c] = perCategory[c] ?? values.simSymbols ?? DEFAULT_SYMBOLS[c]
  }
  return options
}
