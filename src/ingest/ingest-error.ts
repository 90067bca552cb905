/** An input file that cannot be ingested; the message names the file (and line) and what to do. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'IngestError';
  }
}
