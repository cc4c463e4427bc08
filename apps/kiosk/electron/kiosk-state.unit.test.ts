import { describe, expect, it } from 'vitest'
import { printerAfterCheck, printerAfterPrint, printerFine, printerProblemOf } from './kiosk-state.ts'

describe('printer problems', () => {
  it('takes a failed print’s reason, and clears any problem when a print works', () => {
    const outOfPaper = printerAfterPrint({ ok: false, reason: 'Printer is out of paper' })
    expect(outOfPaper).toEqual({ problem: 'Printer is out of paper', seenBy: 'print' })
    expect(printerAfterPrint({ ok: false })).toEqual({ problem: 'printing failed', seenBy: 'print' })
    expect(printerAfterPrint({ ok: true })).toEqual(printerFine)
  })

  it('keeps a failed print’s reason when the system sees nothing wrong, and clears what a look found', () => {
    const outOfPaper = printerAfterPrint({ ok: false, reason: 'Printer is out of paper' })
    expect(printerAfterCheck(outOfPaper, null)).toBe(outOfPaper)
    const missing = printerAfterCheck(printerFine, 'the printer "Receipts-80mm" is not installed')
    expect(missing).toEqual({ problem: 'the printer "Receipts-80mm" is not installed', seenBy: 'check' })
    expect(printerAfterCheck(missing, null)).toEqual(printerFine)
    expect(printerAfterCheck(outOfPaper, 'the printer is stopped')).toEqual({
      problem: 'the printer is stopped',
      seenBy: 'check',
    })
  })

  it('finds the configured printer missing, or no printer at all', () => {
    const installed = [{ name: 'Office-A4' }, { name: 'Receipts-80mm', options: { 'printer-state': '3' } }]
    expect(printerProblemOf([], null)).toBe('no printer is installed')
    expect(printerProblemOf([], 'Receipts-80mm')).toBe('no printer is installed')
    expect(printerProblemOf(installed, 'Receipts-58mm')).toBe('the printer "Receipts-58mm" is not installed')
    expect(printerProblemOf(installed, 'Receipts-80mm')).toBeNull()
    expect(printerProblemOf(installed, null)).toBeNull()
  })

  it.each([
    [{ 'printer-state': '5' }, 'the printer is stopped'],
    [{ 'printer-state-reasons': 'media-empty-error' }, 'the printer reports media-empty-error'],
    [{ 'printer-state-reasons': 'media-jam,door-open' }, 'the printer reports media-jam, door-open'],
    [{ 'printer-is-accepting-jobs': 'false' }, 'the printer is not accepting jobs'],
    [{ 'printer-state-reasons': 'offline-report', 'printer-state': '3' }, null],
    [{ 'printer-state-reasons': 'toner-low-warning' }, null],
    [{ 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': 'true' }, null],
    [{}, null],
  ])('reads CUPS attributes %o as %s', (options, problem) => {
    expect(printerProblemOf([{ name: 'Receipts-80mm', options }], 'Receipts-80mm')).toBe(problem)
  })
})
