// How an application moves once submitted. Departments report each step; the gateway refuses any
// step this table does not allow, so a citizen never sees "completed" become "in review".
import type { ApplicationStatus } from '@darwaza/contracts/applications'

const next: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['received', 'in_review', 'needs_information', 'approved', 'rejected'],
  received: ['in_review', 'needs_information', 'approved', 'rejected'],
  in_review: ['needs_information', 'approved', 'rejected'],
  needs_information: ['in_review', 'approved', 'rejected'],
  approved: ['completed'],
  rejected: [],
  completed: [],
}

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return next[from].includes(to)
}

export function isFinal(status: ApplicationStatus): boolean {
  return next[status].length === 0
}
