// "Launch at login" applied to the OS; ../host/login-item.ts decides what to ask for.

import { app } from 'electron'
import { planLoginItem } from '../host/login-item'

export function applyLaunchAtLogin(wanted: boolean, log: (level: 'INFO' | 'WARNING', message: string) => void): void {
  const current = process.platform === 'linux' ? false : app.getLoginItemSettings().openAtLogin
  const plan = planLoginItem(wanted, current, { platform: process.platform, packaged: app.isPackaged })
  if (plan.kind === 'set') app.setLoginItemSettings({ openAtLogin: plan.openAtLogin })
  else if (plan.kind === 'unsupported') log('WARNING', `Launch at login: ${plan.reason}`)
  else if (plan.kind === 'skipped') log('INFO', `Launch at login: ${plan.reason}`)
}
