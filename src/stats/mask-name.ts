/**
 * A name partly hidden, for whoever checks a statement without being the district's office: enough
 * to match it against the person in front of them, not enough to find them. 张三丰 → 张*丰,
 * 张三 → 张*, 欧阳娜娜 → 欧**娜, "Li Si" → "L* S*".
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "-";
  if (!/[A-Za-z]/.test(name)) {
    if (chars.length <= 2) return `${chars[0]}*`;
    return `${chars[0]}${"*".repeat(chars.length - 2)}${chars.at(-1)}`;
  }
  return name
    .trim()
    .split(/\s+/)
    .map((word) => `${[...word][0]}${"*".repeat(Math.max(1, [...word].length - 1))}`)
    .join(" ");
}
