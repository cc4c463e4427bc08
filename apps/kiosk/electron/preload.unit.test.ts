// The preload against a fake `electron`: the page gets exactly the KioskBridge, nothing of Electron.
import { describe, expect, it, vi } from 'vitest'
import type { KioskBridge, KioskState } from '../src/kiosk-bridge.ts'
import { fake } from './fake-electron.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

await import('./preload.ts')
const { ipcChannels } = await import('./shell.ts')

const bridge = () => fake.exposed.get('darwazaKiosk') as KioskBridge
const revoked: KioskState = { enrolment: 'revoked', printerProblem: null }

describe('preload', () => {
  it('exposes only window.darwazaKiosk: device info, printing, kiosk state and the session wipe', () => {
    expect([...fake.exposed.keys()]).toEqual(['darwazaKiosk'])
    expect(bridge()).toBeTypeOf('object')
    expect(Object.keys(bridge()).sort()).toEqual(['deviceInfo', 'kioskState', 'onKioskState', 'print', 'wipeSession'])
  })

  it('forwards calls on the channels the main process handles, passing only the print request', async () => {
    const call = bridge() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    const request = { kind: 'receipt', html: '<p>receipt</p>' }
    expect(await call.deviceInfo?.('ignored')).toEqual({ invoked: ipcChannels.deviceInfo })
    expect(await call.print?.(request, 'extra')).toEqual({ invoked: ipcChannels.print })
    expect(await call.kioskState?.('ignored')).toEqual({ invoked: ipcChannels.kioskState })
    expect(await call.wipeSession?.('ignored')).toEqual({ invoked: ipcChannels.wipeSession })
    expect(fake.invocations).toEqual([
      [ipcChannels.deviceInfo],
      [ipcChannels.print, request],
      [ipcChannels.kioskState],
      [ipcChannels.wipeSession],
    ])
  })

  it('hands kiosk state changes to the page as data alone, never the IPC event', () => {
    const seen: unknown[][] = []
    const stop = bridge().onKioskState((...args: unknown[]) => seen.push(args))
    const ipcEvent = { sender: { send: () => {} }, ports: [] }
    fake.rendererListeners.emit(ipcChannels.kioskStateChanged, ipcEvent, revoked)
    expect(seen).toEqual([[revoked]])
    stop()
  })

  it('stops telling a listener once it unsubscribes, and keeps telling the others', () => {
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = bridge().onKioskState(first)
    bridge().onKioskState(second)
    stopFirst()
    fake.rendererListeners.emit(ipcChannels.kioskStateChanged, {}, revoked)
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledExactlyOnceWith(revoked)
  })

  it('refuses a listener that is not a function', () => {
    expect(() => bridge().onKioskState('alert(1)' as unknown as () => void)).toThrow(
      'onKioskState needs a function to call',
    )
  })
})
