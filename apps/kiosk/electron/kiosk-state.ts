// What the shell tells the page about the kiosk (src/kiosk-bridge.ts KioskState): decided here as
// pure functions; shell.ts keeps the current state and sends each change to the page.
import type { PrintResult } from '../src/kiosk-bridge.ts'

export interface PrinterStatus {
  problem: string | null
  /** What saw the problem: a print that failed, or a look at the installed printers. */
  seenBy: 'print' | 'check' | null
}

export const printerFine: PrinterStatus = { problem: null, seenBy: null }

/** A print that worked proves the printer works, whatever was seen before; one that failed says why. */
export function printerAfterPrint(result: PrintResult): PrinterStatus {
  return result.ok ? printerFine : { problem: result.reason ?? 'printing failed', seenBy: 'print' }
}

/**
 * A look at the printers that finds nothing wrong clears only what an earlier look found: the
 * system cannot tell that the paper ran out, so a failed print's reason stands until a print works.
 */
export function printerAfterCheck(current: PrinterStatus, problem: string | null): PrinterStatus {
  if (problem) return { problem, seenBy: 'check' }
  return current.seenBy === 'check' ? printerFine : current
}

/** Electron's PrinterInfo, as far as it is read here. */
export interface InstalledPrinter {
  name: string
  /** Platform-specific attributes as strings; on CUPS the printer's IPP attributes. */
  options?: object
}

/** What is wrong with the printer the kiosk prints to, as the operating system reports it, or null. */
export function printerProblemOf(printers: readonly InstalledPrinter[], printerName: string | null): string | null {
  if (printers.length === 0) return 'no printer is installed'
  // Without a configured name the system's default printer is used, which PrinterInfo does not mark.
  if (!printerName) return null
  const printer = printers.find((installed) => installed.name === printerName)
  if (!printer) return `the printer "${printerName}" is not installed`
  return cupsProblemOf(printer.options ?? {})
}

/**
 * CUPS (Linux, macOS) describes a printer by IPP attributes: printer-state 5 is stopped, and
 * printer-state-reasons are keywords where a "-report" or "-warning" suffix is not a fault.
 */
function cupsProblemOf(options: object): string | null {
  const attribute = (name: string) => {
    const value: unknown = (options as Record<string, unknown>)[name]
    return typeof value === 'string' ? value : undefined
  }
  const faults = (attribute('printer-state-reasons') ?? '')
    .split(',')
    .map((reason) => reason.trim())
    .filter((reason) => reason && reason !== 'none' && !/-(report|warning)$/.test(reason))
  if (faults.length > 0) return `the printer reports ${faults.join(', ')}`
  if (attribute('printer-state') === '5') return 'the printer is stopped'
  if (attribute('printer-is-accepting-jobs') === 'false') return 'the printer is not accepting jobs'
  return null
}
