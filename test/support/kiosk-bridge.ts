// A stand-in for the kiosk shell's preload (window.darwazaKiosk) in chromium, so the renderer's
// kiosk behaviour (idle wipe, silent printing) is tested without the Electron binary.
import type { Page } from 'playwright-core'

export interface FakeBridgeCalls {
  wipes: number
  /** The HTML of each print, in order. */
  printed: string[]
  /** What each print was: a receipt or a queue ticket. */
  printedKinds: string[]
}

export async function installFakeKioskBridge(
  page: Page,
  options: { idleSeconds: number; printFails?: string },
): Promise<FakeBridgeCalls> {
  const calls: FakeBridgeCalls = { wipes: 0, printed: [], printedKinds: [] }
  await page.exposeFunction('reportWipe', () => {
    calls.wipes += 1
  })
  await page.exposeFunction('reportPrint', (html: string, kind: string) => {
    calls.printed.push(html)
    calls.printedKinds.push(kind)
  })
  await page.addInitScript(
    ({ idleSeconds, printFails }) => {
      const host = window as unknown as {
        reportWipe(): Promise<void>
        reportPrint(html: string, kind: string): Promise<void>
      }
      const state = { enrolment: 'enrolled', printerProblem: null }
      Object.assign(window, {
        darwazaKiosk: {
          deviceInfo: async () => ({
            gatewayUrl: location.origin,
            label: 'Hall A, kiosk 1',
            appVersion: 'test',
            platform: 'linux',
            idleSeconds,
            defaultLanguage: 'en',
            paperFormat: 'thermal-80mm',
          }),
          print: async (request: { kind: string; html: string }) => {
            await host.reportPrint(request.html, request.kind)
            return printFails ? { ok: false, reason: printFails } : { ok: true }
          },
          kioskState: async () => state,
          onKioskState: () => () => undefined,
          wipeSession: () => host.reportWipe(),
        },
      })
    },
    { idleSeconds: options.idleSeconds, printFails: options.printFails ?? null },
  )
  return calls
}
