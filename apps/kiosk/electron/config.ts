// The kiosk shell's configuration: the only module of the shell that reads process.env.
import { z } from 'zod'

const httpOrigin = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL such as https://gateway.example.gov.pk' })
  .transform((value) => new URL(value).origin)

const Schema = z.object({
  DARWAZA_GATEWAY_URL: httpOrigin.default('http://127.0.0.1:4000'),
  DARWAZA_KIOSK_LABEL: z.string().trim().min(1).max(80).optional(),
  DARWAZA_PRINTER: z.string().trim().min(1).max(200).optional(),
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
})

export interface KioskConfig {
  gatewayOrigin: string
  label: string | null
  printerName: string | null
  /** Production locks the shell down fully: no devtools, no reload or zoom shortcuts. */
  production: boolean
}

export function loadKioskConfig(source: Record<string, string | undefined> = process.env): KioskConfig {
  const parsed = Schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid kiosk configuration:\n${problems.join('\n')}`)
  }
  return {
    gatewayOrigin: parsed.data.DARWAZA_GATEWAY_URL,
    label: parsed.data.DARWAZA_KIOSK_LABEL ?? null,
    printerName: parsed.data.DARWAZA_PRINTER ?? null,
    production: parsed.data.NODE_ENV === 'production',
  }
}
