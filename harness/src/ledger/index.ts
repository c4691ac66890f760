export { migrations, type Migration } from './migrations.js';
export {
  NotificationLedger,
  deliveryKey,
  isPermanentDataError,
  type LedgerAlert,
  type LedgerDelivery,
  type LedgerNotification,
  type QuarantineEntry,
  type QuarantinedPayload,
} from './ledger.js';
export { LedgerError } from './errors.js';
export { pgDatabase, pgliteDatabase, type SqlDatabase, type SqlExecutor } from './sql.js';
export {
  parseWebhookPayload,
  isRfc3339,
  WebhookPayloadError,
  type WebhookAlert,
  type WebhookPayload,
} from './webhook-payload.js';
export { startWebhookReceiver, type StartedWebhookReceiver, type WebhookReceiverOptions } from './webhook-receiver.js';
export { notificationsFromDeliveries } from './ledger-notifications.js';
