/**
 * Loading the web-page front end ahead of the first web page (see html/deferred.ts): the pipeline
 * awaits it when an input sniffs as HTML. Once loaded it stays; loading it again costs nothing.
 */
let loading: Promise<void> | null = null;

export function loadHtmlReader(): Promise<void> {
  loading ??= Promise.all([import('./html/index.js'), import('./html/deferred.js')]).then(([front, deferred]) => deferred.provideHtmlReader(front.readHtml));
  return loading;
}
