import { numericToAlpha2 } from 'i18n-iso-countries';

/**
 * Country names from ISO 3166-1 alpha-2 codes, from the browser's own CLDR data (Intl.DisplayNames:
 * no locale file to ship), and the numeric → alpha-2 mapping the world atlas needs.
 */
let displayNames: Intl.DisplayNames | null = null;
try {
  displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
} catch {
  displayNames = null;
}

/** "Uganda" for "UG"; "Unknown" for null; the code itself when the browser does not know it. */
export function countryName(code: string | null | undefined): string {
  if (!code) return 'Unknown';
  try {
    return displayNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A country code as shown in short labels ("UG"), "?" when unknown. */
export function shortCode(code: string | null | undefined): string {
  return code ? code.toUpperCase() : '?';
}

/** Features of world-atlas without an ISO numeric id, by their name there. */
const UNNUMBERED: Record<string, string> = { Kosovo: 'XK' };

/** ISO 3166-1 alpha-2 of a world-atlas feature (its id is the ISO numeric code), or null. */
export function featureAlpha2(id: string | number | undefined, name: string | undefined): string | null {
  if (id !== undefined && id !== null && id !== '') {
    const code = numericToAlpha2(id);
    if (code) return code;
  }
  return (name && UNNUMBERED[name]) || null;
}

/**
 * Where to put countries too small for the 1:110m atlas (no polygon there), [longitude, latitude]:
 * the ones that come up in scam-centre and trafficking reporting.
 */
export const SMALL_COUNTRY_POINTS: Readonly<Record<string, [number, number]>> = {
  SG: [103.82, 1.35],
  HK: [114.17, 22.32],
  MO: [113.54, 22.19],
  BH: [50.56, 26.07],
  MV: [73.22, 3.2],
  MU: [57.55, -20.25],
  MT: [14.45, 35.9],
  SC: [55.45, -4.68],
  CV: [-23.6, 15.1],
  AD: [1.52, 42.55],
  LI: [9.55, 47.16],
  MC: [7.42, 43.74],
  SM: [12.46, 43.94],
  KN: [-62.75, 17.3],
  AG: [-61.8, 17.08],
  WS: [-172.1, -13.76],
  TO: [-175.2, -21.18],
  PW: [134.58, 7.51],
  FM: [158.2, 6.88],
  MH: [171.18, 7.13],
  KI: [-157.36, 1.87],
  GU: [144.79, 13.44],
  MP: [145.7, 15.2],
};
