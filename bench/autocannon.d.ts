// The part of autocannon's programmatic API that bench/run.ts uses (the package ships no type definitions).
declare module "autocannon" {
  /** hdr-histogram-percentiles-obj: latency in milliseconds, requests and throughput per second. */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  export interface Options {
    url: string;
    method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Worker threads that send the requests; connections are divided among them. */
    workers?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    /** Requests each connection sends in turn, over and over (paths vary per request). */
    requests?: { method?: "GET"; path: string }[];
  }

  export interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats?: Record<string, { count: number }>;
  }

  export default function autocannon(options: Options): Promise<Result>;
}
