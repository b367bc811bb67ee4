import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuthenticatedAccount, IdentityErrorCode, IdentityException, IdentityService } from '#haven/identity';
import { NotFoundException } from '#haven/platform';
import { CertificationAccess } from './certification-access.js';
import { CertificationRepository } from './certification.repository.js';

/** The admin's side: certification bodies and their certifier accounts (one body each). */
@Injectable()
export class CertificationBodiesService {
  constructor(
    private readonly access: CertificationAccess,
    private readonly repository: CertificationRepository,
    private readonly identity: IdentityService,
  ) {}

  createBody(
    caller: AuthenticatedAccount,
    request: { name: string; renewalPeriodMonths: number },
  ): Promise<{ id: string }> {
    const id = randomUUID();
    return this.access.withoutCoach(caller, { action: 'certification_body.create', subjectId: id }, async (tx) => {
      await this.repository.insertBody(tx, { id, ...request });
      return { id };
    });
  }

  /** A certifier account of the body: role certifier, no vault (they never hold client records). */
  createCertifier(
    caller: AuthenticatedAccount,
    bodyId: string,
    request: { email: string; password: string; displayName: string },
  ): Promise<{ id: string }> {
    return this.access.withoutCoach(caller, { action: 'certifier.create', subjectId: bodyId }, async (tx) => {
      if (!(await this.repository.findBody(tx, bodyId))) throw new NotFoundException('certification body');
      const account = await this.identity.createStaffAccount(tx, { ...request, role: 'certifier' });
      if (!account) throw new IdentityException(IdentityErrorCode.EMAIL_TAKEN);
      await this.repository.insertCertifier(tx, account.id, bodyId);
      return { id: account.id };
    });
  }
}
