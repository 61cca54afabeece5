// natural is imported by deep path (the package root prints to stdout and loads .env); these
// declarations cover the few modules spinex uses.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(
    a: string,
    b: string,
    options?: {
      restricted?: boolean;
      insertion_cost?: number;
      deletion_cost?: number;
      substitution_cost?: number;
    },
  ): number;
  export function LevenshteinDistance(a: string, b: string): number;
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function JaroWinklerDistance(
    a: string,
    b: string,
    options?: { ignoreCase?: boolean },
  ): number;
}
