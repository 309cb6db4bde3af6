// the shared stylesheets first: every view's and component's own stylesheet builds on them
import './styles/base.css'
import './styles/controls.css'
import './styles/panels.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { getApi } from './api/get-api'
import { App } from './App'
import { ServicesContext, type AppServices } from './app-context'
import { WebAudioOut } from './sound/audio-out'
import { startSoundAlerts } from './sound/sound-alerts'
import { appStore } from './store'
import { startSync } from './sync/engine-sync'
import { bindTapeToStore } from './tape/bind'
import { TapeModel } from './tape/tape-model'

const api = getApi()
const tape = new TapeModel()
bindTapeToStore(appStore, tape)
const audio = new WebAudioOut()
const services: AppServices = { api, tape, sync: startSync(api, appStore, tape), audio }
startSoundAlerts(api, appStore, audio)

// the theme lives on <html> too, so the page background matches before React paints
appStore.subscribe((s, prev) => {
  if (s.theme !== prev.theme) document.documentElement.dataset.theme = s.theme
})
document.documentElement.dataset.theme = appStore.getState().theme

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>
)
