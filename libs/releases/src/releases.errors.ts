import { HavenException, NotFoundException } from '#haven/platform';

export enum ReleasesErrorCode {
  RELEASE_LINK_NOT_FOUND = 'RELEASE_LINK_NOT_FOUND',
  RELEASE_ALREADY_SIGNED = 'RELEASE_ALREADY_SIGNED',
  RELEASE_REVOKED = 'RELEASE_REVOKED',
  RELEASE_EXPIRED = 'RELEASE_EXPIRED',
  RELEASE_NOT_SIGNED = 'RELEASE_NOT_SIGNED',
}

const statusByCode: Record<ReleasesErrorCode, number> = {
  [ReleasesErrorCode.RELEASE_LINK_NOT_FOUND]: 404,
  [ReleasesErrorCode.RELEASE_ALREADY_SIGNED]: 409,
  [ReleasesErrorCode.RELEASE_REVOKED]: 410,
  [ReleasesErrorCode.RELEASE_EXPIRED]: 410,
  [ReleasesErrorCode.RELEASE_NOT_SIGNED]: 409,
};

// Read by the client on the signing page (and by the coach): plain language, no release content.
const defaultMessage: Record<ReleasesErrorCode, string> = {
  [ReleasesErrorCode.RELEASE_LINK_NOT_FOUND]:
    'This link is not valid or has expired. Ask your coach to send you a new one if you still need it.',
  [ReleasesErrorCode.RELEASE_ALREADY_SIGNED]: 'This release has already been signed.',
  [ReleasesErrorCode.RELEASE_REVOKED]: 'This release has been revoked and can no longer be signed or used.',
  [ReleasesErrorCode.RELEASE_EXPIRED]: 'This release has expired and can no longer be signed or used.',
  [ReleasesErrorCode.RELEASE_NOT_SIGNED]: 'This release has not been signed, so there is no signed copy yet.',
};

export class ReleasesException extends HavenException {
  constructor(code: ReleasesErrorCode) {
    super(statusByCode[code], code, defaultMessage[code]);
  }
}

/** Unknown release id, another coach's or another client's: the same 404. */
export class ReleaseNotFoundException extends NotFoundException {
  constructor() {
    super('release');
  }
}
