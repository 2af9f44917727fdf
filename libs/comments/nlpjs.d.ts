// The nlp.js language packages and stopwords-iso ship no type declarations;
// these describe the parts libs/comments uses.
declare module '@nlpjs/lang-sv' {
  export class StemmerSv {
    stemWord(word: string): string;
  }
}
declare module '@nlpjs/lang-da' {
  export class StemmerDa {
    stemWord(word: string): string;
  }
}
declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    stemWord(word: string): string;
  }
}
declare module '@nlpjs/lang-sv/src/sentiment/afinn_sv.json' {
  const valences: Record<string, number>;
  export default valences;
}
declare module '@nlpjs/lang-da/src/sentiment/afinn_da.json' {
  const valences: Record<string, number>;
  export default valences;
}
declare module 'stopwords-iso/stopwords-iso.json' {
  const lists: Record<string, string[]>;
  export default lists;
}
