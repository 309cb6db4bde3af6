// The engine's options for `serve`, `demo` and `doctor`, from the one flag table
// (src/main/host/flags): flags win over the `MDM_*` environment, which wins over the defaults.

import { DEFAULT_SETTINGS, type Settings } from '../shared/settings'
import { applySettingsPatch } from '../shared/validate'
import type { CommandFlag } from '../main/host/flags/commands'
import { defaultDataDir } from '../main/host/data-dir'
import { settingsPatchFromFlags } from '../main/host/flags/engine-flags'
import type { LogLevelName } from '../main/core/log/engine-log'
import type { FlagId } from '../main/host/flags/flag-table'
import type { FlagValues } from '../main/host/flags/parse-command-line'
import { publishConfig, type PublishFlag } from '../main/host/flags/publish-config'
import type { ForwardConfig } from '../main/core/forward/forward-config'

export interface CliOptions {
  settings: Settings
  /** Mirror address and switch, also in `settings.mirror`. */
  host: string
  port: number
  mirror: boolean
  logLevel: LogLevelName
  /** Build the browser UI on first start when it is missing (`--ui-build off` / MDM_UI_BUILD=off: never). */
  buildUi: boolean
  /** Forwarding to NATS JetStream (--publish); null: off. */
  publish: ForwardConfig | null
  /**
   * The data dir (database, log file, recordings): `--data-dir`, else the per-user default; null
   * without one (doctor, or `--no-persist` without `--data-dir`).
   */
  dataDir: string | null
}

/** The flags every engine-running command shares. */
type EngineCommandFlag = CommandFlag<'serve'> & CommandFlag<'demo'> & CommandFlag<'doctor'>
/** serve's and demo's, not doctor's: doctor never writes to a data dir. */
type PersistFlag = 'dataDir' | 'noPersist' | 'retentionDays' | 'retentionGb'

export function cliOptions(line: {
  values: FlagValues<EngineCommandFlag> &
    Partial<FlagValues<'uiBuild'>> &
    Partial<FlagValues<PersistFlag>> &
    Partial<FlagValues<PublishFlag>>
  given: ReadonlySet<FlagId>
}): CliOptions {
  const settings = applySettingsPatch(structuredClone(DEFAULT_SETTINGS), settingsPatchFromFlags(line))
  const { noPersist, dataDir, retentionDays, retentionGb } = line.values
  // Without the flags (doctor) nothing persists.
  const persist = noPersist === false
  settings.persist = {
    enabled: persist,
    retentionDays: retentionDays ?? settings.persist.retentionDays,
    retentionGb: retentionGb ?? settings.persist.retentionGb
  }
  const { host, port, enabled } = settings.mirror
  return {
    settings,
    host,
    port,
    mirror: enabled,
    logLevel: line.values.logLevel,
    buildUi: line.values.uiBuild !== 'off',
    publish: publishConfig(line.values),
    dataDir: dataDir ?? (persist ? defaultDataDir() : null)
  }
}
