// A form saved unfinished, to finish later or on another device (a kiosk hands the citizen a QR code
// and a text message with a link to their phone).
import { z } from 'zod'
import { ServiceSlug } from './catalogue.ts'
import { Language, LocalizedText } from './localized.ts'

/** What was typed so far: answers as the form holds them, checked in full only at submission. */
export const DraftValues = z.record(z.string().max(64), z.union([z.string().max(5000), z.boolean()]))

export const SaveDraftInput = z.strictObject({
  service: ServiceSlug,
  form: DraftValues,
  language: Language,
})

export const SavedDraft = z.object({
  draftId: z.string(),
  /** The link to finish it (also sent by text message); it works only for the same citizen, signed in. */
  resumeUrl: z.string(),
  expiresAt: z.date(),
})

export const DraftRef = z.strictObject({ draftId: z.string().min(1).max(64) })
/** By the code from a draft's link, or by its id from the citizen's own list. */
export const OpenDraftInput = z.union([
  z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a draft link') }),
  DraftRef,
])

export const OpenedDraft = z.object({
  draftId: z.string(),
  service: ServiceSlug,
  form: DraftValues,
  language: Language,
  expiresAt: z.date(),
})

export const DraftSummary = z.object({
  draftId: z.string(),
  service: ServiceSlug,
  title: LocalizedText,
  savedAt: z.date(),
  expiresAt: z.date(),
})
