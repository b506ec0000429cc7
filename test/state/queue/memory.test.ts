import { pino } from 'pino';
import { MemoryMessageQueue } from '../../../src/state/queue/memory.ts';
import { messageQueueContract } from './contract.ts';

messageQueueContract(
  'MemoryMessageQueue',
  (concurrency) => new MemoryMessageQueue(concurrency, pino({ level: 'silent' })),
);
