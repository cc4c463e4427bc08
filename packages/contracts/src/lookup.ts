import { z } from 'zod'
import { ServiceSlug } from './catalogue.ts'
import { LookupAnswer } from './department-protocol/v1.ts'
import { Language } from './localized.ts'

/** Field values a citizen types into a look-up form. Checked against the service's schema by the gateway. */
export const LookupQuery = z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()]))

export const LookupInput = z.strictObject({
  service: ServiceSlug,
  query: LookupQuery,
  /** The language the citizen is using: field errors are worded in it. */
  language: Language.optional(),
})
export type LookupInput = z.infer<typeof LookupInput>

/** What the citizen sees: the department's answer, found or not found. */
export const LookupResult = LookupAnswer
export type LookupResult = z.infer<typeof LookupResult>
