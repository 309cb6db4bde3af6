import { useServices } from '../app-context'
import { useAction } from '../hooks/use-action'
import { ActionNote } from './ActionNote'
import { useApp } from '../store'
import { feedState, selectCollectorsMap } from '../store/selectors'

/** Pause / Resume collection (as the desktop tray does), with the engine's answer next to it. */
export function CollectionPauseButton() {
  const { api } = useServices()
  const paused = feedState(useApp(selectCollectorsMap)) === 'paused'
  const { busy, result, run } = useAction()
  const toggle = (): void => run(() => api.setCollectionPaused({ paused: !paused }))
  return (
    <div className="row gap">
      <ActionNote result={result} testId="collection-pause-result" />
      <button
        className="btn small"
        disabled={busy}
        onClick={toggle}
        title={paused ? 'Connect the collectors again' : 'Stop collecting (gaps are recorded) until resumed'}
        data-testid="collection-pause-button"
      >
        {paused ? 'Resume collection' : 'Pause collection'}
      </button>
    </div>
  )
}
