import {
  isLogCode,
  LOG_CODE_GROUP_LABELS,
  LOG_CODE_GROUPS,
  LOG_CODE_MEANINGS,
  type LogCode,
  type LogCodeGroup
} from '../../../shared/log-codes'

const GROUPS = Object.keys(LOG_CODE_GROUP_LABELS) as LogCodeGroup[]

/** The Logs view's code filter: every code of the shared list, grouped, each titled with its meaning. */
export function LogCodeSelect({ value, onChange }: { value: LogCode | null; onChange(code: LogCode | null): void }) {
  return (
    <label className="field inline">
      <span>Code</span>
      <select
        className="input"
        value={value ?? ''}
        onChange={(e) => onChange(isLogCode(e.target.value) ? e.target.value : null)}
        data-testid="log-code"
      >
        <option value="">Any code</option>
        {GROUPS.map((group) => (
          <optgroup key={group} label={LOG_CODE_GROUP_LABELS[group]}>
            {LOG_CODE_GROUPS[group].map((code) => (
              <option key={code} value={code} title={LOG_CODE_MEANINGS[code]}>
                {code}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  )
}
