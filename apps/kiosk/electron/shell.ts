// Wires the kiosk policy (policy.ts) into Electron. Everything here is glue; the decisions are in
// policy.ts, print-document.ts and kiosk-state.ts.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  app,
  BrowserWindow,
  safeStorage,
  ipcMain,
  Menu,
  protocol,
  session,
  type WebContents,
  type WebContentsPrintOptions,
} from 'electron'
import type { DeviceInfo, EnrolmentState, KioskState, PrintRequest, PrintResult } from '../src/kiosk-bridge.ts'
import type { KioskConfig } from './config.ts'
import { credentialHeadersFor, enrol, fileVault, heartbeat } from './device-credential.ts'
import {
  printerAfterCheck,
  printerAfterPrint,
  printerFine,
  printerProblemOf,
  type PrinterStatus,
} from './kiosk-state.ts'
import {
  appEntry,
  appOrigin,
  appScheme,
  chooseConfiguredDevice,
  contentSecurityPolicy,
  contentTypeOf,
  describeUrl,
  isAllowedNavigation,
  isBlockedShortcut,
  isDeviceGranted,
  isPermissionGranted,
  isTrustedSender,
  loadRetryDelayMs,
  peripheralPermissions,
  printTimeoutMs,
  resolveAppFile,
  shouldRetryLoad,
  windowOptions,
  type Peripheral,
} from './policy.ts'
import { checkPrintRequest, printDocument, printDocumentUrl, printOptions } from './print-document.ts'

export const ipcChannels = {
  deviceInfo: 'kiosk:device-info',
  print: 'kiosk:print',
  kioskState: 'kiosk:state',
  /** The one channel the main process sends on, to the page. */
  kioskStateChanged: 'kiosk:state-changed',
  wipeSession: 'kiosk:wipe-session',
} as const

/** How often the shell reports to the gateway and looks at the printer. */
export const heartbeatMs = 60_000

export interface ShellPaths {
  /** The built web view (apps/kiosk/dist). */
  distDir: string
  preload: string
}

/** Must run before the app is ready: app:// behaves like https (secure, standard, fetch-capable). */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export async function startKioskShell(config: KioskConfig, paths: ShellPaths): Promise<BrowserWindow | null> {
  app.enableSandbox()
  if (!app.requestSingleInstanceLock()) {
    console.warn('kiosk: another kiosk shell is already running here; this one quits')
    app.quit()
    return null
  }
  await app.whenReady()
  Menu.setApplicationMenu(null)

  const csp = contentSecurityPolicy(config.gatewayOrigin)
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppFile(paths.distDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(file), {
        headers: { 'content-type': contentTypeOf(file), 'content-security-policy': csp },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })

  grantOnlyPeripherals(config.peripherals)
  app.on('web-contents-created', (_event, contents) => lockDown(contents, config))

  let window: BrowserWindow | null = null
  const kiosk = kioskStateKeeper((state) => {
    if (window && isTrustedSender(window.webContents.getURL())) {
      window.webContents.send(ipcChannels.kioskStateChanged, state)
    }
  })
  const credential = await startDeviceCredential(config, (enrolment) => kiosk.enrolmentChanged(enrolment))
  kiosk.enrolmentChanged(credential.enrolment())

  ipcMain.handle(ipcChannels.deviceInfo, (event): DeviceInfo => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    return {
      gatewayUrl: config.gatewayOrigin,
      label: config.label,
      appVersion: app.getVersion(),
      platform: process.platform,
      idleSeconds: config.idleSeconds,
      defaultLanguage: config.defaultLanguage,
      paperFormat: config.paperFormat,
    }
  })
  ipcMain.handle(ipcChannels.kioskState, (event): KioskState => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    return kiosk.current()
  })
  ipcMain.handle(ipcChannels.wipeSession, async (event): Promise<void> => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    // The kiosk credential is not browser storage (the main process keeps it), so it survives this.
    await session.defaultSession.clearStorageData()
    await session.defaultSession.clearCache()
    event.sender.navigationHistory.clear()
  })
  ipcMain.handle(ipcChannels.print, async (event, request: unknown): Promise<PrintResult> => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    const checked = checkPrintRequest(request)
    if (!checked.ok) return { ok: false, reason: checked.reason }
    const result = await printSilently(
      checked.request,
      printDocument(checked.request, config.paperFormat, config.defaultLanguage),
      printOptions(config.paperFormat, config.printerName),
    )
    kiosk.printed(result)
    return result
  })

  const mainWindow = new BrowserWindow(windowOptions(paths.preload, config.production))
  window = mainWindow
  // A failed load rejects loadURL and also emits did-fail-load, which retries; the rejection adds nothing.
  const loadApp = () => mainWindow.loadURL(appEntry).catch(() => undefined)
  let retry: NodeJS.Timeout | undefined
  mainWindow.once('ready-to-show', () => mainWindow.show())
  mainWindow.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!shouldRetryLoad(code, isMainFrame) || retry) return
    console.error(
      `kiosk: failed to load ${describeUrl(url)} (${code} ${description}); retrying in ${loadRetryDelayMs} ms`,
    )
    mainWindow.show()
    retry = setTimeout(() => {
      retry = undefined
      void loadApp()
    }, loadRetryDelayMs)
  })
  mainWindow.webContents.on('render-process-gone', (_event, details) => {
    console.error(`kiosk: renderer gone (${details.reason}, exit code ${details.exitCode}); reloading`)
    mainWindow.webContents.reload()
  })
  mainWindow.on('unresponsive', () => {
    console.error('kiosk: renderer unresponsive; reloading')
    mainWindow.webContents.forcefullyCrashRenderer()
    mainWindow.webContents.reload()
  })
  // A second start (a double tap on the launcher) brings this window forward instead.
  app.on('second-instance', () => {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })

  const checkPrinter = async () => {
    try {
      kiosk.printerChecked(printerProblemOf(await mainWindow.webContents.getPrintersAsync(), config.printerName))
    } catch (error) {
      console.warn(`kiosk: could not list the printers (${messageOf(error)})`)
    }
  }
  setInterval(() => {
    void credential.beat()
    void checkPrinter()
  }, heartbeatMs).unref()

  await loadApp()
  await checkPrinter()
  return mainWindow
}

/**
 * Enrols the kiosk if it has no credential yet and a code was configured, then attaches the
 * credential to every request bound for the gateway's origin. The page never sees it.
 */
export async function startDeviceCredential(
  config: KioskConfig,
  onEnrolmentChange: (state: EnrolmentState) => void = () => {},
) {
  const encryption = safeStorage.isEncryptionAvailable()
    ? {
        encrypt: (plain: string) => safeStorage.encryptString(plain),
        decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed),
      }
    : null
  const vault = fileVault(path.join(app.getPath('userData'), 'device-credential.bin'), encryption, config.production)
  let credential = vault.read()
  if (!credential && config.enrolmentCode) {
    try {
      const enrolled = await enrol(config.gatewayOrigin, config.enrolmentCode)
      vault.write(enrolled.credential)
      credential = enrolled.credential
      console.log(`kiosk: enrolled as ${enrolled.kioskId}`)
    } catch (error) {
      console.error(
        `kiosk: enrolment failed (${error instanceof Error ? error.message : 'unknown error'}); running unenrolled`,
      )
    }
  }
  if (!credential) console.warn('kiosk: not enrolled; citizens can browse but not sign in here until it is')
  let enrolment: EnrolmentState = credential ? 'enrolled' : 'unenrolled'

  session.defaultSession.webRequest.onBeforeSendHeaders(
    { urls: [`${config.gatewayOrigin}/*`] },
    (details, callback) => {
      callback({
        requestHeaders: {
          ...details.requestHeaders,
          ...credentialHeadersFor(details.url, config.gatewayOrigin, credential),
        },
      })
    },
  )

  return {
    current: () => credential,
    enrolment: () => enrolment,
    /** Reports to the gateway; a revoked kiosk forgets its credential at once. */
    async beat() {
      if (!credential) return 'unenrolled' as const
      const state = await heartbeat(config.gatewayOrigin, credential)
      if (state === 'revoked') {
        vault.clear()
        credential = null
        enrolment = 'revoked'
        console.error('kiosk: the gateway says this kiosk was revoked; its credential was removed')
        onEnrolmentChange(enrolment)
      }
      return state
    },
  }
}

/** Keeps what the page may know about the kiosk, sends it each change, and logs printer trouble. */
function kioskStateKeeper(send: (state: KioskState) => void) {
  let enrolment: EnrolmentState = 'unenrolled'
  let printer: PrinterStatus = printerFine
  const current = (): KioskState => ({ enrolment, printerProblem: printer.problem })
  const update = (change: () => void) => {
    const before = current()
    change()
    const after = current()
    if (after.printerProblem !== before.printerProblem) {
      console.warn(
        after.printerProblem ? `kiosk: printer problem: ${after.printerProblem}` : 'kiosk: the printer works',
      )
    }
    if (after.enrolment !== before.enrolment || after.printerProblem !== before.printerProblem) send(after)
  }
  return {
    current,
    enrolmentChanged: (state: EnrolmentState) => update(() => (enrolment = state)),
    printed: (result: PrintResult) => update(() => (printer = printerAfterPrint(result))),
    printerChecked: (problem: string | null) => update(() => (printer = printerAfterCheck(printer, problem))),
  }
}

/**
 * Every permission is refused but those the configured peripherals need, and only to the app; a
 * request for a device is answered with the configured one, never with a chooser.
 */
function grantOnlyPeripherals(peripherals: readonly Peripheral[]) {
  const granted = peripheralPermissions(peripherals)
  const kioskSession = session.defaultSession
  kioskSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionGranted(permission, details?.requestingUrl, granted)
    if (!allowed) console.warn(`kiosk: refused the ${permission} permission`)
    callback(allowed)
  })
  kioskSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, granted),
  )
  kioskSession.setDevicePermissionHandler((details) => isDeviceGranted(details, peripherals))
  kioskSession.on('select-hid-device', (event, details, callback) => {
    event.preventDefault()
    callback(chooseConfiguredDevice('hid', details.deviceList, details.frame?.url, peripherals)?.deviceId)
  })
  kioskSession.on('select-usb-device', (event, details, callback) => {
    event.preventDefault()
    callback(chooseConfiguredDevice('usb', details.deviceList, details.frame?.url, peripherals)?.deviceId)
  })
  kioskSession.on('select-serial-port', (event, ports, contents, callback) => {
    event.preventDefault()
    callback(chooseConfiguredDevice('serial', ports, contents.getURL(), peripherals)?.portId ?? '')
  })
}

/** Applied to every web contents the app creates, including the hidden print windows. */
function lockDown(contents: WebContents, config: KioskConfig) {
  const allowed = [appOrigin]
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, allowed)) {
      event.preventDefault()
      console.warn(`kiosk: blocked navigation to ${describeUrl(url)}`)
    }
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`kiosk: blocked a new window for ${describeUrl(url)}`)
    return { action: 'deny' }
  })
  if (config.production) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault()
    })
    contents.on('devtools-opened', () => contents.closeDevTools())
  }
}

/** Prints from a hidden window that runs no script and, by its document's own policy, loads nothing. */
async function printSilently(
  request: PrintRequest,
  document: string,
  options: WebContentsPrintOptions,
): Promise<PrintResult> {
  const printer = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  })
  let timer: NodeJS.Timeout | undefined
  try {
    await printer.loadURL(printDocumentUrl(document))
    return await new Promise<PrintResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: 'the printer did not answer in time' }), printTimeoutMs)
      try {
        printer.webContents.print(options, (success, failureReason) =>
          resolve(success ? { ok: true } : { ok: false, reason: failureReason }),
        )
      } catch (error) {
        resolve({ ok: false, reason: `the print settings were refused: ${messageOf(error)}` })
      }
    })
  } catch (error) {
    return { ok: false, reason: `could not prepare the ${request.kind}: ${messageOf(error)}` }
  } finally {
    clearTimeout(timer)
    printer.destroy()
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function shellPaths(baseDir: string): ShellPaths {
  return { distDir: path.resolve(baseDir, '../dist'), preload: path.join(baseDir, 'preload.cjs') }
}
