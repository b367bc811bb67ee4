// The public surface of #haven/clients. Everything else in this folder is private.
export { ClientsModule, ClientsHttpModule } from './clients.module.js';
export {
  ClientAccess,
  type AuditedAction,
  type ClientKeyRow,
  type CoachScope,
  type OpenClient,
} from './client-access.js';
export { ClientCipher } from './client-cipher.js';
export { ClientRowColumns } from './client-row.columns.js';
export { ClientExportSections, type ClientExportSection } from './client-export.js';
export { nextClientStatus, type ClientStatusEvent } from './client-status.js';
export { FollowUpsService } from './follow-ups.service.js';
export { FollowUpResponseDto } from './dto/follow-up.response.dto.js';
export { toFollowUpResponse, type FollowUpKind, type FollowUpView } from './follow-up.mapper.js';
export { ClientsErrorCode, ClientsException, RecordUnreadableException } from './clients.errors.js';
export { EthicsRefusalException } from './ethics-refusal.exception.js';
export { decryptOrMarkUnreadable, isUnreadable, type UnreadableItem } from './unreadable-item.js';
export { UnreadableItemDto } from './dto/unreadable-item.response.dto.js';
export { IsLocalDate } from './dto/date.validators.js';
export { todayUtc } from './today-utc.js';
