// The public surface of the ethics library: pure decisions over facts and a date, each naming
// the rule of the code of ethics it applies. Import as `#haven/ethics`.
export { EthicsRule, ethicsErrorCode, type EthicsErrorCode } from './ethics-rule.js';
export { allow, refuse, type EthicsAllowed, type EthicsDecision, type EthicsRefusal } from './decision.js';
export { addDays, daysBetween, isLocalDate, type LocalDate } from './local-date.js';
export type { ClientStatus } from './client-status.js';
export { decideIntake, type IntakeFacts, type IntakeOutcome, type IntakeScreening } from './intake.js';
export {
  decideSessionOutcome,
  decideSessionRecording,
  type SessionFollowUp,
  type SessionOutcome,
  type SessionStatus,
} from './session-record.js';
export { giveBackShareByYear, type FeeType, type GiveBackSession, type GiveBackYear } from './give-back.js';
export {
  DEFAULT_RENEWAL_PERIOD_MONTHS,
  RENEWAL_DUE_WITHIN_DAYS,
  certificationStatus,
  decideNewClientAllowed,
  decideRenewal,
  ethicsReviewInCycle,
  expiresOn,
  type CertificationStatus,
} from './certification.js';
export { REMINDER_OFFSETS_DAYS, dueReminders, type ReminderOffset } from './renewal-reminders.js';
export {
  DEFAULT_REVETTING_MONTHS,
  PROVIDER_KINDS,
  REVETTING_REMINDER_DAYS,
  decideReferral,
  decideTransferToTherapy,
  revettingReminderDue,
  vettingCurrent,
  vettingDueOn,
  type ProviderKind,
} from './referral.js';
export { decideEndEngagement } from './end-engagement.js';
export {
  decideDisclosure,
  type DisclosureBasis,
  type DisclosureGrant,
  type MandatoryReportAbuse,
  type MandatoryReportVictim,
  type ReleaseStatus,
} from './disclosure.js';
