/** Lower-cased words, accents folded, so "Crème" and "creme" meet. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The product's search keys: every word of name, description and tags, once. */
export function keywordsOf(p: { name: string; description: string; tags: readonly string[] }): string[] {
  return [...new Set([...wordsOf(p.name), ...wordsOf(p.description), ...p.tags.flatMap(wordsOf)])];
}

/**
 * Relevance without a text index (FerretDB 1.x has no $text): a query word that starts a
 * word of the name counts most, then tags, then the description; an exact name word beats a
 * prefix. Every query word already matched somewhere (the store's filter ensures it).
 */
export function relevance(queryWords: readonly string[], p: { name: string; tags: readonly string[] }): number {
  const nameWords = wordsOf(p.name);
  const tagWords = p.tags.flatMap(wordsOf);
  let score = 0;
  for (const q of queryWords) {
    if (nameWords.includes(q)) score += 4;
    else if (nameWords.some((w) => w.startsWith(q))) score += 3;
    if (tagWords.some((w) => w.startsWith(q))) score += 2;
    score += 1;
  }
  return score;
}
