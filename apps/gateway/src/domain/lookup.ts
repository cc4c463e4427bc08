import type { LookupInput, LookupResult } from '@darwaza/contracts/lookup'
import { DomainError, invalidInput } from './errors.ts'
import { validateForm } from './form-validation.ts'
import type { CatalogueAudience, CatalogueRepository, DepartmentLookups } from './ports.ts'

export interface LookupDeps {
  catalogue: CatalogueRepository
  departments: DepartmentLookups
}

/**
 * Forwards a citizen's look-up to the department that offers it, after checking the query against
 * the service's published form. Nothing reaches a department that its form would not accept.
 */
export async function performLookup(
  deps: LookupDeps,
  input: LookupInput,
  requestId: string,
  audience: CatalogueAudience,
): Promise<LookupResult> {
  const route = await deps.catalogue.findPublished(input.service, audience)
  if (!route) {
    throw new DomainError('NOT_FOUND', `There is no published service "${input.service}".`)
  }
  if (route.entry.kind !== 'lookup') {
    throw new DomainError('SERVICE_NOT_AVAILABLE', `"${input.service}" is an application, not a look-up.`)
  }
  const fieldErrors = validateForm(`${route.entry.slug}@${route.entry.version}`, route.entry.formSchema, input.query, {
    language: input.language,
    fields: route.entry.presentation.fields,
  })
  if (fieldErrors.length > 0) throw invalidInput(fieldErrors)

  return deps.departments.lookup({
    department: route.department,
    endpointPath: route.endpointPath,
    service: route.entry.slug,
    query: input.query,
    requestId,
  })
}
