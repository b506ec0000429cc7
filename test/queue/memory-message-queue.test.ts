import { pino } from 'pino';
import { MemoryMessageQueue } from '../../src/queue/memory-message-queue.ts';
import { messageQueueContract } from './queue-contract.ts';

messageQueueContract('MemoryMessageQueue', (concurrency) => new MemoryMessageQueue(concurrency, pino({ level: 'silent' })));
