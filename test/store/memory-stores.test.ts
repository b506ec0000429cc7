import { MemoryDeliveryLedger } from '../../src/store/memory-delivery-ledger.ts';
import { MemoryQuestionLog } from '../../src/store/memory-question-log.ts';
import { MemoryRateLimiter } from '../../src/store/memory-rate-limiter.ts';
import { MemorySecretStore } from '../../src/store/secret-store.ts';
import { deliveryLedgerContract, questionLogContract, rateLimiterContract, secretStoreContract } from './store-contracts.ts';

deliveryLedgerContract('MemoryDeliveryLedger', (doneTtlMs) => new MemoryDeliveryLedger(doneTtlMs));
rateLimiterContract('MemoryRateLimiter', (limit, now) => new MemoryRateLimiter(limit, now));
questionLogContract('MemoryQuestionLog', () => new MemoryQuestionLog());
secretStoreContract('MemorySecretStore', () => new MemorySecretStore());
