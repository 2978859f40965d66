/**
 * The longest title and abstract litrev keeps, in characters. Real abstracts stay well under 5,000 and
 * titles under 300; a field beyond its limit is an export error or a hostile file, and is cut at ingest
 * (with a warning naming the record) so that no later stage, prompt or index meets a field of megabytes.
 */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_ABSTRACT_CHARS = 20_000;
/** Other free-text fields (authors, venue, keywords): each value. */
export const MAX_OTHER_FIELD_CHARS = 2_000;
/** Items of a list field (authors, keywords) kept per record; a longer list is cut, with a warning. */
export const MAX_LIST_ITEMS = 1_000;

/**
 * Raw text is cut to this multiple of a field's limit before it is cleaned (markup and LaTeX shrink it),
 * so cleaning never walks megabytes that would be thrown away.
 */
const RAW_SLACK = 4;

/** The raw value shortened for cleaning (`limit * RAW_SLACK` characters at most). */
export function preCut(value: string, limit: number): string {
  return value.length > limit * RAW_SLACK ? value.slice(0, limit * RAW_SLACK) : value;
}

/**
 * A cleaned value cut to `limit` characters, at the last space before it when there is one in the last
 * tenth (never inside a surrogate pair); `cut` says whether anything was removed.
 */
export function cutField(value: string, limit: number): { value: string; cut: boolean } {
  if (value.length <= limit) return { value, cut: false };
  let end = limit;
  const space = value.lastIndexOf(' ', limit);
  if (space > limit * 0.9) end = space;
  else if (/[\ud800-\udbff]/.test(value[end - 1] ?? '')) end--;
  return { value: `${value.slice(0, end).trimEnd()}…`, cut: true };
}
