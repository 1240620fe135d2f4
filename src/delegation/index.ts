export {
  type AutoDelegation,
  type AutoDelegationResult,
  type AutoDelegationSkip,
  delegationDate,
  runAutoDelegation,
} from './auto-delegate.ts';
