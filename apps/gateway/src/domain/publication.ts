// What must be true before a service version may be published. Every problem is reported at once,
// each naming the field at fault, so a department admin can fix them all in one pass.
import type { FieldError } from '@darwaza/contracts/errors'
import { Ajv2020 } from 'ajv/dist/2020.js'

export interface VersionDraft {
  title: Partial<Record<string, string>>
  summary: Partial<Record<string, string>>
  formSchema: Record<string, unknown>
  presentation: { fields: Record<string, unknown> }
  endpointPath: string
}

const requiredLanguages = [
  ['en', 'English'],
  ['ur', 'Urdu'],
] as const

export function publicationProblems(draft: VersionDraft, department: { baseUrl: string | null }): FieldError[] {
  const problems: FieldError[] = []
  for (const [field, words] of [
    ['title', 'title'],
    ['summary', 'summary'],
  ] as const) {
    for (const [language, name] of requiredLanguages) {
      if (!draft[field][language]?.trim()) {
        problems.push({ field: `${field}.${language}`, reason: 'required', message: `the ${name} ${words} is missing` })
      }
    }
  }

  let schemaFields: string[] = []
  try {
    new Ajv2020({ strict: true, allErrors: true }).compile(draft.formSchema)
    const properties = draft.formSchema.properties
    schemaFields = properties && typeof properties === 'object' ? Object.keys(properties) : []
  } catch (error) {
    problems.push({
      field: 'formSchema',
      reason: 'does_not_compile',
      message: `the form schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  for (const name of Object.keys(draft.presentation.fields)) {
    if (!schemaFields.includes(name)) {
      problems.push({
        field: `presentation.fields.${name}`,
        reason: 'unknown_field',
        message: `a presentation hint names "${name}", which the form does not have`,
      })
    }
  }

  if (!department.baseUrl) {
    problems.push({
      field: 'endpointPath',
      reason: 'not_registered',
      message: 'the department has no registered endpoint',
    })
  } else if (!/^\/[A-Za-z0-9/_-]*$/.test(draft.endpointPath)) {
    problems.push({
      field: 'endpointPath',
      reason: 'format',
      message: 'the endpoint path must start with / and be a plain path',
    })
  }
  return problems
}
