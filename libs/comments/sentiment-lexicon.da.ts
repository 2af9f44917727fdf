// Danish valences (AFINN scale −5..5) for customer feedback. nlp.js ships the
// Danish AFINN (stemmed keys) and it is good; it misses much of the service
// vocabulary and slang below. Entries here win over it; diacritics folded.
// prettier-ignore
export const DA_LEXICON: Record<string, number> = {
  god: 3, godt: 3, gode: 3, bedre: 2, bedst: 3, bedste: 3, fin: 2, fint: 2, fine: 2, super: 3, supergod: 4,
  supergodt: 4, fantastisk: 4, fantastiske: 4, fremragende: 4, perfekt: 3, perfekte: 3, fed: 3, fedt: 3, fede: 3,
  sej: 2, sejt: 2, dejlig: 3, dejligt: 3, dejlige: 3, skøn: 3, skønt: 3, flot: 3, flotte: 3, topklasse: 4, tip: 2,
  top: 3, kanon: 3, mega: 2, glad: 3, glade: 3, tilfreds: 3, tilfredse: 3, begejstret: 4, imponeret: 3, anbefale: 3,
  anbefaler: 3, anbefales: 3, elsker: 3, elske: 3, nem: 2, nemt: 2, nemme: 2, let: 1, enkelt: 1, hurtig: 2, hurtigt: 2,
  hurtige: 2, lynhurtig: 3, lynhurtigt: 3, effektiv: 2, effektivt: 2, venlig: 3, venligt: 3, venlige: 3, søde: 3,
  sød: 3, sødt: 2, hjælpsom: 3, hjælpsomme: 3, imødekommende: 3, professionel: 2, professionelt: 2, kompetent: 2,
  kompetente: 2, smidig: 2, smidigt: 2, problemfri: 3, problemfrit: 3, gnidningsfrit: 3, tak: 2, tusind: 0, billig: 1,
  billigt: 1, billige: 1, prisvenlig: 2, prisvenligt: 2, rimelig: 1, rimeligt: 1, pålidelig: 2, præcis: 2, præcist: 2,
  velsmagende: 3, lækker: 3, lækkert: 3, lækre: 3, tydelig: 2, tydeligt: 2, dårlig: -3, dårligt: -3, dårlige: -3,
  værre: -3, værst: -4, værste: -4, elendig: -4, elendigt: -4, elendige: -4, katastrofe: -4, katastrofalt: -4,
  skandale: -4, skandaløst: -4, ussel: -4, uacceptabelt: -4, uacceptabel: -4, forfærdelig: -4,
  forfærdeligt: -4, frygtelig: -4, frygteligt: -4, træls: -3, trælst: -3, irriterende: -3, irriteret: -3, sur: -2,
  sure: -2, vred: -3, skuffet: -3, skuffede: -3, skuffende: -3, skuffelse: -3, utilfreds: -3, utilfredse: -3,
  langsom: -2, langsomt: -2, langsomme: -2, sløv: -2, sløvt: -2, besværlig: -2, besværligt: -2, bøvl: -2, bøvlet: -2,
  rod: -2, rodet: -2, forvirrende: -2, kompliceret: -2, forsinket: -2, forsinkelse: -2, forsinkelser: -2, sent: -1,
  sen: -1, ødelagt: -3, ødelagte: -3, itu: -3, beskadiget: -3, beskadigede: -3, defekt: -3, fejl: -2, forkert: -2,
  forkerte: -2, mangler: -2, manglede: -2, forsvandt: -3, væk: -1, uvenlig: -3, uvenligt: -3, uhøflig: -3,
  uhøfligt: -3, arrogant: -3, uprofessionel: -3, uprofessionelt: -3, ligeglade: -3, dyr: -1, dyrt: -2, dyre: -2,
  overpris: -3, snyd: -4, snydt: -4, fup: -4, klage: -2, klager: -2, problem: -2, problemer: -2, desværre: -2,
  beklageligvis: -2, ærgerligt: -2, øv: -2, pinligt: -3, lort: -4, lorte: -3, møg: -3, skod: -3, skodt: -3,
  nederen: -3, elendighed: -3, håbløs: -3, håbløst: -3, ubrugelig: -4, ubrugeligt: -4, middelmådig: -2, ok: 0.5,
  okay: 0.5, okej: 0.5, acceptabel: 1, nåh: 0, meh: -1,
  uge: -1, uger: -1.5, måned: -1, måneder: -2, gratis: 1, våd: -2, vådt: -2, nja: -1,
  venligst: 0, kvalitet: 0, særligt: 0, særlig: 0,
  joke: -2, velpakket: 2, velemballeret: 2, steget: -1.5, hævet: -1.5, prisstigning: -2,
  klar: 0, klart: 0,
  // words the feedback uses that neither list had: comparatives, "hyggelig", "smertefrit", junk, noise
  høflig: 2, høflige: 2, høfligt: 2, hyggelig: 3, hyggeligt: 3, hyggelige: 3, smertefri: 3, smertefrit: 3,
  gnidningsløst: 3, gnidningsløs: 3, overskuelig: 2, overskueligt: 2, overskuelige: 2, foretrukne: 2, foretrukken: 2,
  nemmere: 2, lettere: 1, hurtigere: 2, billigere: 1, langsommere: -2, dyrere: -1.5, ragelse: -3, skrammel: -3,
  bras: -3, larmer: -2, larmede: -2, støjer: -2, nice: 2, love: 3, cool: 2,
  // common words that fold or stem into an opinion of the packaged list: "andre" (others) is not "ændre",
  // "svar" (answer) not "svær", "fandt" (found) not "fanden", "stod" (stood) not "stød", "blød" (soft) not "blod",
  // "stol" (chair) not "stole på"; "vildt" and "helst" only strengthen, "stadig" (still) and "trods" are no opinion.
  andre: 0, ændre: 0, ændret: 0, ærligt: 0, ærlig: 0, betale: 0, betalte: 0, betaler: 0, betalt: 0, blød: 0, blødt: 0,
  fandt: 0, gælder: 0, grad: 0, helst: 0, mennesker: 0, stadig: 0, sted: 0, stedet: 0, stod: 0, stol: 0, steg: 0,
  support: 0, svar: 0, svare: 0, svarer: 0, trods: 0, vildt: 0, ringer: 0, ringet: 0, ringere: -2,
  nærig: -2, nærigt: -2, flink: 2, flinke: 2, flinkt: 2, kø: -1, køen: -1,
  evighed: -2, evigheder: -2.5, afvist: -2, crasher: -2, crashede: -2, skjulte: -2, ignorerede: -3, meningsløst: -3, åndssvagt: -3, åndssvag: -3, kold: -1, koldt: -1, krympede: -2, ridser: -2, ridset: -2, plet: -1.5, pletter: -1.5, føj: -3, fy: -2,
};

// Expected things that did not happen: neutral alone, a complaint when negated
// ("kom aldrig", "virker ikke", "fik intet svar").
// prettier-ignore
export const DA_EXPECTED = [
  'kom', 'kommet', 'leveret', 'fik', 'fået', 'svar', 'svarede', 'svaret', 'svarer', 'virker', 'virkede', 'fungerer',
  'fungerede', 'løste', 'løse', 'løst', 'hjalp', 'hjælpe', 'hørte', 'hørt', 'vendte', 'ringede', 'ringet', 'kunne',
  'passer', 'passede', 'lyttede', 'pengene', 'modtaget', 'modtog', 'dukkede', 'tilbage', 'handler', 'handle', 'køber',
  'købe', 'bestiller', 'bestille', 'kommer',
  'ringe', 'ringer', 'gik', 'fortalte', 'fortælle',
  'besked', 'bekræftelse', 'opdatering', 'opdateringer', 'information', 'info', 'notifikation', 'sms', 'mail', 'meddelelse', 'tilbagemelding', 'godkendt', 'accepteret',
  'sagde', 'sagt', 'nævnte', 'forstår', 'stemmer', 'opdateret', 'tage',
  'smager', 'smagte', 'trukket',
];
