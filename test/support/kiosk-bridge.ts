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
  options: {
    idleSeconds: number
    printFails?: string
    kioskState?: { enrolment: 'enrolled' | 'unenrolled' | 'revoked'; printerProblem: string | null }
  },
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
    ({ idleSeconds, printFails, kioskState }) => {
      const host = window as unknown as {
        reportWipe(): Promise<void>
        reportPrint(html: string, kind: string): Promise<void>
      }
      const listeners = new Set<(next: unknown) => void>()
      let state: unknown = kioskState
      // The test plays the shell telling the page something changed.
      Object.assign(window, {
        pushKioskState: (next: unknown) => {
          state = next
          for (const listener of listeners) listener(next)
        },
      })
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
          onKioskState: (listener: (next: unknown) => void) => {
            listeners.add(listener)
            return () => listeners.delete(listener)
          },
          wipeSession: () => host.reportWipe(),
        },
      })
    },
    {
      idleSeconds: options.idleSeconds,
      printFails: options.printFails ?? null,
      kioskState: options.kioskState ?? { enrolment: 'enrolled', printerProblem: null },
    },
  )
  return calls
}

/** Plays the shell reporting a change of the kiosk's state (a printer out of paper, a revocation). */
export async function pushKioskState(
  page: Page,
  state: { enrolment: 'enrolled' | 'unenrolled' | 'revoked'; printerProblem: string | null },
) {
  await page.evaluate(
    (next) => (window as unknown as { pushKioskState(next: unknown): void }).pushKioskState(next),
    state,
  )
}
