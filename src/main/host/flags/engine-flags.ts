// The engine's flags as settings: one mapping for serve, demo, doctor (argv and environment) and the
// desktop app (environment only), so a value means the same, or is refused the same, everywhere.

import type { SettingsPatch } from '../../../shared/settings'
import type { CommandFlag } from './commands'
import type { LogLevelName } from '../../core/log/engine-log'
import type { FlagId } from './flag-table'
import type { ForwardConfig } from '../../core/forward/forward-config'
import { publishConfig } from './publish-config'
import { publishSettingsOf } from '../../core/engine/forwarding'
import {
  parseCommandLine,
  type Environment,
  type FlagError,
  type FlagValues,
  type ParsedCommandLine
} from './parse-command-line'

type EngineFlag = CommandFlag<'desktop'> | 'host'

export interface EngineFlagValues {
  readonly values: Partial<FlagValues<EngineFlag>>
  readonly given: ReadonlySet<FlagId>
}

/** Only what argv or the environment set: the rest stays as the base settings have it. */
export function settingsPatchFromFlags({ values, given }: EngineFlagValues): SettingsPatch {
  const patch: SettingsPatch = {}
  const mirror: NonNullable<SettingsPatch['mirror']> = {}
  if (given.has('category')) patch.category = values.category
  if (given.has('symbols')) patch.symbols = values.symbols
  if (given.has('wsUrl')) patch.wsUrl = values.wsUrl
  if (given.has('restUrl')) patch.restUrl = values.restUrl
  if (given.has('testnet')) patch.testnet = values.testnet
  if (given.has('maxTradesPerSymbol')) patch.maxTradesPerSymbol = values.maxTradesPerSymbol
  if (given.has('memoryBudgetMb')) patch.memoryBudgetMb = values.memoryBudgetMb
  if (given.has('record')) patch.recordFile = values.record
  if (given.has('proxy')) patch.proxy = values.proxy
  if (given.has('host')) mirror.host = values.host
  if (given.has('port')) mirror.port = values.port
  if (given.has('noMirror')) mirror.enabled = !values.noMirror
  if (Object.keys(mirror).length > 0) patch.mirror = mirror
  const publish = publishConfig(values)
  if (publish) patch.publish = publishSettingsOf(publish)
  return patch
}

export type DesktopEnvironment =
  | {
      ok: true
      patch: SettingsPatch
      logLevel: LogLevelName
      userDataDir: string | undefined
      /** MDM_PUBLISH and its companions: forwarding to NATS JetStream for this run. */
      publish: ForwardConfig | null
    }
  | { ok: false; error: FlagError }

/** The desktop app's `MDM_*` overrides for one run, parsed exactly as serve parses them. */
export function desktopEnvironment(env: Environment): DesktopEnvironment {
  const line = parseCommandLine('desktop', [], env)
  if (line.kind === 'error') return { ok: false, error: line.error }
  if (line.kind === 'help') return { ok: false, error: { code: 'argument_unexpected', message: 'no --help here' } }
  const parsed: ParsedCommandLine<CommandFlag<'desktop'>> = line
  return {
    ok: true,
    patch: settingsPatchFromFlags(parsed),
    logLevel: parsed.values.logLevel,
    userDataDir: parsed.values.userDataDir,
    publish: publishConfig(parsed.values)
  }
}
