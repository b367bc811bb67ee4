import { Injectable, Logger } from '@nestjs/common';
import { ClientAccess } from '#haven/clients';
import { DecryptionError } from '#haven/crypto';
import { giveBackShareByYear, type GiveBackSession, type GiveBackYear } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { RecordsRepository } from './records.repository.js';
import { decryptFacts } from './session-record.mapper.js';

/**
 * PRACTICE_GIVE_BACK: the share of held sessions given at a sliding scale or pro bono, per year.
 * Dates and fee types are encrypted, so the report decrypts every session of the coach's live
 * clients; sessions of deleted (shredded) clients can no longer be counted. A session that does
 * not decrypt (altered in the database) is counted as unreadable instead of failing the report.
 */
@Injectable()
export class GiveBackService {
  private readonly logger = new Logger(GiveBackService.name);

  constructor(
    private readonly access: ClientAccess,
    private readonly records: RecordsRepository,
  ) {}

  shareByYear(caller: AuthenticatedAccount): Promise<{ years: GiveBackYear[]; unreadableSessions: number }> {
    return this.access.run(caller, { action: 'session.give_back.read', subjectId: caller.accountId }, async (scope) => {
      const [clients, sessions] = await Promise.all([
        this.access.openAllClients(scope),
        this.records.findAllFactsByCoach(scope.tx, scope.coachId),
      ]);
      const counted: GiveBackSession[] = [];
      let unreadableSessions = 0;
      for (const session of sessions) {
        const client = clients.get(session.clientId);
        if (!client) continue;
        try {
          const facts = await decryptFacts(client, session.id, session.factsEnc);
          counted.push({ occurredOn: facts.occurredAt.slice(0, 10), status: facts.status, feeType: facts.feeType });
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
          this.logger.warn(`unreadable record: ${error.message}`);
          unreadableSessions += 1;
        }
      }
      return { years: giveBackShareByYear(counted), unreadableSessions };
    });
  }
}
