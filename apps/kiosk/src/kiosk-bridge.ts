// The only API the Electron preload exposes to the page (window.darwazaKiosk). In the web view it
// is absent. It carries no credential: the main process attaches the kiosk's credential itself.

export type KioskLanguage = 'en' | 'ur' | 'ar'

/** The paper the kiosk's printer takes: an 80 mm thermal receipt roll, or A4 sheets. */
export type PaperFormat = 'thermal-80mm' | 'a4'

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
  defaultLanguage: KioskLanguage
  /** What the printer prints on; the shell lays printed fragments out for it. */
  paperFormat: PaperFormat
}

export interface PrintRequest {
  /** A receipt after an application, or a queue ticket (its number in an element of class dz-ticket-number). */
  kind: 'receipt' | 'ticket'
  /**
   * The content only, as an HTML fragment (under 200 KB, no scripts, styles or document tags): the
   * shell wraps it in a print document with its own styles for the configured paper.
   */
  html: string
  /** The language of the fragment, for its direction and fonts; the kiosk's default language if left out. */
  language?: KioskLanguage
}

export interface PrintResult {
  ok: boolean
  /** Why printing failed, in words fit for a log line (never shown raw to a citizen). */
  reason?: string
}

export type EnrolmentState = 'enrolled' | 'unenrolled' | 'revoked'

/** What the shell knows about the kiosk that the page may want to show, as plain data. */
export interface KioskState {
  /** Whether this kiosk holds a device credential; 'revoked' once the gateway said it was withdrawn. */
  enrolment: EnrolmentState
  /** The last printer problem the shell saw (a failed print, a missing or stopped printer), or null. */
  printerProblem: string | null
}

export interface KioskBridge {
  deviceInfo(): Promise<DeviceInfo>
  /** Prints a receipt or a queue ticket silently to the configured printer. */
  print(request: PrintRequest): Promise<PrintResult>
  /** The kiosk's state now. */
  kioskState(): Promise<KioskState>
  /** Calls `listener` with every later change of the kiosk's state; returns the function that stops it. */
  onKioskState(listener: (state: KioskState) => void): () => void
  /** Forgets everything the browser kept for the last citizen: storage, caches and back history. */
  wipeSession(): Promise<void>
}

declare global {
  interface Window {
    darwazaKiosk?: KioskBridge
  }
}
