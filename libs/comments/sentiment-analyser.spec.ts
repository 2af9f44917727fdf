import type { CommentLanguage } from './comment-language';
import { analyseSentiment, labelOf, LABEL_THRESHOLD } from './sentiment-analyser';

type Case = [text: string, language: CommentLanguage, label: 'positive' | 'neutral' | 'negative'];

function expectLabels(cases: Case[]) {
  const wrong = cases
    .map(([text, language, label]) => ({ text, language, label, got: analyseSentiment(text, language) }))
    .filter(({ label, got }) => got.label !== label)
    .map(({ text, label, got }) => `${text} → ${got.label} (${got.score}), expected ${label}`);
  expect(wrong).toEqual([]);
}

describe('analyseSentiment', () => {
  it('reads plain opinions in each language', () => {
    expectLabels([
      ['Great service, thank you', 'en', 'positive'],
      ['Terrible experience', 'en', 'negative'],
      ['I ordered a jacket on Monday', 'en', 'neutral'],
      ['Mycket nöjd med köpet', 'sv', 'positive'],
      ['Usel service', 'sv', 'negative'],
      ['Jag beställde en tröja', 'sv', 'neutral'],
      ['Rigtig god oplevelse', 'da', 'positive'],
      ['Elendig kundeservice', 'da', 'negative'],
      ['Jeg bestilte to par sko', 'da', 'neutral'],
    ]);
  });

  it('turns negated opinions around, softer for a negated complaint', () => {
    expectLabels([
      ['Leveransen var inte bra alls', 'sv', 'negative'],
      ['Det var ikke godt', 'da', 'negative'],
      ['not great', 'en', 'negative'],
      ['The food was not good', 'en', 'negative'],
      ['not bad', 'en', 'positive'],
      ['Inte dåligt alls', 'sv', 'positive'],
      ['Ikke dårligt', 'da', 'positive'],
      ['Personalen var inte särskilt trevlig', 'sv', 'negative'],
      ['Jeg var ikke tilfreds med varen', 'da', 'negative'],
      ['Bra var det inte', 'sv', 'negative'],
      ['Godt var det ikke', 'da', 'negative'],
    ]);
  });

  it('reads "no complaints" as praise and "never again" as a verdict', () => {
    expectLabels([
      ['No complaints', 'en', 'positive'],
      ['no complaints at all, thanks', 'en', 'positive'],
      ['Inga klagomål', 'sv', 'positive'],
      ['Inga problem alls', 'sv', 'positive'],
      ['Ingen klager', 'da', 'positive'],
      ['Ingen problemer', 'da', 'positive'],
      ['Aldrig mer', 'sv', 'negative'],
      ['Aldrig mere!', 'da', 'negative'],
      ['Never again', 'en', 'negative'],
      ['Handlar aldrig här igen', 'sv', 'negative'],
    ]);
  });

  it('counts what was expected and did not happen as a complaint', () => {
    expectLabels([
      ['Paketet kom aldrig fram', 'sv', 'negative'],
      ['Pakken kom aldrig', 'da', 'negative'],
      ['The parcel never arrived', 'en', 'negative'],
      ['Appen fungerar inte', 'sv', 'negative'],
      ['App virker ikke', 'da', 'negative'],
      ["The discount code didn't work", 'en', 'negative'],
      ['Har inte fått något svar på mitt mejl', 'sv', 'negative'],
      ['Fik aldrig svar fra kundeservice', 'da', 'negative'],
      ['Nobody answered the phone', 'en', 'negative'],
      ['Storleken passade inte', 'sv', 'negative'],
    ]);
  });

  it('weighs the clause after a contrast more', () => {
    expectLabels([
      ['Friendly but could not solve anything', 'en', 'negative'],
      ['The staff were friendly but could not solve anything', 'en', 'negative'],
      ['Bra pris men leveransen tog evigheter', 'sv', 'negative'],
      ['Trevlig personal men de kunde inte hjälpa mig', 'sv', 'negative'],
      ['Lang leveringstid, men rigtig god kvalitet', 'da', 'positive'],
      ['Venlig medarbejder, men problemet blev ikke løst', 'da', 'negative'],
      ['Delivery was slow, however the product is excellent', 'en', 'positive'],
      ['Produkten är bra, dock var leveransen sen', 'sv', 'negative'],
      ['Varen er fin, dog lidt dyr', 'da', 'neutral'],
      ['Although delivery was slow, the jacket is lovely', 'en', 'positive'],
      ['Även om det tog tid så är jag supernöjd', 'sv', 'positive'],
    ]);
  });

  it('strengthens with intensifiers and intensifying compounds', () => {
    const plain = analyseSentiment('bra service', 'sv').score;
    expect(analyseSentiment('jättebra service', 'sv').score).toBeGreaterThan(plain);
    expect(analyseSentiment('väldigt bra service', 'sv').score).toBeGreaterThan(plain);
    expect(analyseSentiment('supergod service', 'da').score).toBeGreaterThan(analyseSentiment('god service', 'da').score);
    expect(analyseSentiment('vildt god service', 'da').score).toBeGreaterThan(analyseSentiment('god service', 'da').score);
    expect(analyseSentiment('really slow', 'en').score).toBeLessThan(analyseSentiment('slow', 'en').score);
    expect(analyseSentiment('extremely helpful staff', 'en').score).toBeGreaterThan(analyseSentiment('helpful staff', 'en').score);
    expect(analyseSentiment('a bit slow', 'en').score).toBeGreaterThan(analyseSentiment('slow', 'en').score);
    expectLabels([
      ['megasnabb leverans', 'sv', 'positive'],
      ['Skitdålig kundtjänst', 'sv', 'negative'],
      ['kanonservice!', 'sv', 'positive'],
      ['Pissegodt', 'da', 'positive'],
      ['superhurtig levering', 'da', 'positive'],
      ['Super!', 'sv', 'positive'],
      ['Lynhurtig levering', 'da', 'positive'],
    ]);
  });

  it('reads emoji and emoticons', () => {
    expectLabels([
      ['😀', 'en', 'positive'],
      ['👍👍', 'sv', 'positive'],
      ['❤️', 'da', 'positive'],
      ['😡', 'sv', 'negative'],
      ['👎', 'da', 'negative'],
      ['🙁', 'en', 'negative'],
      ['Leveransen 👎🏼', 'sv', 'negative'],
      ['Pakken kom i dag :)', 'da', 'positive'],
      ['Order arrived :(', 'en', 'negative'],
    ]);
  });

  it('reads Swedish and Danish written without å, ä, ö, æ, ø', () => {
    expectLabels([
      ['daligt bemotande', 'sv', 'negative'],
      ['jattenojd med allt', 'sv', 'positive'],
      ['valdigt smidigt', 'sv', 'positive'],
      ['darlig service', 'da', 'negative'],
      ['daarlig oplevelse', 'da', 'negative'],
      ['odelagt da den kom', 'da', 'negative'],
      ['meget venlig og hjaelpsom', 'da', 'positive'],
    ]);
  });

  it('finds opinion words at the end of compounds', () => {
    expectLabels([
      ['blixtsnabb leverans', 'sv', 'positive'],
      ['Mycket kundvänlig butik', 'sv', 'positive'],
      ['Meget brugervenlig hjemmeside', 'da', 'positive'],
      ['Helt värdelöst', 'sv', 'negative'],
    ]);
  });

  it('tolerates lower case, stretched letters and typos', () => {
    expectLabels([
      ['sooo gooood', 'en', 'positive'],
      ['braaaa', 'sv', 'positive'],
      ['fantstisk service', 'sv', 'positive'],
      ['terible service', 'en', 'negative'],
      ['disapointed', 'en', 'negative'],
      ['skuffende kvalitet', 'da', 'negative'],
    ]);
  });

  it('adds weight for exclamation marks and shouting, in the direction already taken', () => {
    expect(analyseSentiment('Bra!!!', 'sv').score).toBeGreaterThan(analyseSentiment('Bra', 'sv').score);
    expect(analyseSentiment('Dårligt!!', 'da').score).toBeLessThan(analyseSentiment('Dårligt', 'da').score);
    expect(analyseSentiment('It was GOOD', 'en').score).toBeGreaterThan(analyseSentiment('It was good', 'en').score);
    expect(analyseSentiment('Ordered on Monday!!!', 'en').label).toBe('neutral');
  });

  it('reads grades out of 5 or 10 and stars', () => {
    expectLabels([
      ['10/10', 'en', 'positive'],
      ['2/10 would not recommend', 'en', 'negative'],
      ['5 stjärnor!', 'sv', 'positive'],
      ['1 stjerne', 'da', 'negative'],
      ['Order 12/3 arrived', 'en', 'neutral'],
    ]);
    expect(analyseSentiment('3/5', 'en').label).toBe('neutral');
  });

  it('reads requests as neutral: their thanks and "please" are politeness', () => {
    expectLabels([
      ['Please add Apple Pay, thanks', 'en', 'neutral'],
      ['Lägg till fler storlekar tack', 'sv', 'neutral'],
      ['Tilføj venligst flere farver, tak', 'da', 'neutral'],
      ['It would be nice with more colours', 'en', 'neutral'],
      ['Tack!', 'sv', 'positive'],
      ['Tak for hjælpen', 'da', 'positive'],
    ]);
  });

  it('reads complaints that no single word carries', () => {
    expectLabels([
      ['took 2 weeks to arrive', 'en', 'negative'],
      ['Tog tre veckor', 'sv', 'negative'],
      ['Had to call three times', 'en', 'negative'],
      ['Fick ringa flera gånger', 'sv', 'negative'],
      ['Måtte ringe to gange', 'da', 'negative'],
      ['The shoes were too small', 'en', 'negative'],
      ['Byxorna var för korta', 'sv', 'negative'],
      ['Bukserne var for korte', 'da', 'negative'],
      ['Jakken var for stor', 'da', 'negative'],
      ['Appen loggar ut mig hela tiden', 'sv', 'negative'],
      ['Still waiting for my refund', 'en', 'negative'],
      ['Delivery could have been faster', 'en', 'negative'],
      ['Leveransen kunde varit snabbare', 'sv', 'negative'],
      ['Leveringen kunne godt have været hurtigere', 'da', 'negative'],
      ['Priset borde vara lägre', 'sv', 'neutral'],
      ['Venter stadig på pengene', 'da', 'negative'],
    ]);
  });

  it('reads questions as asked, not felt — except "why" questions', () => {
    expectLabels([
      ['Is the discount still valid next week?', 'en', 'neutral'],
      ['Hur länge gäller garantin?', 'sv', 'neutral'],
      ['Hvor lang tid tager en ombytning?', 'da', 'neutral'],
      ['Why does it take so long?', 'en', 'negative'],
      ['Varför tar det så lång tid?', 'sv', 'negative'],
    ]);
  });

  it('turns praise around in sarcasm', () => {
    expectLabels([
      ['Lovely, the app froze again 🙃', 'en', 'negative'],
      ['Perfekt, ännu en försenad leverans 🙄', 'sv', 'negative'],
      ['"Express" delivery, nice try. Eight days.', 'en', 'negative'],
      ['Snabb kundtjänst, jo tjena', 'sv', 'negative'],
    ]);
  });

  it('reads recurring failures, "not ok" and what makes up for a fault', () => {
    expectLabels([
      ['The page reloads every time I change the size', 'en', 'negative'],
      ['Koden fungerar inte varje gång', 'sv', 'negative'],
      ['Det er ikke ok', 'da', 'negative'],
      ['Inte ok att ta betalt för kartongen', 'sv', 'negative'],
      ['Slow shipping but the service makes up for it', 'en', 'positive'],
      ['Lite dyrt men kvaliteten väger upp', 'sv', 'positive'],
      ['De var bedre før', 'da', 'negative'],
      ['The coffee used to be great', 'en', 'negative'],
    ]);
  });

  it('leaves lukewarm and purely factual comments neutral', () => {
    expectLabels([
      ['ok', 'en', 'neutral'],
      ['Det var ok', 'sv', 'neutral'],
      ['Ingen kommentar', 'sv', 'neutral'],
      ['Ingen kommentarer', 'da', 'neutral'],
      ['Köpte en present till min mamma', 'sv', 'neutral'],
      ['Second order this year', 'en', 'neutral'],
    ]);
  });

  it('reads how Danes write: ae/oe for æ/ø, u- adjectives, superlatives, and words that only look like opinions', () => {
    expectLabels([
      ['Meget hoeflig chauffoer', 'da', 'positive'],
      ['Den vaerste app', 'da', 'negative'],
      ['Skoene var for små', 'da', 'negative'],
      ['Ekspedienten var usikker og uforberedt', 'da', 'negative'],
      ['Den dårligste pasform', 'da', 'negative'],
      ['Jeg fandt en anden model', 'da', 'neutral'],
      ['Har fået svar fra jer', 'da', 'neutral'],
      ['Bestilt i sidste uge', 'da', 'neutral'],
      ['Lampen er i stykker', 'da', 'negative'],
      ['Alt gik glat med betalingen', 'da', 'positive'],
    ]);
  });

  it('knows where a Danish negation reaches and where it says something else', () => {
    expectLabels([
      ['Kunne ikke være mere glad for jakken', 'da', 'positive'],
      ['Uden tvivl den værste levering', 'da', 'negative'],
      ['Hverken god eller dårlig', 'da', 'neutral'],
      ['Knap så hurtig som sidst', 'da', 'negative'],
      ['Nul svar', 'da', 'negative'],
      ['Support var længe om det, men de fiksede fejlen', 'da', 'positive'],
      ['De løste ikke problemet', 'da', 'negative'],
      ['Chaufføren gik uden at ringe på', 'da', 'negative'],
      ['Man kan ringe til dem hele dagen', 'da', 'neutral'],
    ]);
    expect(analyseSentiment('slet ikke dårligt', 'da').score).toBeGreaterThan(analyseSentiment('ikke dårligt', 'da').score);
  });

  it('keeps scores in −1..1 and labels them by the threshold', () => {
    for (const text of ['Bra bra bra bra bra bra bra!!!!!', 'Usel usel usel usel usel 😡😡😡', '']) {
      const { score } = analyseSentiment(text, 'sv');
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(labelOf(LABEL_THRESHOLD)).toBe('positive');
    expect(labelOf(-LABEL_THRESHOLD)).toBe('negative');
    expect(labelOf(LABEL_THRESHOLD - 0.001)).toBe('neutral');
    expect(analyseSentiment('', 'en')).toEqual({ score: 0, label: 'neutral' });
  });
});
