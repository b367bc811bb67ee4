import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';
import { Transactions } from './transactions/transactions.js';

/** The audit trail, and the transactions every audited write runs in. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity])],
  providers: [AuditService, Transactions],
  exports: [AuditService, Transactions],
})
export class AuditModule {}
