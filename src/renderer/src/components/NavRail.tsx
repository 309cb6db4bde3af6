import { appStore, useApp } from '../store'
import { selectView } from '../store/selectors'
import { VIEWS } from '../store/ui-slice'
import { KeyCap } from './ui'
import './nav-rail.css'

export function NavRail() {
  const view = useApp(selectView)
  return (
    <nav className="navrail" aria-label="Views">
      <ul>
        {VIEWS.map((v, i) => (
          <li key={v.id}>
            <button
              className={`nav-item ${view === v.id ? 'active' : ''}`}
              aria-current={view === v.id ? 'page' : undefined}
              onClick={() => appStore.getState().setView(v.id)}
              data-testid={`nav-${v.id}`}
            >
              <span className="nav-label">{v.label}</span>
              <KeyCap>{i + 1}</KeyCap>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-foot">
        Press <KeyCap>?</KeyCap> for shortcuts
      </div>
    </nav>
  )
}
