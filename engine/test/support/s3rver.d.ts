/** The slice of s3rver (an S3-protocol server for tests; it ships no types) that the tests use. */
declare module 's3rver' {
  export default class S3rver {
    constructor(options: { port?: number; address?: string; directory: string; silent?: boolean });
    run(): Promise<import('node:net').AddressInfo>;
    close(): Promise<void>;
  }
}
