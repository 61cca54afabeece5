/**
 * A string a long-lived cache can keep as a key or value. V8 makes a slice of 13 or more characters a view
 * into the string it was cut from, so a cache holding the slice would keep that whole document alive.
 */
export function detached(slice: string): string {
  return slice.length >= 13 ? ` ${slice}`.slice(1) : slice;
}
