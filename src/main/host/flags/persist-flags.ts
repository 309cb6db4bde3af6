// The durable tier's flags (serve, demo): where the data dir is, memory only, and retention. Spread
// into the one flag table (flag-table.ts).

import { DEFAULT_SETTINGS, SETTINGS_LIMITS } from '../../../shared/settings'
import { parseRetentionDays, parseRetentionGb } from '../../../shared/validate-persist'
import { switchFlag, valueFlag } from './flag-spec'
import { nonEmpty } from './flag-values'

export const PERSIST_FLAGS = {
  dataDir: valueFlag<string, undefined>({
    name: 'data-dir',
    env: 'MDM_DATA_DIR',
    valueName: 'DIR',
    help: 'where trades (a DuckDB file), the log file and recordings are kept; created when missing',
    parse: nonEmpty('a folder path'),
    default: undefined,
    defaultHelp: 'the per-user data dir, e.g. ~/.local/share/market-data-monitor'
  }),
  noPersist: switchFlag({
    name: 'no-persist',
    env: 'MDM_NO_PERSIST',
    help: 'memory only: no database, no log file (unless --data-dir is given for the log)'
  }),
  retentionDays: valueFlag({
    name: 'retention-days',
    env: 'MDM_RETENTION_DAYS',
    valueName: 'N',
    help: `delete trades older than N days (${SETTINGS_LIMITS.minRetentionDays}–${SETTINGS_LIMITS.maxRetentionDays})`,
    parse: (raw) => parseRetentionDays(raw, 'retention days'),
    default: DEFAULT_SETTINGS.persist.retentionDays
  }),
  retentionGb: valueFlag({
    name: 'retention-gb',
    env: 'MDM_RETENTION_GB',
    valueName: 'N',
    help: `keep the database under N GB, oldest trades deleted first (${SETTINGS_LIMITS.minRetentionGb}–${SETTINGS_LIMITS.maxRetentionGb})`,
    parse: (raw) => parseRetentionGb(raw, 'retention GB'),
    default: DEFAULT_SETTINGS.persist.retentionGb
  })
} as const
