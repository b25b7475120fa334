/** Small time helpers for messages: instants are Unix seconds (UTC) everywhere in the protocol. */
// @ts-nocheck


/** Unix seconds → "2011-03-13T10:00:00Z" (no milliseconds: the protocol counts whole seconds). */
export function isoUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Seconds → short human text: "1 h", "15 min", "2 d 3 h", "90 s" → "1 min 30 s". */
export function humanDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['min', 60]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}
