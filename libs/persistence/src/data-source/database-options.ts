export interface DatabaseOptions {
  url: string;
  schema: string;
  poolSize: number;
  applicationName: string;
}
