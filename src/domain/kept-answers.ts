/**
 * `compute` with its answers kept under `keyOf` of the arguments, for pure work asked again and
 * again with few distinct arguments (a night's name, tonight's date). Past `max` keys all are
 * forgotten at once: cheaper than tracking which is oldest, and the next calls refill it.
 */
export function keptAnswers<A extends unknown[], V>(max: number, keyOf: (...args: A) => string, compute: (...args: A) => V): (...args: A) => V {
  const kept = new Map<string, V>();
  return (...args) => {
    const key = keyOf(...args);
    if (kept.has(key)) return kept.get(key)!;
    if (kept.size >= max) kept.clear();
    const value = compute(...args);
    kept.set(key, value);
    return value;
  };
}
