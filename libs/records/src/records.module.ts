import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsModule } from '#haven/clients';
import { GiveBackController } from './give-back.controller.js';
import { GiveBackService } from './give-back.service.js';
import { RecordsExportSection } from './records-export.section.js';
import { RecordsController } from './records.controller.js';
import { RecordsRepository } from './records.repository.js';
import { RecordsService } from './records.service.js';
import { SessionRecordVersionEntity } from './session-record-version.entity.js';
import { SessionRecordEntity } from './session-record.entity.js';

/** Session records without HTTP; registers the `sessions` section of the client export. */
@Module({
  imports: [TypeOrmModule.forFeature([SessionRecordEntity, SessionRecordVersionEntity]), ClientsModule],
  providers: [RecordsRepository, RecordsService, GiveBackService, RecordsExportSection],
  exports: [RecordsService, GiveBackService],
})
export class RecordsModule {}

/** The HTTP surface: /clients/:id/sessions, /sessions/:id/*, /me/give-back. */
@Module({
  imports: [RecordsModule],
  controllers: [RecordsController, GiveBackController],
})
export class RecordsHttpModule {}
