import type { Channel, Metric } from '@cairn/database';

export interface DemoTouchpoint {
  key: string;
  name: string;
  channel: Channel;
  metric: Metric;
  event: string;
  /** Mean tendency 0..1: where on the scale this touchpoint's answers lean. */
  mood: number;
}

export const DEMO_JOURNEY = 'Online store';

export const DEMO_STAGES: Array<{ name: string; touchpoints: DemoTouchpoint[] }> = [
  {
    name: 'Awareness',
    touchpoints: [
      { key: 'web-visit', name: 'Website visit', channel: 'web', metric: 'csat', event: 'site.visited', mood: 0.72 },
      { key: 'social-ad', name: 'Social media ad', channel: 'web', metric: 'csat', event: 'ad.clicked', mood: 0.6 },
    ],
  },
  {
    name: 'Consideration',
    touchpoints: [
      { key: 'product-page', name: 'Product page', channel: 'web', metric: 'ces', event: 'product.viewed', mood: 0.7 },
      { key: 'pre-sales-chat', name: 'Pre-sales chat', channel: 'chat', metric: 'csat', event: 'chat.closed', mood: 0.8 },
    ],
  },
  {
    name: 'Purchase',
    touchpoints: [
      { key: 'checkout', name: 'Checkout', channel: 'web', metric: 'ces', event: 'order.placed', mood: 0.62 },
      { key: 'payment', name: 'Payment', channel: 'web', metric: 'csat', event: 'payment.completed', mood: 0.78 },
    ],
  },
  {
    name: 'Delivery & use',
    touchpoints: [
      { key: 'delivery', name: 'Delivery', channel: 'delivery', metric: 'nps', event: 'order.delivered', mood: 0.74 },
      { key: 'support-chat', name: 'Support chat', channel: 'chat', metric: 'csat', event: 'ticket.solved', mood: 0.66 },
      { key: 'store-visit', name: 'Store visit', channel: 'store', metric: 'nps', event: 'store.visited', mood: 0.84 },
    ],
  },
  {
    name: 'Loyalty',
    touchpoints: [
      { key: 'renewal', name: 'Subscription renewal', channel: 'email', metric: 'nps', event: 'subscription.renewed', mood: 0.8 },
      { key: 'loyalty-program', name: 'Loyalty programme', channel: 'app', metric: 'nps', event: 'loyalty.joined', mood: 0.88 },
    ],
  },
];

export const DEMO_COMMENTS: Record<'low' | 'mid' | 'high', Record<'en' | 'sv' | 'da', string[]>> = {
  low: {
    en: [
      'The parcel arrived three days late.',
      'Nobody answered my question in the chat.',
      'Checkout kept failing on my phone.',
      'Too expensive for what you get.',
    ],
    sv: [
      'Paketet kom tre dagar för sent.',
      'Ingen svarade på min fråga i chatten.',
      'Kassan krånglade i mobilen.',
      'För dyrt för vad man får.',
    ],
    da: [
      'Pakken kom tre dage for sent.',
      'Ingen svarede på mit spørgsmål i chatten.',
      'Kassen fejlede hele tiden på min telefon.',
      'For dyrt i forhold til kvaliteten.',
    ],
  },
  mid: {
    en: ['Fine, but the delivery window was vague.', 'OK overall, a few steps too many.', 'Good product, average service.'],
    sv: ['Bra, men leveransfönstret var otydligt.', 'Okej, några steg för mycket.', 'Bra produkt, medelmåttig service.'],
    da: ['Fint, men leveringstidspunktet var uklart.', 'OK, lidt for mange trin.', 'God vare, middelmådig service.'],
  },
  high: {
    en: [
      'Fast and friendly, thank you!',
      'Super easy, I will order again.',
      'The support agent solved it in minutes.',
      'Great quality and quick delivery.',
    ],
    sv: [
      'Snabbt och trevligt, tack!',
      'Superenkelt, jag beställer igen.',
      'Supporten löste det på några minuter.',
      'Bra kvalitet och snabb leverans.',
    ],
    da: [
      'Hurtigt og venligt, tak!',
      'Meget nemt, jeg bestiller igen.',
      'Supporten løste det på få minutter.',
      'God kvalitet og hurtig levering.',
    ],
  },
};

export const DEMO_SEGMENTS = {
  plan: ['free', 'pro', 'business'],
  region: ['nordics', 'dach', 'uk'],
};
