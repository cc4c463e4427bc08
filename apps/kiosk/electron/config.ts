// The kiosk shell's configuration: the only module of the shell that reads process.env.
import { z } from 'zod'

const httpOrigin = z
  .string()
  .refine((value) => {
    if (!URL.canParse(value)) return false
    const url = new URL(value)
    const bare = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash
    return ['http:', 'https:'].includes(url.protocol) && bare
  }, 'must be an http:// or https:// origin with no path, query or credentials, such as https://gateway.example.gov.pk')
  .transform((value) => new URL(value).origin)

const Schema = z.object({
  DARWAZA_GATEWAY_URL: httpOrigin.default('http://127.0.0.1:4000'),
  DARWAZA_KIOSK_LABEL: z.string().trim().min(1).max(80, 'must be at most 80 characters').optional(),
  DARWAZA_PRINTER: z.string().trim().min(1).max(200, 'must be at most 200 characters').optional(),
  DARWAZA_ENROLMENT_CODE: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$/, 'must look like ABCD-EFGH-JKMN')
    .optional(),
  DARWAZA_IDLE_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds from 30 to 1800' })
    .int('must be a whole number of seconds from 30 to 1800')
    .min(30, 'must be a whole number of seconds from 30 to 1800')
    .max(1800, 'must be a whole number of seconds from 30 to 1800')
    .default(120),
  DARWAZA_DEFAULT_LANGUAGE: z.enum(['en', 'ur', 'ar'], { error: 'must be en, ur or ar' }).default('ur'),
  NODE_ENV: z
    .enum(['production', 'development', 'test'], { error: 'must be production, development or test' })
    .default('production'),
})

const variables = [
  'DARWAZA_GATEWAY_URL',
  'DARWAZA_KIOSK_LABEL',
  'DARWAZA_PRINTER',
  'DARWAZA_ENROLMENT_CODE',
  'DARWAZA_IDLE_SECONDS',
  'DARWAZA_DEFAULT_LANGUAGE',
  'NODE_ENV',
] as const

export interface KioskConfig {
  gatewayOrigin: string
  label: string | null
  printerName: string | null
  /** A one-time code from the platform admin; used once, when the kiosk has no credential yet. */
  enrolmentCode: string | null
  /** Seconds without a touch or key before the screen warns and then forgets the citizen. */
  idleSeconds: number
  /** The language each citizen's session starts in (they can switch on every screen). */
  defaultLanguage: 'en' | 'ur' | 'ar'
  /** Production locks the shell down fully: kiosk window, no devtools, no reload or zoom shortcuts. */
  production: boolean
}

/** Reads the shell's variables; an empty variable counts as unset. */
export function loadKioskConfig(source: Record<string, string | undefined> = process.env): KioskConfig {
  const present = Object.fromEntries(
    variables.map((name) => [name, source[name]?.trim() ? source[name] : undefined] as const),
  )
  const parsed = Schema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid kiosk configuration:\n${problems.join('\n')}`)
  }
  return {
    gatewayOrigin: parsed.data.DARWAZA_GATEWAY_URL,
    label: parsed.data.DARWAZA_KIOSK_LABEL ?? null,
    printerName: parsed.data.DARWAZA_PRINTER ?? null,
    enrolmentCode: parsed.data.DARWAZA_ENROLMENT_CODE ?? null,
    idleSeconds: parsed.data.DARWAZA_IDLE_SECONDS,
    defaultLanguage: parsed.data.DARWAZA_DEFAULT_LANGUAGE,
    production: parsed.data.NODE_ENV === 'production',
  }
}
