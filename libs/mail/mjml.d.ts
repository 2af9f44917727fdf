// mjml ships no type declarations; this covers the part Cairn calls.
declare module 'mjml' {
  interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip';
    fonts?: Record<string, string>;
    keepComments?: boolean;
    beautify?: boolean;
    minify?: boolean;
  }
  interface MjmlResult {
    html: string;
    errors: MjmlError[];
  }
  // Async since mjml 5; with validationLevel 'strict' it rejects on invalid markup.
  export default function mjml2html(input: string, options?: MjmlOptions): Promise<MjmlResult>;
}
