import { CreateServiceCentreInput, CreateStaffInput, KioskRef, RegisterKioskInput } from '@darwaza/contracts/identity'
import {
  AddDepartmentKeyInput,
  CreateDepartmentInput,
  DepartmentRef,
  RevokeDepartmentKeyInput,
  SetDepartmentStateInput,
  UpdateDepartmentInput,
} from '@darwaza/contracts/departments'
import { DeliveryRef } from '@darwaza/contracts/applications'
import { createServiceCentre, listServiceCentres } from '../services/administration.ts'
import { deliveryProblems, replayDelivery } from '../services/deliveries.ts'
import {
  addDepartmentKey,
  checkConformance,
  createDepartment,
  departmentDetails,
  revokeDepartmentKey,
  setDepartmentState,
  updateDepartment,
} from '../services/department-onboarding.ts'
import { listKiosks, registerKiosk, revokeKiosk } from '../services/kiosks.ts'
import { createStaff, listStaff } from '../services/staff.ts'
import { platformAdminProcedure, router } from '../trpc.ts'

export const adminRouter = router({
  createServiceCentre: platformAdminProcedure
    .input(CreateServiceCentreInput)
    .mutation(({ ctx, input }) => createServiceCentre(ctx.services.access, ctx.actor, input)),
  listServiceCentres: platformAdminProcedure.query(({ ctx }) => listServiceCentres(ctx.services.access)),
  listDepartments: platformAdminProcedure.query(({ ctx }) => departmentDetails(ctx.services.access)),
  createDepartment: platformAdminProcedure
    .input(CreateDepartmentInput)
    .mutation(({ ctx, input }) => createDepartment(ctx.services.access, ctx.actor, input)),
  updateDepartment: platformAdminProcedure
    .input(UpdateDepartmentInput)
    .mutation(({ ctx, input }) => updateDepartment(ctx.services.access, ctx.actor, input)),
  addDepartmentKey: platformAdminProcedure
    .input(AddDepartmentKeyInput)
    .mutation(({ ctx, input }) => addDepartmentKey(ctx.services.access, ctx.actor, input)),
  revokeDepartmentKey: platformAdminProcedure
    .input(RevokeDepartmentKeyInput)
    .mutation(({ ctx, input }) => revokeDepartmentKey(ctx.services.access, ctx.actor, input)),
  checkDepartmentConformance: platformAdminProcedure
    .input(DepartmentRef)
    .mutation(({ ctx, input }) => checkConformance(ctx.services.access, ctx.actor, input.code)),
  deliveryProblems: platformAdminProcedure.query(({ ctx }) => deliveryProblems(ctx.services.access)),
  replayDelivery: platformAdminProcedure
    .input(DeliveryRef)
    .mutation(({ ctx, input }) => replayDelivery(ctx.services.access, ctx.actor, input.deliveryId)),
  setDepartmentState: platformAdminProcedure
    .input(SetDepartmentStateInput)
    .mutation(({ ctx, input }) => setDepartmentState(ctx.services.access, ctx.actor, input)),
  createStaff: platformAdminProcedure
    .input(CreateStaffInput)
    .mutation(({ ctx, input }) => createStaff(ctx.services.access, ctx.actor, input)),
  listStaff: platformAdminProcedure.query(({ ctx }) => listStaff(ctx.services.access)),
  registerKiosk: platformAdminProcedure
    .input(RegisterKioskInput)
    .mutation(({ ctx, input }) => registerKiosk(ctx.services.access, ctx.actor, input)),
  listKiosks: platformAdminProcedure.query(({ ctx }) => listKiosks(ctx.services.access)),
  revokeKiosk: platformAdminProcedure
    .input(KioskRef)
    .mutation(({ ctx, input }) => revokeKiosk(ctx.services.access, ctx.actor, input.kioskId)),
})
