// The eight themes every workspace starts with. Keywords are written as people
// spell them (diacritics optional: both sides are folded) and matched on stems,
// inflections and compounds (theme-matcher.ts): "leverans" finds "leveransen"
// and "leveranstiden", "pakke" finds "pakken" and "pakkeboksen".
import type { ThemeDefinition } from './theme-definition.js';

// prettier-ignore
const DELIVERY: ThemeDefinition = {
  key: 'delivery',
  keywords: {
    en: [
      'delivery', 'deliveries', 'deliver', 'delivered', 'delivering', 'shipping', 'shipment', 'shipped', 'ship',
      'courier', 'driver', 'parcel', 'package', 'postman', 'post office', 'dispatch', 'dispatched', 'arrived',
      'arrival', 'arrive', 'pick-up point', 'pickup point', 'collection point', 'parcel shop', 'parcel locker',
      'locker', 'postnord', 'dhl', 'gls', 'budbee', 'instabox', 'fedex', 'delivery time', 'lead time', 'transit',
      'freight', 'postage',
    ],
    sv: [
      'leverans', 'leveranser', 'leverera', 'levererade', 'levererades', 'levererat', 'leveranstid', 'frakt',
      'frakten', 'fraktsedel', 'paket', 'paketet', 'försändelse', 'bud', 'budet', 'budfirma',
      'budbil', 'chaufför', 'förare', 'utlämningsställe', 'ombud', 'ombudet', 'postombud', 'hämtställe',
      'paketautomat', 'paketbox', 'postnord', 'dhl', 'ups', 'schenker', 'budbee', 'instabox', 'bring', 'airmee',
      'hemleverans', 'posten', 'utkörning', 'kom fram', 'leveransdag', 'leveransdatum',
    ],
    da: [
      'levering', 'leveringen', 'leveret', 'levere', 'leveringstid', 'fragt', 'fragten', 'pakke', 'pakken', 'pakker',
      'forsendelse', 'bud', 'budet', 'chauffør', 'pakkeshop', 'pakkeboks', 'udleveringssted', 'afhentningssted',
      'posthus', 'postnord', 'gls', 'dao', 'dhl', 'ups', 'budbee', 'afsendt', 'hjemlevering', 'kom frem',
      'leveringsdato', 'afsendelse', 'buddet', 'budene', 'pakkeautomat', 'pakkeshoppen', 'omdeling',
      'undervejs', 'kom til tiden', 'kom dagen efter', 'kom for sent', 'gratis fragt', 'gratis levering',
    ],
  },
};

// prettier-ignore
const PRICE: ThemeDefinition = {
  key: 'price',
  keywords: {
    en: [
      'price', 'prices', 'priced', 'pricing', 'cost', 'costs', 'expensive', 'cheap', 'cheaper', 'cheapest', 'value for money',
      'fee', 'fees', 'overpriced', 'pricey', 'affordable', 'waste of money', 'shipping cost', 'shipping costs',
      'worth the money', 'sale', 'discount', 'dollars', 'pounds', 'euros', 'usd', 'gbp', 'eur', 'offer', 'offers', 'bargain',
    ],
    sv: [
      'pris', 'priset', 'priser', 'priserna', 'prisvärd', 'prisvärt', 'prisvärda', 'kostnad', 'kostar', 'kostade',
      'dyr', 'dyrt', 'dyra', 'dyrare', 'billig', 'billigt', 'billiga', 'billigare', 'avgift', 'avgiften',
      'fraktkostnad', 'fraktavgift', 'prislapp', 'överpris', 'ocker', 'prisnivå', 'rabatt',
      'rea', 'erbjudande', 'svindyrt', 'fraktpris', 'kr', 'kronor', 'sek', 'eur', 'euro',
    ],
    da: [
      'pris', 'prisen', 'priser', 'priserne', 'prisniveau', 'billig', 'billigt', 'billige', 'billigere', 'dyr', 'dyrt',
      'dyre', 'dyrere', 'koster', 'kostede', 'omkostning', 'gebyr', 'gebyret', 'fragtpris', 'fragtomkostning',
      'overpris', 'tilbud', 'rabat', 'udsalg', 'prisvenlig', 'fragtgebyr', 'kr', 'kroner', 'dkk', 'eur', 'euro',
      'pengene værd', 'gratis fragt', 'gratis levering',
    ],
  },
};

// prettier-ignore
const PRODUCT_QUALITY: ThemeDefinition = {
  key: 'product_quality',
  keywords: {
    en: [
      'product', 'products', 'quality', 'item', 'items', 'size', 'sizes', 'sizing', 'fit', 'fits', 'broken',
      'defective', 'faulty', 'damaged', 'taste', 'tasted', 'tasty', 'flavour', 'flavor', 'material', 'fabric',
      'durable', 'broke', 'stitching', 'colour', 'color', 'smell', 'fresh', 'too small', 'too big', 'fell apart',
      'shoes', 'jacket', 'dress', 'food', 'merchandise', 'screen', 'scratched', 'shrank', 'signal', 'coverage', 'network', 'well made', 'battery', 'fell apart',
    ],
    sv: [
      'produkt', 'produkten', 'produkter', 'kvalitet', 'kvaliteten', 'kvalitén', 'varan', 'varor', 'varorna',
      'storlek', 'storleken', 'storlekar', 'passform', 'passformen', 'trasig', 'trasigt', 'trasiga', 'sönder',
      'defekt', 'skadad', 'skadat', 'skadade', 'smak', 'smaken', 'smakade', 'smakar', 'material', 'materialet',
      'tyget', 'sömmar', 'färgen', 'hållbar', 'hållbarhet', 'gick sönder', 'för liten', 'för stor', 'för små',
      'för stora', 'skorna', 'jackan', 'klänningen', 'maten', 'skärm', 'skärmen', 'repor', 'krympte', 'täckning', 'täckningen', 'föll isär', 'färg', 'batteri', 'batteriet', 'tröjan', 'byxorna',
    ],
    da: [
      'produkt', 'produktet', 'produkter', 'kvalitet', 'kvaliteten', 'varen', 'varer', 'varerne', 'størrelse',
      'størrelsen', 'størrelser', 'pasform', 'pasformen', 'ødelagt', 'ødelagte', 'defekt', 'beskadiget', 'itu', 'smag',
      'smagen', 'smagte', 'smager', 'materiale', 'materialet', 'stoffet', 'farven', 'holdbar', 'holdbarhed',
      'i stykker', 'for lille', 'for stor', 'for små', 'for store', 'skoene', 'jakken', 'kjolen', 'maden', 'skærm', 'skærmen', 'ridser', 'krympede', 'dækning', 'dækningen', 'farve', 'batteri', 'batteriet', 'fra hinanden', 'gik i stykker',
      'lugt', 'lugter', 'lugtede', 'trøjen', 'bukserne', 'løbesko', 'god vare', 'fin vare', 'flot vare',
    ],
  },
};

// prettier-ignore
const CUSTOMER_SERVICE: ThemeDefinition = {
  key: 'customer_service',
  keywords: {
    en: [
      'customer service', 'customer support', 'support', 'staff', 'agent', 'representative', 'employee', 'employees',
      'helpful', 'unhelpful', 'helpdesk', 'help desk', 'service desk', 'chat', 'live chat',
      'hotline', 'service', 'assistance', 'assistant', 'salesperson', 'cashier', 'personnel', 'rude', 'friendly staff',
      'call centre', 'advisor', 'adviser', 'call back', 'by phone', 'on the phone', 'phone support', 'phone line', 'call center', 'on hold', 'queue',
    ],
    sv: [
      'kundtjänst', 'kundservice', 'kundsupport', 'support', 'supporten', 'personal', 'personalen', 'medarbetare',
      'anställd', 'anställda', 'handläggare', 'bemötande', 'bemötandet', 'hjälpsam', 'hjälpsamma', 'service',
      'servicen', 'chatt', 'chatten', 'chat', 'i telefon', 'per telefon', 'telefonsupport', 'telefontid', 'samtal', 'samtalet', 'expedit', 'säljare', 'rådgivare', 'rådgivaren', 'ringa tillbaka', 'säljaren', 'telefonkö', 'kundtjanst', 'otrevlig', 'otrevliga',
    ],
    da: [
      'kundeservice', 'kundeservicen', 'kundesupport', 'support', 'personale', 'personalet', 'medarbejder',
      'medarbejderen', 'medarbejdere', 'ekspedient', 'ekspedienten', 'rådgiver', 'rådgiveren', 'ringe tilbage', 'sælger', 'sælgeren', 'betjening', 'betjeningen',
      'hjælpsom', 'hjælpsomme', 'service', 'servicen', 'chat', 'chatten', 'i telefonen', 'telefonsupport', 'telefontid', 'opkald',
      'hotline', 'telefonkø', 'uhøflig', 'uhøflige', 'chatbot', 'chatbotten', 'henvendelse', 'henvendelsen', 'min klage',
      'tager telefonen', 'fat på nogen', 'hjælp', 'hjælpen',
    ],
  },
};

// prettier-ignore
const WEBSITE_APP: ThemeDefinition = {
  key: 'website_app',
  keywords: {
    en: [
      'website', 'site', 'web site', 'webshop', 'web shop', 'online shop', 'online store', 'app', 'apps',
      'application', 'search', 'login', 'log in', 'sign in', 'password', 'page', 'pages', 'loading', 'navigation',
      'navigate', 'menu', 'filter', 'filters', 'interface', 'user friendly', 'user-friendly', 'crash', 'crashed',
      'crashes', 'bug', 'buggy', 'glitch', 'browser', 'create an account',
    ],
    sv: [
      'hemsida', 'hemsidan', 'webbsida', 'webbplats', 'webbplatsen', 'sajt', 'sajten', 'webbshop', 'webshop',
      'nätbutik', 'nätbutiken', 'app', 'appen', 'applikation', 'sökfunktion', 'sökfunktionen', 'sökning', 'inloggning',
      'logga in', 'lösenord', 'navigera', 'menyn', 'användarvänlig', 'användarvänligt', 'krasch', 'kraschade',
      'buggig', 'bugg', 'hänger sig', 'laddar', 'laddade', 'webben', 'skapa konto', 'skapa ett konto',
    ],
    da: [
      'hjemmeside', 'hjemmesiden', 'webside', 'websiden', 'webshop', 'webshoppen', 'netbutik', 'app', 'appen',
      'applikation', 'søgefunktion', 'søgefunktionen', 'søgning', 'login', 'log ind', 'logge ind', 'adgangskode',
      'password', 'navigere', 'menuen', 'brugervenlig', 'brugervenligt', 'crasher', 'crashede', 'fejl på siden',
      'loader', 'indlæse', 'hjemmesider', 'på siden', 'oprette en konto', 'oprette konto', 'siden frøs',
    ],
  },
};

// prettier-ignore
const CHECKOUT_PAYMENT: ThemeDefinition = {
  key: 'checkout_payment',
  keywords: {
    en: [
      'checkout', 'check out', 'check-out', 'payment', 'payments', 'pay', 'paying', 'card', 'credit card',
      'debit card', 'klarna', 'mobilepay', 'swish', 'paypal', 'vipps', 'apple pay', 'google pay', 'invoice',
      'discount code', 'promo code', 'voucher', 'coupon', 'gift card', 'cart', 'basket', 'transaction',
      'charged twice',
    ],
    sv: [
      'kassan', 'kassor', 'kassorna', 'apple pay', 'google pay', 'vipps', 'betalning', 'betalningen', 'betala', 'betalade', 'betalat', 'kortet',
      'kortbetalning', 'betalkort', 'kreditkort', 'klarna', 'swish', 'mobilepay', 'paypal', 'faktura', 'fakturan',
      'delbetalning', 'rabattkod', 'rabattkoden', 'kampanjkod', 'presentkort', 'varukorg', 'varukorgen', 'köpprocess',
      'betalsätt', 'betalningssätt', 'dragning', 'dragits',
    ],
    da: [
      'kassen', 'apple pay', 'google pay', 'vipps', 'betaling', 'betalingen', 'betale', 'betalte', 'kortet', 'betalingskort', 'kreditkort', 'dankort',
      'mobilepay', 'klarna', 'paypal', 'faktura', 'fakturaen', 'rabatkode', 'rabatkoden', 'gavekort', 'kurven',
      'indkøbskurv', 'betalingsmetode', 'trukket', 'købsprocessen', 'checkout', 'mit kort', 'kortoplysninger',
    ],
  },
};

// prettier-ignore
const RETURNS_REFUNDS: ThemeDefinition = {
  key: 'returns_refunds',
  keywords: {
    en: [
      'return', 'returns', 'returned', 'returning', 'exchange', 'exchanged', 'refund', 'refunds', 'refunded',
      'money back', 'return label', 'send back', 'sent back', 'send it back', 'credit note', 'reimbursement',
      'reimbursed', 'returns policy', 'return policy',
    ],
    sv: [
      'retur', 'returen', 'returer', 'returnera', 'returnerade', 'returnering', 'returneringen', 'returfrakt',
      'returfraktsedel', 'retursedel', 'returetikett', 'returlapp', 'byte', 'byta', 'bytte', 'bytet', 'återbetalning',
      'återbetalningen', 'pengarna tillbaka', 'pengar tillbaka', 'ångerrätt', 'reklamation', 'reklamera',
      'reklamationen', 'kreditering', 'skicka tillbaka', 'skickade tillbaka', 'återbetalt', 'återbetalades',
    ],
    da: [
      'retur', 'returnere', 'returnerede', 'returnering', 'returneringen', 'returlabel', 'returseddel', 'returfragt',
      'bytte', 'byttet', 'ombytning', 'refusion', 'refundering', 'refunderet', 'tilbagebetaling', 'pengene tilbage',
      'penge tilbage', 'reklamation', 'reklamere', 'fortrydelsesret', 'kreditnota', 'sende tilbage', 'sendte tilbage',
    ],
  },
};

// prettier-ignore
const COMMUNICATION: ThemeDefinition = {
  key: 'communication',
  keywords: {
    en: [
      'confirmation', 'confirmation email', 'order confirmation', 'tracking', 'track', 'tracking number',
      'tracking link', 'track and trace', 'update', 'updates', 'updated', 'notification', 'notifications', 'notified',
      'informed', 'inform', 'information', 'info', 'email', 'e-mail', 'emails', 'mail', 'sms', 'text message',
      'newsletter', 'newsletters', 'heard nothing', 'message', 'messages', 'communication', 'communicate',
      'kept posted', 'spam', 'heard back', 'text', 'texted', 'notice', 'heads up', 'reminder', 'nobody told', 'told me',
    ],
    sv: [
      'bekräftelse', 'bekräftelsen', 'orderbekräftelse', 'bekräftelsemejl', 'spårning', 'spårningen', 'spåra',
      'spårningslänk', 'spårningsnummer', 'sändningsnummer', 'uppdatering', 'uppdateringar', 'avisering', 'notis',
      'notiser', 'sms', 'mejl', 'mejlet', 'mail', 'mailet', 'e-post', 'epost', 'nyhetsbrev', 'nyhetsbrevet',
      'information', 'informationen', 'info', 'meddelande', 'meddelandet', 'besked', 'beskedet', 'kommunikation',
      'kommunikationen', 'informerad', 'informerade', 'utskick', 'utskicken', 'påminnelse', 'förvarning', 'sa nåt', 'sa något', 'sa till', 'varsel', 'spam', 'skräppost', 'skräpposten', 'smsade', 'sms:ade',
    ],
    da: [
      'bekræftelse', 'bekræftelsen', 'ordrebekræftelse', 'sporing', 'sporingen', 'sporingsnummer', 'sporingslink',
      'track and trace', 'opdatering', 'opdateringer', 'notifikation', 'notifikationer', 'besked', 'beskeden', 'sms',
      'mail', 'mailen', 'mails', 'e-mail', 'email', 'nyhedsbrev', 'nyhedsbrevet', 'nyhedsbreve', 'information',
      'informationen', 'info', 'meddelelse', 'kommunikation', 'kommunikationen', 'informeret', 'orienteret', 'tracking',
      'trackingnummer', 'melder ud', 'reklamer', 'påmindelse', 'varsel', 'sagde noget', 'sagde til', 'spam', "sms'ede", 'smsede',
    ],
  },
};

export const BUILT_IN_THEMES: readonly ThemeDefinition[] = [
  DELIVERY,
  PRICE,
  PRODUCT_QUALITY,
  CUSTOMER_SERVICE,
  WEBSITE_APP,
  CHECKOUT_PAYMENT,
  RETURNS_REFUNDS,
  COMMUNICATION,
];

export const BUILT_IN_THEME_KEYS = BUILT_IN_THEMES.map((theme) => theme.key);
