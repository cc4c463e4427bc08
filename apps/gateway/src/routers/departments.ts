import { departmentApplications } from '../services/administration.ts'
import { departmentStaffProcedure, router } from '../trpc.ts'

export const departmentsRouter = router({
  applications: departmentStaffProcedure.query(({ ctx }) => departmentApplications(ctx.services.access, ctx.actor)),
})
