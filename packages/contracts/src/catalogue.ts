import { z } from 'zod'
import { LocalizedText } from './localized.ts'

/** The life-event taxonomy citizens browse by. */
export const ServiceCategory = z.enum([
  'family_and_civil_registration',
  'health',
  'vehicles_and_transport',
  'water_and_utilities',
  'education',
  'social_protection',
  'business',
  'identity_and_documents',
])
export type ServiceCategory = z.infer<typeof ServiceCategory>

/** An application is delivered to the department and tracked; a look-up is answered at once. */
export const ServiceKind = z.enum(['application', 'lookup'])
export type ServiceKind = z.infer<typeof ServiceKind>

export const Channel = z.enum(['kiosk', 'web', 'assisted'])
export type Channel = z.infer<typeof Channel>

export const ServiceSlug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a service slug is lowercase letters and digits joined by hyphens')
  .max(80)

export const DepartmentCode = ServiceSlug

/** How each form field is shown: labels and help per language, and which keyboard to offer. */
export const FieldPresentation = z.strictObject({
  label: LocalizedText,
  help: LocalizedText.optional(),
  inputMode: z.enum(['text', 'numeric']).optional(),
  placeholder: z.string().max(80).optional(),
})
export const Presentation = z.strictObject({
  fields: z.record(z.string(), FieldPresentation),
})
export type Presentation = z.infer<typeof Presentation>

export const Fee = z.strictObject({
  amountMinor: z.int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/),
})

/** A JSON Schema (draft 2020-12) object; compiled and checked by the gateway, opaque here. */
export const JsonSchemaObject = z.record(z.string(), z.unknown())

export const CatalogueEntry = z.object({
  slug: ServiceSlug,
  kind: ServiceKind,
  category: ServiceCategory,
  version: z.int().positive(),
  title: LocalizedText,
  summary: LocalizedText,
  department: z.object({ code: DepartmentCode, name: LocalizedText }),
  channels: z.array(Channel),
  fee: Fee.nullable(),
  processingDays: z.int().nonnegative().nullable(),
  formSchema: JsonSchemaObject,
  presentation: Presentation,
})
export type CatalogueEntry = z.infer<typeof CatalogueEntry>

export const CatalogueSearchInput = z.strictObject({
  query: z.string().trim().min(1, 'type at least one letter').max(100),
  category: ServiceCategory.optional(),
  department: DepartmentCode.optional(),
  channel: Channel.optional(),
})
export type CatalogueSearchInput = z.infer<typeof CatalogueSearchInput>

export const CatalogueListInput = z
  .strictObject({
    category: ServiceCategory.optional(),
    kind: ServiceKind.optional(),
  })
  .optional()
export type CatalogueListInput = z.infer<typeof CatalogueListInput>

/** A draft may be incomplete (a missing Urdu text, say); publishing checks it is whole. */
const DraftText = z.strictObject({
  en: z.string().trim().max(2000).optional(),
  ur: z.string().trim().max(2000).optional(),
  ar: z.string().trim().max(2000).optional(),
})

export const ServiceDraftInput = z.strictObject({
  slug: ServiceSlug,
  kind: ServiceKind,
  category: ServiceCategory,
  title: DraftText,
  summary: DraftText,
  formSchema: JsonSchemaObject,
  presentation: z.strictObject({ fields: z.record(z.string(), z.unknown()) }),
  endpointPath: z.string().trim().min(1).max(200),
  channels: z.array(Channel).min(1),
  fee: Fee.nullable(),
  processingDays: z.int().nonnegative().max(365).nullable(),
  keywords: z
    .strictObject({
      en: z.array(z.string().max(60)).max(30).optional(),
      ur: z.array(z.string().max(60)).max(30).optional(),
      romanized: z.array(z.string().max(60)).max(30).optional(),
    })
    .optional(),
})
export type ServiceDraftInput = z.infer<typeof ServiceDraftInput>

export const ServiceRef = z.strictObject({ slug: ServiceSlug })
