/** The only reader of process.env. */
export interface Config {
  seedsDir: string;
  indexDir: string;
  port: number;
  /** Interface to listen on; unset means every interface (HOST=127.0.0.1 keeps it local). */
  host: string | undefined;
}

/** Example: `{ SEEDS_DIR: 'data' }` → `{ seedsDir: 'data', indexDir: 'index', port: 3000, host: undefined }`. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT=${env.PORT} is not a port number; set PORT to an integer between 0 and 65535`);
  }
  return { seedsDir: env.SEEDS_DIR ?? 'seeds', indexDir: env.INDEX_DIR ?? 'index', port, host: env.HOST || undefined };
}
