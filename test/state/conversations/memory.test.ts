import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../../src/state/conversations/memory.ts';
import { conversationStoreContract, turn } from './contract.ts';

conversationStoreContract('MemoryConversationStore', (options) => new MemoryConversationStore(options));

describe('MemoryConversationStore', () => {
  it('stays bounded: the least recently used conversations are dropped first', async () => {
    const store = new MemoryConversationStore({ maxConversations: 2 });
    await store.append('a', turn('một'));
    await store.append('b', turn('hai'));
    await store.append('a', turn('ba'));
    await store.append('c', turn('bốn'));
    expect(await store.recent('b')).toEqual([]);
    expect(await store.recent('a')).toHaveLength(2);
    expect(await store.recent('c')).toHaveLength(1);
  });
});
