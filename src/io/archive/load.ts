/**
 * The archive libraries, loaded on first use: a run that reads no web archive never loads warcio
 * (with pako and its hashing) or yauzl. The command line's bundle keeps both external
 * (scripts/bundle-cli.mjs), so these dynamic imports stay dynamic and load the installed packages.
 */
type Warcio = typeof import('warcio');
type Yauzl = typeof import('yauzl');

let warcio: Promise<Warcio> | null = null;
let yauzl: Promise<Yauzl> | null = null;

export function loadWarcio(): Promise<Warcio> {
  warcio ??= import('warcio');
  return warcio;
}

export function loadYauzl(): Promise<Yauzl> {
  // yauzl is CommonJS: its functions are the default export's properties.
  yauzl ??= import('yauzl').then((module) => ((module as { default?: Yauzl }).default ?? module) as Yauzl);
  return yauzl;
}
