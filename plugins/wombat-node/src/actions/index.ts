export { ProjectGuard } from './ProjectGuard';
export type {
  ProjectGuardAct,
  ProjectRequester,
  ProjectScope,
} from './ProjectGuard';
export { claimExisting, requireAdmin, requireProjectRole } from './ownership';
export type { OwnershipVerdict } from './ownership';
export {
  adoptInput,
  checkpointKey,
  instanceInput,
  projectInput,
} from './inputs';
