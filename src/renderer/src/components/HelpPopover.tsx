import { SHORTCUTS } from '../hooks/use-shortcuts'
import { appStore, useApp } from '../store'
import { selectHelpOpen } from '../store/selectors'
import { KeyCap } from './ui'
import './help-popover.css'

export function HelpPopover() {
  const open = useApp(selectHelpOpen)
  if (!open) return null
  return (
    <div className="help-popover" role="dialog" aria-label="Keyboard shortcuts" data-testid="help-popover">
      <div className="help-head">
        <h3>Keyboard shortcuts</h3>
        <button className="btn ghost small" onClick={() => appStore.getState().setHelpOpen(false)} aria-label="Close">
          ✕
        </button>
      </div>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td className="keys">
                {s.keys.map((k, i) => (k === '–' ? <span key={i}> – </span> : <KeyCap key={i}>{k}</KeyCap>))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
