/** How long ago something was seen, as a locale key and the count Shopify's translate() pluralises by. */
export function ageOf(at: string, now: number): { key: string; count?: number } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(at)) / 60_000));
  if (minutes < 1) return { key: "block.age.now" };
  if (minutes < 60) return { key: "block.age.minutes", count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: "block.age.hours", count: hours };
  return { key: "block.age.days", count: Math.floor(hours / 24) };
}
