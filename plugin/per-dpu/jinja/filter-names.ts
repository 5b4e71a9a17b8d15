/** Names of Jinja2 3.1's built-in filters (jinja2/filters.py FILTERS), for the `filter` test. */
export const FILTER_NAMES: ReadonlySet<string> = new Set([
  'abs', 'attr', 'batch', 'capitalize', 'center', 'count', 'd', 'default', 'dictsort', 'e', 'escape',
  'filesizeformat', 'first', 'float', 'forceescape', 'format', 'groupby', 'indent', 'int', 'join',
  'last', 'length', 'list', 'lower', 'items', 'map', 'min', 'max', 'pprint', 'random', 'reject',
  'rejectattr', 'replace', 'reverse', 'round', 'safe', 'select', 'selectattr', 'slice', 'sort',
  'string', 'striptags', 'sum', 'title', 'trim', 'truncate', 'unique', 'upper', 'urlencode',
  'urlize', 'wordcount', 'wordwrap', 'xmlattr', 'tojson',
]);
