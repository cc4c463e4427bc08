// What each benchmark hands back for the report: its section of REPORT.md and its lines of the
// summary table (figure, baseline, ratio, goal, met or not).
export interface SummaryLine {
  benchmark: string
  figure: string
  baseline: string
  goal: string
  /** null when the goal could not be checked in this run. */
  met: boolean | null
}

export interface Section {
  title: string
  /** Markdown below the section's heading. */
  body: string
  summary: SummaryLine[]
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a')
export const ratio = (value: number) =>
  Number.isFinite(value) ? `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}×` : 'n/a'
export const perSecond = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)}/s`
export const count = (value: number) => value.toLocaleString('en')
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
export const metText = (met: boolean | null) => (met === null ? 'not checked' : met ? '**met**' : '**NOT met**')

/** A markdown table from a header row and data rows. */
export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
}

/** Prints progress to the terminal (stderr, so the summary on stdout stays clean). */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}
