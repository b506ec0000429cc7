import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { ConversationStore } from './conversation/conversation-store.ts';
import { MemoryConversationStore } from './conversation/memory-conversation-store.ts';
import { KnowledgeLibrary } from './knowledge/knowledge-library.ts';
import { type Assistant, createAssistant } from './pipeline/assistant.ts';

export interface App {
  assistant: Assistant;
  library: KnowledgeLibrary;
  conversations: ConversationStore;
}

export interface AppDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Defaults to the in-memory store. */
  conversations?: ConversationStore;
}

/** Wires the parts together from explicit dependencies; reads no environment. */
export async function createApp({ config, logger, conversations }: AppDependencies): Promise<App> {
  const library = new KnowledgeLibrary({ dir: config.knowledgeDir, maxFileBytes: config.knowledgeMaxFileBytes, logger });
  await library.reload();
  const store = conversations ?? new MemoryConversationStore(config.conversation);
  const assistant = createAssistant({ knowledge: () => library.current(), conversations: store, logger });
  return { assistant, library, conversations: store };
}
