import { useState, type ReactNode } from 'react'
import { CATEGORIES } from '../../../shared/dto'
import { defaultRestUrl, type Settings } from '../../../shared/settings'
import { mirrorMove } from '../api/mirror-follow'
import { useServices } from '../app-context'
import { EmptyState, Panel } from '../components/ui'
import { appStore, useApp } from '../store'
import { collectorList, selectCollectorsMap, selectSettings } from '../store/selectors'
import { ClearStorageButton } from './ClearStorageButton'
import { CollectionPauseButton } from './CollectionPauseButton'
import { CollectorActions } from './CollectorActions'
import { DesktopPanel } from './DesktopPanel'
import { PersistPanel } from './PersistPanel'
import { PublishPanel } from './PublishPanel'
import { SoundPanel } from './SoundPanel'
import {
  checkDraft,
  draftDefaultWsUrls,
  draftFrom,
  LIMIT_HINTS,
  settingsFormKey,
  type DraftField,
  type SettingsDraft
} from './settings-draft'
import './settings.css'
import { errorMessage } from '../../../shared/guards'

type Outcome = { ok: boolean; message: string } | null

function Field({
  label,
  hint,
  error,
  children,
  testId
}: {
  label: string
  hint?: ReactNode
  error?: string
  children: ReactNode
  testId: string
}) {
  return (
    <div className={`form-field ${error ? 'has-error' : ''}`}>
      <label className="form-label">{label}</label>
      <div className="form-control">
        {children}
        {error ? (
          <div className="form-error" role="alert" data-testid={`error-${testId}`}>
            {error}
          </div>
        ) : hint ? (
          <div className="form-hint">{hint}</div>
        ) : null}
      </div>
    </div>
  )
}

/** The storage limits: whole numbers as typed (the shared parser checks them). */
const STORAGE_NUMBER_FIELDS = [
  {
    field: 'maxTradesPerSymbol',
    label: 'Trades per symbol',
    testId: 'maxTrades',
    hint: LIMIT_HINTS.maxTrades,
    inputTestId: 'settings-max-trades'
  },
  {
    field: 'memoryBudgetMb',
    label: 'Memory budget (MB)',
    testId: 'memoryBudget',
    hint: LIMIT_HINTS.memoryBudget,
    inputTestId: 'settings-memory-budget'
  }
] as const

/** A URL-like text field (endpoint, proxy): monospace, wide, no spell check. */
function AddressInput(props: { value: string; placeholder: string; onChange: (v: string) => void; testId: string }) {
  return (
    <input
      className="input mono wide"
      value={props.value}
      placeholder={props.placeholder}
      onChange={(e) => props.onChange(e.target.value)}
      spellCheck={false}
      data-testid={props.testId}
    />
  )
}

function SettingsForm({ settings, onOutcome }: { settings: Settings; onOutcome: (o: Outcome) => void }) {
  const { api } = useServices()
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings))
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({})
  const [saving, setSaving] = useState(false)
  const { errors, patch, changed } = checkDraft(draft, settings)
  const hasErrors = Object.keys(errors).length > 0
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftFrom(settings))
  const edit = <K extends DraftField>(key: K, value: SettingsDraft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }))
    setTouched((t) => ({ ...t, [key]: true }))
    onOutcome(null)
  }
  const err = (key: DraftField): string | undefined => (touched[key] ? errors[key] : undefined)

  const apply = (): void => {
    if (hasErrors || !changed) {
      setTouched(Object.fromEntries(Object.keys(draft).map((k) => [k, true])))
      return
    }
    setSaving(true)
    api.updateSettings(patch).then(
      (next) => {
        setSaving(false)
        onOutcome({ ok: true, message: 'Applied. The engine is using the new settings.' })
        appStore.getState().setSettings(next)
        if (patch.mirror?.port !== undefined && !window.api) followMirror()
      },
      (e: unknown) => {
        setSaving(false)
        onOutcome({ ok: false, message: errorMessage(e) })
      }
    )
  }

  // Browser mode: this page is served by the mirror, which has just moved to another port.
  const followMirror = (): void => {
    mirrorMove(api, window.location).then(
      (move) => {
        if (move.kind === 'failed') onOutcome({ ok: false, message: `The mirror could not move: ${move.error}` })
        if (move.kind !== 'moved') return
        onOutcome({ ok: true, message: `The mirror moved: opening ${move.url}` })
        window.location.assign(move.url)
      },
      (e: unknown) => onOutcome({ ok: false, message: `The mirror moved; open it at its new port (${String(e)})` })
    )
  }

  const effectiveWs = draft.endpoint === 'custom' ? draft.wsUrl || '—' : draftDefaultWsUrls(draft)
  const effectiveRest =
    draft.endpoint === 'custom' ? draft.restUrl || defaultRestUrl(false) : defaultRestUrl(draft.endpoint === 'testnet')

  return (
    <form
      className="settings-form"
      data-testid="settings-form"
      onSubmit={(e) => {
        e.preventDefault()
        apply()
      }}
    >
      <Panel title="Market">
        <Field label="Category" testId="category" hint={LIMIT_HINTS.category} error={err('category')}>
          <input
            className="input mono"
            value={draft.category}
            onChange={(e) => edit('category', e.target.value)}
            spellCheck={false}
            list="settings-categories"
            data-testid="settings-category"
          />
          <datalist id="settings-categories">
            {[...CATEGORIES, CATEGORIES.join(',')].map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </Field>
        <Field label="Symbols" testId="symbols" hint={LIMIT_HINTS.symbols} error={err('symbols')}>
          <input
            className="input mono wide"
            value={draft.symbols}
            onChange={(e) => edit('symbols', e.target.value)}
            spellCheck={false}
            data-testid="settings-symbols"
          />
        </Field>
      </Panel>
      <Panel title="Endpoint">
        <Field label="Exchange" testId="endpoint" error={err('endpoint')}>
          <div className="segmented" role="radiogroup">
            {(['mainnet', 'testnet', 'custom'] as const).map((m) => (
              <label key={m} className={draft.endpoint === m ? 'active' : ''}>
                <input
                  type="radio"
                  name="endpoint"
                  value={m}
                  checked={draft.endpoint === m}
                  onChange={() => edit('endpoint', m)}
                  data-testid={`settings-endpoint-${m}`}
                />
                {m === 'mainnet' ? 'Bybit mainnet' : m === 'testnet' ? 'Bybit testnet' : 'Custom URL'}
              </label>
            ))}
          </div>
        </Field>
        {draft.endpoint === 'custom' ? (
          <>
            <Field
              label="WebSocket URL"
              testId="wsUrl"
              error={err('wsUrl')}
              hint="ws:// only on 127.0.0.1 or localhost"
            >
              <AddressInput
                value={draft.wsUrl}
                placeholder="wss://stream.bybit.com/v5/public/spot"
                onChange={(v) => edit('wsUrl', v)}
                testId="settings-ws-url"
              />
            </Field>
            <Field label="REST URL" testId="restUrl" error={err('restUrl')} hint="empty: Bybit mainnet REST">
              <AddressInput
                value={draft.restUrl}
                placeholder="https://api.bybit.com"
                onChange={(v) => edit('restUrl', v)}
                testId="settings-rest-url"
              />
            </Field>
          </>
        ) : null}
        <Field
          label="Proxy"
          testId="proxy"
          error={err('proxy')}
          hint="empty: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment · none: direct · http://user:pass@host:3128"
        >
          <AddressInput
            value={draft.proxy}
            placeholder="from the environment"
            onChange={(v) => edit('proxy', v)}
            testId="settings-proxy"
          />
        </Field>
        <div className="effective mono small">
          <div>WS {effectiveWs}</div>
          <div>REST {effectiveRest}</div>
        </div>
      </Panel>
      <Panel title="Storage & mirror">
        {STORAGE_NUMBER_FIELDS.map((f) => (
          <Field key={f.field} label={f.label} testId={f.testId} hint={f.hint} error={err(f.field)}>
            <input
              className="input num"
              inputMode="numeric"
              value={draft[f.field]}
              onChange={(e) => edit(f.field, e.target.value)}
              data-testid={f.inputTestId}
            />
          </Field>
        ))}
        <Field label="HTTP mirror" testId="mirror" error={err('mirrorEnabled')}>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.mirrorEnabled}
              onChange={(e) => edit('mirrorEnabled', e.target.checked)}
              data-testid="settings-mirror-enabled"
            />
            Serve the REST API and this UI on 127.0.0.1
          </label>
        </Field>
        <Field label="Mirror port" testId="port" hint={LIMIT_HINTS.port} error={err('mirrorPort')}>
          <input
            className="input num"
            inputMode="numeric"
            value={draft.mirrorPort}
            disabled={!draft.mirrorEnabled}
            onChange={(e) => edit('mirrorPort', e.target.value)}
            data-testid="settings-mirror-port"
          />
        </Field>
      </Panel>
      <Panel title="Notifications">
        <Field label="Feed down alert" testId="notifications" error={err('notificationsEnabled')}>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.notificationsEnabled}
              onChange={(e) => edit('notificationsEnabled', e.target.checked)}
              data-testid="settings-notifications"
            />
            Desktop notification when the feed is down or silent
          </label>
        </Field>
        <Field label="After" testId="threshold" hint={LIMIT_HINTS.threshold} error={err('downThresholdS')}>
          <input
            className="input num"
            inputMode="numeric"
            value={draft.downThresholdS}
            disabled={!draft.notificationsEnabled}
            onChange={(e) => edit('downThresholdS', e.target.value)}
            data-testid="settings-threshold"
          />
        </Field>
      </Panel>
      <div className="form-actions">
        <span className="muted small">
          {hasErrors ? 'Fix the fields marked in red.' : changed ? 'Unsaved changes.' : 'No changes.'}
        </span>
        <button
          type="button"
          className="btn"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(draftFrom(settings))
            setTouched({})
          }}
          data-testid="settings-reset"
        >
          Discard
        </button>
        <button
          type="submit"
          className="btn primary"
          disabled={saving || !changed || hasErrors}
          data-testid="settings-apply"
        >
          {saving ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </form>
  )
}

export function SettingsView() {
  const settings = useApp(selectSettings)
  const collectors = collectorList(useApp(selectCollectorsMap))
  const [outcome, setOutcome] = useState<Outcome>(null)
  if (!settings) return <EmptyState title="Loading settings…" />
  return (
    <div className="view view-settings" data-testid="view-settings">
      <div className="settings-layout">
        <div>
          {outcome ? (
            <div
              className={`banner ${outcome.ok ? 'tone-good' : 'tone-bad'}`}
              role="status"
              data-testid="settings-outcome"
            >
              {outcome.message}
            </div>
          ) : null}
          {/* a new key after each apply of its fields: the form restarts from what the engine now uses */}
          <SettingsForm key={settingsFormKey(settings)} settings={settings} onOutcome={setOutcome} />
        </div>
        <aside>
          <Panel title="Actions" testId="settings-actions">
            {collectors.length === 0 ? <div className="muted small">No collectors running.</div> : null}
            {collectors.map((c) => (
              <div key={c.name} className="action-line">
                <span className="mono">{c.name}</span>
                <CollectorActions name={c.name} />
              </div>
            ))}
            <div className="action-line">
              <span>Collection</span>
              <CollectionPauseButton />
            </div>
            <div className="action-line">
              <span>Storage</span>
              <ClearStorageButton />
            </div>
            <p className="muted small">
              Settings apply without restarting the app: collectors reconnect with the new symbols or endpoint.
            </p>
          </Panel>
          <PersistPanel key={JSON.stringify(settings.persist)} settings={settings} />
          <PublishPanel key={JSON.stringify(settings.publish)} settings={settings} />
          <DesktopPanel settings={settings} />
          <SoundPanel />
        </aside>
      </div>
    </div>
  )
}
