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

/** How a field is entered. `numeric` brings up the number pad on a kiosk. */
export const Widget = z.enum(['text', 'numeric', 'textarea', 'select', 'radio', 'date', 'checkbox', 'phone'])
export type Widget = z.infer<typeof Widget>

/** How each form field is shown: labels and help per language, and which widget to offer. */
export const FieldPresentation = z.strictObject({
  label: LocalizedText,
  help: LocalizedText.optional(),
  widget: Widget.optional(),
  placeholder: z.string().max(80).optional(),
  /** Labels for the values of an enum field. */
  options: z.record(z.string().max(80), LocalizedText).optional(),
})
export type FieldPresentation = z.infer<typeof FieldPresentation>

/** The form is shown one step at a time; each step names the fields it holds, in order. */
export const FormStep = z.strictObject({
  title: LocalizedText,
  fields: z.array(z.string().min(1).max(64)).min(1),
})
export type FormStep = z.infer<typeof FormStep>

export const Presentation = z.strictObject({
  steps: z.array(FormStep).max(20).optional(),
  fields: z.record(z.string(), FieldPresentation),
})
export type Presentation = z.infer<typeof Presentation>

/** Free, a fixed amount in minor units (paisa, fils), or quoted by the department at submission. */
export const Fee = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free') }),
  z.strictObject({
    kind: z.literal('fixed'),
    amountMinor: z.int().positive().max(10_000_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO 4217 code such as PKR'),
  }),
  z.strictObject({ kind: z.literal('quoted') }),
])
export type Fee = z.infer<typeof Fee>

/** What the gateway knows about a citizen and may pass to a department, if the service declares it. */
export const CitizenAttribute = z.enum(['identityNumber', 'name', 'dateOfBirth', 'phone'])
export type CitizenAttribute = z.infer<typeof CitizenAttribute>

export const RequiredDocument = z.strictObject({
  name: LocalizedText,
  description: LocalizedText.optional(),
  /** The citizen uploads it with the application; otherwise it is shown at the counter or on collection. */
  upload: z.boolean(),
})
export type RequiredDocument = z.infer<typeof RequiredDocument>

/** A JSON Schema (draft 2020-12) object; compiled and checked by the gateway, opaque here. */
export const JsonSchemaObject = z.record(z.string(), z.unknown())

export const CatalogueEntry = z.object({
  slug: ServiceSlug,
  kind: ServiceKind,
  category: ServiceCategory,
  version: z.int().positive(),
  title: LocalizedText,
  summary: LocalizedText,
  description: LocalizedText,
  eligibility: LocalizedText,
  requiredDocuments: z.array(RequiredDocument),
  department: z.object({ code: DepartmentCode, name: LocalizedText }),
  channels: z.array(Channel),
  fee: Fee,
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
export const DraftText = z.strictObject({
  en: z.string().trim().max(4000).optional(),
  ur: z.string().trim().max(4000).optional(),
  ar: z.string().trim().max(4000).optional(),
})
export type DraftText = z.infer<typeof DraftText>

const DraftFieldPresentation = z.strictObject({
  label: DraftText,
  help: DraftText.optional(),
  widget: Widget.optional(),
  placeholder: z.string().max(80).optional(),
  options: z.record(z.string().max(80), DraftText).optional(),
})

export const DraftPresentation = z.strictObject({
  steps: z
    .array(z.strictObject({ title: DraftText, fields: z.array(z.string().min(1).max(64)) }))
    .max(20)
    .optional(),
  fields: z.record(z.string().max(64), DraftFieldPresentation),
})
export type DraftPresentation = z.infer<typeof DraftPresentation>

export const DraftDocument = z.strictObject({
  name: DraftText,
  description: DraftText.optional(),
  upload: z.boolean(),
})

/** The statuses an application goes through, in order of a typical journey. */
export const notifiedStatuses = [
  'submitted',
  'received',
  'in_review',
  'needs_information',
  'approved',
  'rejected',
  'completed',
] as const

/**
 * A department's own text message for a status of this service, per language, replacing the
 * gateway's generic one: "{trackingNumber}" is replaced by the tracking number and must be there.
 */
export const NotificationTemplates = z.strictObject(
  Object.fromEntries(notifiedStatuses.map((status) => [status, DraftText.optional()])) as Record<
    (typeof notifiedStatuses)[number],
    z.ZodOptional<typeof DraftText>
  >,
)
export type NotificationTemplates = z.infer<typeof NotificationTemplates>

/** A catalogue entry as a department admin edits, imports and exports it. */
export const ServiceDraftInput = z.strictObject({
  slug: ServiceSlug,
  kind: ServiceKind,
  category: ServiceCategory,
  title: DraftText,
  summary: DraftText,
  description: DraftText,
  eligibility: DraftText,
  requiredDocuments: z.array(DraftDocument).max(30),
  formSchema: JsonSchemaObject,
  presentation: DraftPresentation,
  endpointPath: z.string().trim().min(1, 'is required').max(200),
  citizenAttributes: z.array(CitizenAttribute).max(4),
  channels: z.array(Channel).min(1, 'offer the service on at least one channel'),
  fee: Fee,
  processingDays: z.int().nonnegative().max(365).nullable(),
  keywords: z
    .strictObject({
      en: z.array(z.string().max(60)).max(30).optional(),
      ur: z.array(z.string().max(60)).max(30).optional(),
      romanized: z.array(z.string().max(60)).max(30).optional(),
    })
    .optional(),
  notificationTemplates: NotificationTemplates.optional(),
})
export type ServiceDraftInput = z.infer<typeof ServiceDraftInput>

export const ServiceRef = z.strictObject({ slug: ServiceSlug })
