export { migrations, type Migration } from './migrations.js';
export { NotificationLedger, deliveryKey, type LedgerAlert, type LedgerNotification } from './ledger.js';
export { pgDatabase, pgliteDatabase, type SqlDatabase, type SqlExecutor } from './sql.js';
export { parseWebhookPayload, WebhookPayloadError, type WebhookAlert, type WebhookPayload } from './webhook-payload.js';
export { startWebhookReceiver, type StartedWebhookReceiver, type WebhookReceiverOptions } from './webhook-receiver.js';
