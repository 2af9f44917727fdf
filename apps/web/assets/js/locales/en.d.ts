// Types for the dashboard's English catalog, so TypeScript tests can import it.
export declare const en: Record<string, string>;
