import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import { create, insertMultiple, search } from '@orama/orama';

/**
 * The retrievers a JavaScript developer would pick by default, with their default settings, over the same
 * passage texts our index sees ("context. text"). Each answers a question with the positions of its top 5
 * passages; the question goes in as the user typed it, since neither has a query language of its own.
 */
export interface PeerRetriever {
  readonly name: 'langchain' | 'orama';
  top5(question: string): Promise<number[]>;
}

/** LangChain's BM25Retriever: `fromDocuments(docs, { k: 5 })`; it keeps the documents and scores them all per query. */
export function langchainRetriever(texts: readonly string[]): PeerRetriever {
  const documents = texts.map((text, position) => new Document({ pageContent: text, metadata: { position } }));
  const retriever = BM25Retriever.fromDocuments(documents, { k: 5 });
  return {
    name: 'langchain',
    async top5(question) {
      const found = await retriever.invoke(question);
      return found.map((document) => document.metadata.position as number);
    },
  };
}

/** Orama: `create` with one string field, `insertMultiple`, `search({ term, limit: 5 })`. */
export async function oramaRetriever(texts: readonly string[]): Promise<PeerRetriever> {
  const db = create({ schema: { text: 'string' } as const });
  await insertMultiple(
    db,
    texts.map((text, position) => ({ id: String(position), text })),
  );
  return {
    name: 'orama',
    async top5(question) {
      const results = await search(db, { term: question, limit: 5 });
      return results.hits.map((hit) => Number(hit.id));
    },
  };
}
