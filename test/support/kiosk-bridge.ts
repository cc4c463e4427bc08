// A stand-in for the kiosk shell's preload (window.darwazaKiosk) in chromium, so the renderer's
// kiosk behaviour (idle wipe, silent printing) is tested without the Electron binary.
import type { Page } from 'playwright-core'

export interface FakeBridgeCalls {
  wipes: number
  printed: string[]
}

export async function installFakeKioskBridge(
  page: Page,
  options: { idleSeconds: number; printFails?: string },
): Promise<FakeBridgeCalls> {
  const calls: FakeBridgeCalls = { wipes: 0, printed: [] }
  await page.exposeFunction('reportWipe', () => {
    calls.wipes += 1
  })
  await page.exposeFunction('reportPrint', (html: string) => {
    calls.printed.push(html)
  })
  await page.addInitScript(
    ({ idleSeconds, printFails }) => {
      const host = window as unknown as { reportWipe(): Promise<void>; reportPrint(html: string): Promise<void> }
      Object.assign(window, {
        darwazaKiosk: {
          deviceInfo: async () => ({
            gatewayUrl: location.origin,
            label: 'Hall A, kiosk 1',
            appVersion: 'test',
            platform: 'linux',
            idleSeconds,
            defaultLanguage: 'en',
          }),
          printReceipt: async (html: string) => {
            await host.reportPrint(html)
            return printFails ? { ok: false, reason: printFails } : { ok: true }
          },
          wipeSession: () => host.reportWipe(),
        },
      })
    },
    { idleSeconds: options.idleSeconds, printFails: options.printFails ?? null },
  )
  return calls
}
