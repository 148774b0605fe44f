/** A picker over `[weight, value]` pairs. */
export function pickWeighted(pairs) {
  const total = pairs.reduce((n, [w]) => n + w, 0);
  return (...args) => {
    let r = Math.random() * total;
    for (const [w, make] of pairs) {
      if ((r -= w) < 0) return make(...args);
    }
    return pairs[pairs.length - 1][1](...args);
  };
}
