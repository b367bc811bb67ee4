/**
 * Every rule of the coaches' code of ethics that Haven knows about, by its stable ID
 * (see docs/ethics.md for where each one is enforced). The value equals the key so the ID
 * reads the same in code, logs, error bodies and test names.
 */
export enum EthicsRule {
  SCOPE_MINOR = 'SCOPE_MINOR',
  SCOPE_RISK = 'SCOPE_RISK',
  SCOPE_COMPETENCE = 'SCOPE_COMPETENCE',
  SCOPE_INFLUENCE = 'SCOPE_INFLUENCE',
  SCOPE_NO_DIAGNOSIS = 'SCOPE_NO_DIAGNOSIS',
  SCOPE_CRISIS = 'SCOPE_CRISIS',
  CONF_COACH_ONLY = 'CONF_COACH_ONLY',
  CONF_DISCLOSURE = 'CONF_DISCLOSURE',
  CONF_RELEASE = 'CONF_RELEASE',
  CONF_RECORDS = 'CONF_RECORDS',
  CONF_MANDATORY_REPORT = 'CONF_MANDATORY_REPORT',
  PRACTICE_VETTED_REFERRAL = 'PRACTICE_VETTED_REFERRAL',
  PRACTICE_NO_ABANDON = 'PRACTICE_NO_ABANDON',
  PRACTICE_NO_LOCK_IN = 'PRACTICE_NO_LOCK_IN',
  PRACTICE_CLIENT_GOALS = 'PRACTICE_CLIENT_GOALS',
  PRACTICE_SAFE_CLOSE = 'PRACTICE_SAFE_CLOSE',
  PRACTICE_GIVE_BACK = 'PRACTICE_GIVE_BACK',
  CERT_RENEWAL = 'CERT_RENEWAL',
  CERT_ETHICS_REVIEW = 'CERT_ETHICS_REVIEW',
  CERT_REMINDERS = 'CERT_REMINDERS',
  CERT_AUDIT = 'CERT_AUDIT',
}

/** The `code` of an ethics refusal in an HTTP error body, e.g. `ETHICS_SCOPE_MINOR`. */
export type EthicsErrorCode = `ETHICS_${EthicsRule}`;

/** Maps a rule to the error code the API answers with (status 422). */
export function ethicsErrorCode(rule: EthicsRule): EthicsErrorCode {
  return `ETHICS_${rule}`;
}
