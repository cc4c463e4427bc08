// What must be true before a service version may be published. Every problem is reported at once,
// each naming the field at fault, so a department admin can fix them all in one pass.
import type { DraftPresentation, DraftText, NotificationTemplates } from '@darwaza/contracts/catalogue'
import type { FieldError } from '@darwaza/contracts/errors'
import { createSchemaCompiler } from './json-schema.ts'

export interface VersionDraft {
  title: DraftText
  summary: DraftText
  description: DraftText
  eligibility: DraftText
  requiredDocuments: { name: DraftText; description?: DraftText | undefined }[]
  formSchema: Record<string, unknown>
  presentation: DraftPresentation
  endpointPath: string
  notificationTemplates?: NotificationTemplates | undefined
}

/** A text message longer than this takes more than two SMS segments in Urdu. */
export const maxNotificationLength = 300
export const trackingNumberPlaceholder = '{trackingNumber}'

const requiredLanguages = [
  ['en', 'English'],
  ['ur', 'Urdu'],
] as const

export const endpointPathPattern = /^\/[A-Za-z0-9/_.-]*$/

function missingTranslations(text: DraftText | undefined, field: string, words: string): FieldError[] {
  return requiredLanguages.flatMap(([language, name]) =>
    text?.[language]?.trim()
      ? []
      : [{ field: `${field}.${language}`, reason: 'required', message: `the ${name} ${words} is missing` }],
  )
}

export function publicationProblems(draft: VersionDraft, department: { baseUrl: string | null }): FieldError[] {
  const problems: FieldError[] = [
    ...missingTranslations(draft.title, 'title', 'title'),
    ...missingTranslations(draft.summary, 'summary', 'summary'),
    ...missingTranslations(draft.description, 'description', 'description'),
    ...missingTranslations(draft.eligibility, 'eligibility', 'eligibility text'),
  ]
  draft.requiredDocuments.forEach((document, index) => {
    const name = `requiredDocuments.${index}`
    problems.push(...missingTranslations(document.name, `${name}.name`, `name of document ${index + 1}`))
    if (document.description) {
      problems.push(
        ...missingTranslations(document.description, `${name}.description`, `description of document ${index + 1}`),
      )
    }
  })

  let schemaFields: string[] = []
  try {
    createSchemaCompiler().compile(draft.formSchema)
    const properties = draft.formSchema.properties
    schemaFields = properties && typeof properties === 'object' ? Object.keys(properties) : []
  } catch (error) {
    problems.push({
      field: 'formSchema',
      reason: 'does_not_compile',
      message: `the form schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  for (const [name, hint] of Object.entries(draft.presentation.fields)) {
    if (!schemaFields.includes(name)) {
      problems.push({
        field: `presentation.fields.${name}`,
        reason: 'unknown_field',
        message: `a presentation hint names "${name}", which the form does not have`,
      })
    }
    problems.push(...missingTranslations(hint.label, `presentation.fields.${name}.label`, `label of "${name}"`))
    if (hint.help) {
      problems.push(...missingTranslations(hint.help, `presentation.fields.${name}.help`, `help for "${name}"`))
    }
  }
  draft.presentation.steps?.forEach((step, index) => {
    problems.push(...missingTranslations(step.title, `presentation.steps.${index}.title`, `title of step ${index + 1}`))
    for (const name of step.fields) {
      if (!schemaFields.includes(name)) {
        problems.push({
          field: `presentation.steps.${index}.fields`,
          reason: 'unknown_field',
          message: `step ${index + 1} names "${name}", which the form does not have`,
        })
      }
    }
  })
  if (draft.presentation.steps && schemaFields.length > 0) {
    const placed = new Set(draft.presentation.steps.flatMap((step) => step.fields))
    const unplaced = schemaFields.filter((name) => !placed.has(name))
    if (unplaced.length > 0) {
      problems.push({
        field: 'presentation.steps',
        reason: 'incomplete',
        message: `no step shows ${unplaced.map((name) => `"${name}"`).join(', ')}`,
      })
    }
  }

  if (!department.baseUrl) {
    problems.push({
      field: 'endpointPath',
      reason: 'not_registered',
      message: 'the department has no registered endpoint',
    })
  } else if (!endpointPathPattern.test(draft.endpointPath)) {
    problems.push({
      field: 'endpointPath',
      reason: 'format',
      message: 'the endpoint path must start with / and be a plain path',
    })
  }
  for (const [status, template] of Object.entries(draft.notificationTemplates ?? {})) {
    if (!template) continue
    const field = `notificationTemplates.${status}`
    problems.push(...missingTranslations(template, field, `text message for "${status}"`))
    for (const [language, name] of requiredLanguages) {
      const text = template[language]?.trim()
      if (!text) continue
      if (!text.includes(trackingNumberPlaceholder)) {
        problems.push({
          field: `${field}.${language}`,
          reason: 'missing_tracking_number',
          message: `the ${name} text message for "${status}" must contain ${trackingNumberPlaceholder}`,
        })
      }
      if (text.length > maxNotificationLength) {
        problems.push({
          field: `${field}.${language}`,
          reason: 'too_long',
          message: `the ${name} text message for "${status}" is longer than ${maxNotificationLength} characters`,
        })
      }
    }
  }
  return problems
}
