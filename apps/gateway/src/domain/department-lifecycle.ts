// The states a department moves through. Going live (first time or after a suspension) needs a
// passing conformance check; suspending takes its services away from everyone at once.
import type { DepartmentState } from '@darwaza/contracts/departments'

const allowed: Record<DepartmentState, readonly DepartmentState[]> = {
  sandbox: ['live', 'suspended'],
  live: ['suspended'],
  suspended: ['live', 'sandbox'],
}

export function canMoveDepartment(from: DepartmentState, to: DepartmentState): boolean {
  return allowed[from].includes(to)
}

export function needsConformance(to: DepartmentState): boolean {
  return to === 'live'
}
