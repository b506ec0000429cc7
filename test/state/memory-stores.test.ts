import { MemoryDeliveryLedger } from '../../src/state/deliveries/memory.ts';
import { MemoryQuestionLog } from '../../src/state/question-log/memory.ts';
import { MemoryRateLimiter } from '../../src/state/rate-limits/memory.ts';
import { MemorySecretStore } from '../../src/state/secrets/port.ts';
import {
  deliveryLedgerContract,
  questionLogContract,
  rateLimiterContract,
  secretStoreContract,
} from './store-contracts.ts';

deliveryLedgerContract('MemoryDeliveryLedger', (doneTtlMs) => new MemoryDeliveryLedger(doneTtlMs));
rateLimiterContract('MemoryRateLimiter', (limit, now) => new MemoryRateLimiter(limit, now));
questionLogContract('MemoryQuestionLog', () => new MemoryQuestionLog());
secretStoreContract('MemorySecretStore', () => new MemorySecretStore());
