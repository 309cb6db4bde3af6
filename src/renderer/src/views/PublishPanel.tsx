import { useState } from 'react'
import type { PublishSettings, Settings } from '../../../shared/settings'
import { maskPublishUrl, parsePublishSettings, unmaskPublishUrls } from '../../../shared/validate-publish'
import { ErrorBanner, Panel } from '../components/ui'
import { useSettingsApply } from '../hooks/use-settings-apply'

interface Draft {
  urls: string
  stream: string
  noCreate: boolean
  credsFile: string
  tlsCaFile: string
}

function draftFrom(p: PublishSettings): Draft {
  return {
    urls: p.urls.map(maskPublishUrl).join('\n'),
    stream: p.stream,
    noCreate: p.noCreate,
    credsFile: p.credsFile ?? '',
    tlsCaFile: p.tlsCaFile ?? ''
  }
}

const TEXT_FIELDS = [
  { key: 'stream', label: 'Stream', placeholder: 'TRADES', testId: 'publish-stream' },
  { key: 'credsFile', label: 'Credentials file (JWT and nkey seed)', placeholder: 'none', testId: 'publish-creds' },
  { key: 'tlsCaFile', label: 'CA file (PEM) for a TLS server', placeholder: "the system's", testId: 'publish-tls-ca' }
] as const

/**
 * Forwarding every stored trade to NATS JetStream, applied at once (the forwarder restarts): the
 * servers (one per line; empty: off), the stream, the credentials and CA files, never creating the
 * stream. A password in a URL is shown as *** and kept as saved unless retyped.
 */
export function PublishPanel({ settings }: { settings: Settings }) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings.publish))
  const { busy, error, apply } = useSettingsApply()
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }))
  const typed = draft.urls.split('\n').map((u) => u.trim())
  const parsed = parsePublishSettings({
    urls: unmaskPublishUrls(typed, settings.publish.urls),
    stream: draft.stream,
    noCreate: draft.noCreate,
    credsFile: draft.credsFile,
    tlsCaFile: draft.tlsCaFile
  })
  const changed = JSON.stringify(draft) !== JSON.stringify(draftFrom(settings.publish))
  const on = settings.publish.urls.length > 0

  return (
    <Panel title="Forwarding (NATS JetStream)" testId="publish-panel">
      <p className="muted small" data-testid="publish-state">
        {on
          ? `On: every stored trade goes to stream ${settings.publish.stream} on ${settings.publish.urls.map(maskPublishUrl).join(', ')}`
          : 'Off: no NATS server set.'}
      </p>
      <label className="publish-field">
        <span>NATS servers, one per line (empty: off)</span>
        <textarea
          className="input mono"
          rows={2}
          value={draft.urls}
          placeholder="nats://127.0.0.1:4222"
          spellCheck={false}
          disabled={busy}
          onChange={(e) => edit('urls', e.target.value)}
          data-testid="publish-urls"
        />
      </label>
      {TEXT_FIELDS.map((f) => (
        <label key={f.key} className="publish-field">
          <span>{f.label}</span>
          <input
            className="input mono"
            value={draft[f.key]}
            placeholder={f.placeholder}
            spellCheck={false}
            disabled={busy}
            onChange={(e) => edit(f.key, e.target.value)}
            data-testid={f.testId}
          />
        </label>
      ))}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.noCreate}
          disabled={busy}
          onChange={(e) => edit('noCreate', e.target.checked)}
          data-testid="publish-no-create"
        />
        <span>
          Never create the stream
          <span className="muted small"> Report it missing instead.</span>
        </span>
      </label>
      {!parsed.ok ? (
        <p className="form-error" data-testid="publish-invalid">
          {parsed.error}
        </p>
      ) : null}
      <div className="publish-actions">
        <button
          className="btn small"
          disabled={busy || !changed || !parsed.ok}
          onClick={() => parsed.ok && apply({ publish: parsed.value })}
          data-testid="publish-apply"
        >
          Apply
        </button>
      </div>
      <ErrorBanner error={error} />
    </Panel>
  )
}
