import { ethicsErrorCode, type EthicsRefusal } from '#haven/ethics';
import { HavenException } from '#haven/platform';

export enum CertificationErrorCode {
  NOT_A_CERTIFIER_OF_A_BODY = 'NOT_A_CERTIFIER_OF_A_BODY',
  ALREADY_CERTIFIED = 'ALREADY_CERTIFIED',
  NOT_CERTIFIED = 'NOT_CERTIFIED',
  CERTIFICATION_REVOKED = 'CERTIFICATION_REVOKED',
}

const statusByCode: Record<CertificationErrorCode, number> = {
  [CertificationErrorCode.NOT_A_CERTIFIER_OF_A_BODY]: 403,
  [CertificationErrorCode.ALREADY_CERTIFIED]: 409,
  [CertificationErrorCode.NOT_CERTIFIED]: 404,
  [CertificationErrorCode.CERTIFICATION_REVOKED]: 409,
};

const defaultMessage: Record<CertificationErrorCode, string> = {
  [CertificationErrorCode.NOT_A_CERTIFIER_OF_A_BODY]: 'Your account is not a certifier of any certification body.',
  [CertificationErrorCode.ALREADY_CERTIFIED]: 'This coach already holds a certification.',
  [CertificationErrorCode.NOT_CERTIFIED]: 'No certification is recorded for you.',
  [CertificationErrorCode.CERTIFICATION_REVOKED]: 'This certification is revoked: reinstate it first.',
};

export class CertificationException extends HavenException {
  constructor(code: CertificationErrorCode, message = defaultMessage[code]) {
    super(statusByCode[code], code, message);
  }
}

/** A rule of the code of ethics refused the action: 422, `ETHICS_<RULE ID>`, what to do instead. */
export class CertificationRefusalException extends HavenException {
  constructor(readonly refusal: EthicsRefusal) {
    super(422, ethicsErrorCode(refusal.rule), `${refusal.message} ${refusal.remedy}`.trim());
  }
}
