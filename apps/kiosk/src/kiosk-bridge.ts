// The only API the Electron preload exposes to the page (window.darwazaKiosk). In the web view it
// is absent. It carries no credential: the main process attaches the kiosk's credential itself.

export interface DeviceInfo {
  /** Origin of the gateway this kiosk talks to, e.g. https://gateway.example.gov.pk */
  gatewayUrl: string
  /** The kiosk's label as configured at enrolment, if any. */
  label: string | null
  appVersion: string
  platform: string
  /** Seconds without a touch or key before the screen warns, then forgets the citizen. */
  idleSeconds: number
  /** The language each citizen's session starts in. */
  defaultLanguage: 'en' | 'ur' | 'ar'
}

export interface PrintResult {
  ok: boolean
  /** Why printing failed, in words fit for a log line (never shown raw to a citizen). */
  reason?: string
}

export interface KioskBridge {
  deviceInfo(): Promise<DeviceInfo>
  /** Prints a receipt (self-contained HTML) silently to the configured printer. */
  printReceipt(html: string): Promise<PrintResult>
  /** Forgets everything the browser kept for the last citizen: storage, caches and back history. */
  wipeSession(): Promise<void>
}

declare global {
  interface Window {
    darwazaKiosk?: KioskBridge
  }
}
