import { BUILT_IN_THEMES } from './built-in-themes.js';

/** A built-in theme as a workspace's row starts: its names and keywords per language. */
export interface BuiltInThemeSeed {
  key: string;
  name: Record<string, string>;
  keywords: Record<string, string[]>;
}

/** What a person reads for each built-in theme key, per language. */
const NAMES: Record<string, { en: string; sv: string; da: string }> = {
  delivery: { en: 'Delivery', sv: 'Leverans', da: 'Levering' },
  price: { en: 'Price', sv: 'Pris', da: 'Pris' },
  product_quality: { en: 'Product quality', sv: 'Produktkvalitet', da: 'Produktkvalitet' },
  customer_service: { en: 'Customer service', sv: 'Kundtjänst', da: 'Kundeservice' },
  website_app: { en: 'Website and app', sv: 'Webbplats och app', da: 'Hjemmeside og app' },
  checkout_payment: { en: 'Checkout and payment', sv: 'Kassa och betalning', da: 'Kassen og betaling' },
  returns_refunds: { en: 'Returns and refunds', sv: 'Returer och återbetalning', da: 'Returnering og refusion' },
  communication: { en: 'Communication', sv: 'Kommunikation', da: 'Kommunikation' },
};

/** The eight themes a workspace starts with, as rows to seed. */
export function builtInThemeSeeds(): BuiltInThemeSeed[] {
  return BUILT_IN_THEMES.map((theme) => ({
    key: theme.key,
    name: NAMES[theme.key] ?? { en: theme.key, sv: theme.key, da: theme.key },
    keywords: { en: [...theme.keywords.en], sv: [...theme.keywords.sv], da: [...theme.keywords.da] },
  }));
}
