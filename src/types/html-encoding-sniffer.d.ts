declare module 'html-encoding-sniffer' {
  /**
   * The encoding sniffing algorithm of the HTML standard: a byte order mark, then the transport
   * layer's label, then the <meta> prescan of the first 1024 bytes, then `defaultEncoding`.
   * @returns the encoding's name as the Encoding Standard spells it ('UTF-8', 'EUC-KR',
   *   'windows-1252'), or `defaultEncoding` as given when nothing decided.
   */
  function sniffHTMLEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
  export = sniffHTMLEncoding;
}
