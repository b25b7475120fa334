/**
 * A meter's base unit, as tariffs price it and meters sign it: "Wh" for electricity, "m", "s" or "cpu-s"
 * for other services. One pattern for both, so a tariff's unit and a log's signed unit compare as text.
 */
// @ts-nocheck

export const UNIT_RE = /^[A-Za-z0-9._/-]{1,16}$/;
export const UNIT_HINT = 'a unit such as Wh, m, s or cpu-s (1 to 16 letters, digits and . _ / -)';
