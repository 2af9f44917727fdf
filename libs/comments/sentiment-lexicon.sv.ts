// Swedish valences (AFINN scale −5..5) for how customers write about service:
// nlp.js's afinn_sv is a machine translation of AFINN, missing most of this
// vocabulary and wrong on some of it (it has "grym" as cruel: in feedback
// "grymt bra" is praise). Entries here win over it. Written without
// diacritics or with them: both sides are folded before lookup.
// prettier-ignore
export const SV_LEXICON: Record<string, number> = {
  bra: 3, bättre: 2, bäst: 3, bästa: 3, toppen: 3, topp: 3, kanon: 3, kanonbra: 4, grym: 3, grymt: 3, grymma: 3,
  suverän: 4, suveränt: 4, fantastisk: 4, fantastiskt: 4, underbar: 4, underbart: 4, utmärkt: 4, perfekt: 3,
  jättebra: 4, superbra: 4, strålande: 4, klockrent: 3, klockren: 3, fin: 2, fint: 2, fina: 2, snygg: 2, snyggt: 2,
  smidig: 2, smidigt: 2, enkel: 2, enkelt: 2, lätt: 1, snabb: 2, snabbt: 2, snabba: 2, blixtsnabb: 3, effektiv: 2,
  trevlig: 3, trevligt: 3, trevliga: 3, vänlig: 2, vänligt: 2, vänliga: 2, hjälpsam: 3, hjälpsamma: 3, hjälpsamt: 3,
  tillmötesgående: 3, serviceinriktad: 2, kunnig: 2, kunniga: 2, proffsig: 3, proffsigt: 3, professionell: 2, nöjd: 3,
  nöjda: 3, jättenöjd: 4, supernöjd: 4, glad: 3, glada: 3, tacksam: 3, imponerad: 3, rekommenderar: 3, rekommendera: 3,
  älskar: 3, gillar: 2, gilla: 2, smakade: 0, god: 3, gott: 3, goda: 3, härlig: 3, härligt: 3, prisvärd: 2,
  prisvärt: 2, prisvärda: 2, billig: 1, billigt: 1, billiga: 1, valuta: 1, tack: 2, tackar: 2, stabil: 1, stabilt: 1,
  hel: 1, felfri: 3, felfritt: 3, problemfri: 3, problemfritt: 3, smärtfritt: 3, tydlig: 2, tydligt: 2, tydliga: 2,
  punktlig: 2, punktligt: 2, pålitlig: 2, pålitligt: 2, omtänksam: 2, wow: 3, woow: 3, dålig: -3, dåligt: -3,
  dåliga: -3, sämre: -2, sämst: -4, sämsta: -4, värst: -4, värsta: -4, kass: -3, kasst: -3, usel: -4, uselt: -4,
  usla: -4, urdålig: -4, urusel: -5, bedrövlig: -4, bedrövligt: -4, katastrof: -4, katastrofal: -4, katastrofalt: -4,
  skandal: -4, skandalöst: -4, skräp: -3, skit: -3, skitdålig: -4, pinsamt: -3, värdelös: -4, värdelöst: -4, hemsk: -4,
  hemskt: -4, hemska: -4, förfärlig: -4, förfärligt: -4, oacceptabelt: -4, oacceptabel: -4, oprofessionell: -3,
  oprofessionellt: -3, otrevlig: -3, otrevligt: -3, otrevliga: -3, oförskämd: -3, oförskämt: -3, sur: -2, sura: -2,
  arrogant: -3, ointresserad: -2, ohjälpsam: -3, långsam: -2, långsamt: -2, långsamma: -2, seg: -2, segt: -2, sega: -2,
  trög: -2, trögt: -2, krångel: -2, krånglig: -2, krångligt: -2, krångla: -2, krånglade: -2, strul: -2, strulade: -2,
  struligt: -2, rörig: -2, rörigt: -2, förvirrande: -2, omständlig: -2, omständligt: -2, sen: -2, sent: -1,
  försenad: -2, försenat: -2, försenade: -2, försening: -2, förseningar: -2, trasig: -3, trasigt: -3, trasiga: -3,
  sönder: -3, skadad: -3, skadat: -3, skadade: -3, defekt: -3, fel: -2, felaktig: -2, felaktigt: -2, saknades: -2,
  saknas: -1, borttappad: -3, försvann: -3, försvunnet: -3, besviken: -3, besvikna: -3, besvikelse: -3, missnöjd: -3,
  missnöjda: -3, irriterad: -3, irriterande: -3, arg: -3, förbannad: -4, upprörd: -3, frustrerande: -3, frustrerad: -3,
  dyr: -1, dyrt: -2, dyra: -2, svindyrt: -3, överpris: -3, ocker: -4, lurad: -4, bluff: -4, klagomål: -2, problem: -2,
  problemen: -2, klaga: -2, aldrig: 0, tyvärr: -2, tyvarr: -2, beklagligt: -2, synd: -2, jobbigt: -2, jobbig: -2,
  ovänlig: -3, ovänligt: -3, oseriöst: -3, oseriös: -3, slarv: -3, slarvig: -3, slarvigt: -3, undermålig: -3,
  undermåligt: -3, medioker: -2, medelmåttig: -1, tveksam: -1, tveksamt: -1, dröjde: -2, väntade: -1, väntetid: -1,
  kö: -1, ok: 0.5, okej: 0.5, okey: 0.5, godkänt: 1, godkänd: 1, mja: -1, nja: -1, sådär: 0, meh: -1,
  vecka: -1, veckor: -1.5, månad: -1, månader: -2, gratis: 1, blöt: -2, blött: -2,
  snälla: 0, kvalitet: 0, speciellt: 0,
  skämt: -2, välpackat: 2, välpackad: 2, höjt: -1.5, höjda: -1.5, prishöjning: -2,
  klar: 0, klart: 0,
  evighet: -2, evigheter: -2.5, nekades: -2, nekad: -2, kraschar: -2, kraschade: -2, krasch: -2, dolda: -2, ignorerade: -3, meningslöst: -3, meningslös: -3, kall: -1, kallt: -1, krympte: -2, repor: -2, repig: -2, fläck: -1.5, fläckar: -1.5, usch: -3, fy: -2,
};

// Verbs and nouns of what a customer expected to happen: neutral alone, a
// complaint when negated ("kom aldrig", "fick inget svar", "fungerar inte").
// prettier-ignore
export const SV_EXPECTED = [
  'kom', 'kommit', 'komma', 'levererades', 'levererats', 'fick', 'fått', 'svar', 'svarade', 'svarat', 'svarar',
  'fungerar', 'fungerade', 'funkar', 'funkade', 'löste', 'lösa', 'löst', 'hjälpte', 'hjälpa', 'hörde', 'hört',
  'återkom', 'återkommit', 'ringde', 'ringt', 'kunde', 'gick', 'passar', 'passade', 'lyssnade', 'återbetalning',
  'pengarna', 'dök', 'tillbaka', 'handlar', 'handla', 'beställer', 'beställa', 'köper', 'köpa', 'kommer',
  'rekommenderar',
  'ringa', 'ringer', 'berätta', 'berättade', 'meddelade',
  'besked', 'bekräftelse', 'uppdatering', 'uppdateringar', 'information', 'info', 'notis', 'sms', 'mejl', 'mail', 'meddelande', 'återkoppling', 'godkändes', 'godtogs', 'gick',
  'sa', 'sade', 'sagt', 'nämnde', 'förstår', 'stämmer', 'uppdaterats', 'uppdaterad', 'uppdaterat',
];
