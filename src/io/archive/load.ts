/**
 * The archive libraries, loaded on first use: a run that reads no web archive never loads warcio
 * (with pako and its hashing), pako or yauzl. The command line's bundle keeps them external
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

/** What the archive reader uses of pako's streaming inflater (pako 1.x, the one warcio depends on). */
export interface PakoInflate {
  push(data: Uint8Array): boolean;
  onEnd: (status: number) => void;
  chunks: Uint8Array[];
  ended: boolean;
  err: number;
  msg: string;
  strm: { total_in: number; avail_in: number; msg: string };
}
type Pako = { Inflate: new () => PakoInflate };

let pako: Promise<Pako> | null = null;

export function loadPako(): Promise<Pako> {
  // pako is CommonJS, as yauzl.
  pako ??= import('pako').then((module) => ((module as unknown as { default?: Pako }).default ?? module) as unknown as Pako);
  return pako;
}
