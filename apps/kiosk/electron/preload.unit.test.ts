// The preload against a fake `electron`: the page gets exactly the KioskBridge, nothing of Electron.
import { describe, expect, it, vi } from 'vitest'
import { fake } from './fake-electron.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

await import('./preload.ts')
const { ipcChannels } = await import('./shell.ts')

describe('preload', () => {
  it('exposes only window.darwazaKiosk, with deviceInfo, printReceipt and wipeSession', () => {
    expect([...fake.exposed.keys()]).toEqual(['darwazaKiosk'])
    const bridge = fake.exposed.get('darwazaKiosk')
    expect(bridge).toBeTypeOf('object')
    expect(Object.keys(bridge ?? {}).sort()).toEqual(['deviceInfo', 'printReceipt', 'wipeSession'])
  })

  it('forwards calls on the channels the main process handles, passing only the receipt', async () => {
    const bridge = fake.exposed.get('darwazaKiosk') as Record<string, (...args: unknown[]) => Promise<unknown>>
    expect(await bridge.deviceInfo?.('ignored')).toEqual({ invoked: ipcChannels.deviceInfo })
    expect(await bridge.printReceipt?.('<p>receipt</p>', 'extra')).toEqual({ invoked: ipcChannels.printReceipt })
    expect(await bridge.wipeSession?.('ignored')).toEqual({ invoked: ipcChannels.wipeSession })
    expect(fake.invocations).toEqual([
      [ipcChannels.deviceInfo],
      [ipcChannels.printReceipt, '<p>receipt</p>'],
      [ipcChannels.wipeSession],
    ])
  })
})
