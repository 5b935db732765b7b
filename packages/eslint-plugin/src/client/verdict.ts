/** Where a file's code runs, and why keyguard thinks so (the why goes into messages). */
export interface Verdict {
  side: 'client' | 'server';
  reason: string;
  /**
   * For a module client code imports but that is no client entry: the names the client imports
   * from it (see clientBindings); functions outside them and not called by them stay on the server.
   */
  clientBindings?: ReadonlySet<string>;
}
