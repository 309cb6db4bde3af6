// Collection paused by the user, on a real engine with the mirror: the checklist says so instead of
// failing the connection with fixes (DNS, proxy…) that do not apply, and the checks behind it say the same.

import { afterEach, describe, expect, it } from 'vitest'
import { waitSubscribed } from '../support/stack'
import { checklistWhen, item, passes, startRig, type Rig } from './support'

let rig: Rig | null = null

afterEach(async () => {
  await rig?.close()
  rig = null
})

describe('checklist while collection is paused', () => {
  it('skips the connection with the resume fix, and what depends on it says collection is paused', async () => {
    rig = await startRig({})
    const r = rig
    await waitSubscribed(r.engine)
    await checklistWhen(r.engine, passes('connected', 'subscription_confirmed'), 'connected and subscribed')
    await r.engine.handlers.setCollectionPaused({ paused: true })

    const report = await r.engine.handlers.getChecklist()
    const api = r.mirror?.url?.replace('127.0.0.1', 'localhost')
    const resume = `Resume collection (Settings → Actions, the tray, or \`curl -X POST -H "X-MDM-Token: $MDM_TOKEN" -H 'content-type: application/json' -d '{"paused":false}' ${api}/collectors/paused\`)`
    expect(item(report, 'connected')).toMatchObject({
      status: 'skipped',
      evidence: 'collection is paused',
      fix: [resume]
    })
    const sub = item(report, 'subscription_confirmed')
    expect([sub.status, sub.fix]).toEqual(['skipped', [resume]])
    expect(sub.evidence).toMatch(/^collection is paused \("WebSocket connected" skipped\); meanwhile: /)
    expect(report.first_failure).toBeNull()
    expect(report.items.filter((i) => i.status === 'fail')).toEqual([])
    expect(report.items.flatMap((i) => i.fix).join('\n')).not.toMatch(/DNS|proxy|getent|doctor/i)

    await r.engine.handlers.setCollectionPaused({ paused: false })
    await checklistWhen(r.engine, passes('connected', 'subscription_confirmed'), 'connected again after resume')
  })
})
