// The newest frames exactly as the socket delivered them, malformed ones too (`GET /debug/frames`):
// when the checklist says "parsed correctly" failed, this is where the user sees what Bybit — or the
// proxy in between — actually sent. Newest first; a row opens to the whole frame; Pause holds the list.

import { Fragment, useEffect, useMemo, useRef, useState } from 'react'
import type { RawFrameDto, RawFramesResponse } from '../../../shared/dto'
import { useServices } from '../app-context'
import { EmptyState, Panel, Pill } from '../components/ui'
import { usePoll } from '../hooks/use-poll'
import { describeFrame } from '../lib/frame-kind'
import { fmtBytes, fmtClockMs, fmtInt } from '../lib/format'

const POLL_MS = 2000
const LIMITS = [20, 50, 200] as const
/** The list's one-line preview (and its tooltip) shows at most this much of a frame; Show opens it whole. */
const PREVIEW_CHARS = 600

function preview(text: string): string {
  return text.length <= PREVIEW_CHARS ? text : `${text.slice(0, PREVIEW_CHARS)}…`
}

/** FNV-1a of the text: with the receive time, a frame's identity across polls (the ring keeps no ids). */
function textHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

/** Keys for the frames, newest first; two identical frames in one millisecond get `#2`, `#3`. */
function frameKeys(frames: readonly RawFrameDto[]): string[] {
  const seen = new Map<string, number>()
  return frames.map((f) => {
    const base = `${f.received_at}:${textHash(f.text)}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n === 1 ? base : `${base}#${n}`
  })
}

function FrameRow({ frame, open, onToggle }: { frame: RawFrameDto; open: boolean; onToggle(): void }) {
  // a row keeps its frame from poll to poll (same key): named and indented once, not every 2 s
  const d = useMemo(() => describeFrame(frame.text), [frame.text])
  const short = preview(frame.text)
  return (
    <Fragment>
      <tr data-testid="raw-frame-row" data-kind={d.kind} className="raw-frame-row">
        <td className="num mono">{fmtClockMs(frame.received_at)}</td>
        <td className="num" data-testid="raw-frame-size">
          {fmtBytes(frame.bytes)}
        </td>
        <td>
          <Pill tone={d.tone} testId="raw-frame-kind">
            {d.label}
          </Pill>
        </td>
        <td className="raw-frame-preview mono" title={short} data-testid="raw-frame-preview">
          {short}
        </td>
        <td>
          <button className="btn small ghost" aria-expanded={open} onClick={onToggle} data-testid="raw-frame-toggle">
            {open ? 'Hide' : 'Show'}
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="raw-frame-detail">
          <td colSpan={5}>
            <pre className="json" data-testid="raw-frame-text">
              {d.pretty}
            </pre>
          </td>
        </tr>
      ) : null}
    </Fragment>
  )
}

function FramesTable({ data }: { data: RawFramesResponse }) {
  const [open, setOpen] = useState<string | null>(null)
  const newestFirst = [...data.frames].reverse()
  const keys = frameKeys(newestFirst)
  return (
    <div className="table-scroll">
      <table className="table raw-frames-table" data-testid="raw-frames-table">
        <thead>
          <tr>
            <th className="num">Received</th>
            <th className="num">Size</th>
            <th>Kind</th>
            <th>Frame</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((f, i) => {
            const key = keys[i] ?? String(i)
            return (
              <FrameRow key={key} frame={f} open={open === key} onToggle={() => setOpen(open === key ? null : key)} />
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function RingLine({ data }: { data: RawFramesResponse }) {
  const r = data.ring
  return (
    <div className="muted small table-foot" data-testid="raw-frames-ring">
      The ring holds {fmtInt(r.count)} of at most {fmtInt(r.max_count)} frames ({fmtBytes(r.bytes)} of{' '}
      {fmtBytes(r.max_bytes)}); <span className="mono">GET /debug/frames?limit=1000</span> reads up to 1,000.
    </div>
  )
}

export function RawFramesPanel() {
  const { api } = useServices()
  const [limit, setLimit] = useState<number>(LIMITS[0])
  const [paused, setPaused] = useState(false)
  const { data, error, reload } = usePoll(() => api.getRawFrames({ limit }), POLL_MS, !paused)
  // a new limit reads now, paused or not, rather than at the next poll (the first read is the poll's)
  const shownLimit = useRef(limit)
  useEffect(() => {
    if (shownLimit.current === limit) return
    shownLimit.current = limit
    void reload()
  }, [limit, reload])
  return (
    <Panel
      title="Raw frames"
      testId="debug-frames"
      actions={
        <span className="row gap">
          <span className="muted small" data-testid="raw-frames-state">
            {paused ? 'Paused: the list is held' : `/debug/frames · every ${POLL_MS / 1000}s`}
          </span>
          <label className="field inline small">
            <span>Show</span>
            <select
              className="input"
              value={limit}
              onChange={(e) => setLimit(Number(e.target.value))}
              data-testid="raw-frames-limit"
            >
              {LIMITS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button className="btn small" onClick={() => setPaused(!paused)} data-testid="raw-frames-pause">
            {paused ? 'Resume' : 'Pause'}
          </button>
        </span>
      }
    >
      {error ? (
        <div className="banner tone-bad" role="alert">
          Could not read the raw frames: {error}
        </div>
      ) : null}
      {!data ? (
        <EmptyState title="Loading raw frames…" />
      ) : data.frames.length === 0 ? (
        <EmptyState title="No frames received yet" testId="raw-frames-empty">
          Every frame the collector&apos;s sockets receive is kept here as sent, before parsing, until newer frames push
          it out.
        </EmptyState>
      ) : (
        <>
          <FramesTable data={data} />
          <RingLine data={data} />
        </>
      )}
    </Panel>
  )
}
