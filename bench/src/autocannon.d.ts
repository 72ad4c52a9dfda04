// autocannon 8 ships no type declarations; this covers the part of its API the benchmarks use.
// The package is CommonJS (`module.exports = autocannon`), hence `export =` with a merged namespace.
declare module 'autocannon' {
  function autocannon(options: autocannon.AutocannonOptions): Promise<autocannon.AutocannonResult>;

  namespace autocannon {
    interface AutocannonOptions {
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      pipelining?: number;
      bailout?: number;
      /** Requests a connection cycles through; `setupRequest` may rewrite each one as it is sent. */
      requests?: RequestSpec[];
    }

    interface RequestSpec {
      method?: AutocannonOptions['method'];
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: RequestSpec) => RequestSpec;
    }

    interface HistogramSummary {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
      total: number;
    }

    interface AutocannonResult {
      requests: HistogramSummary;
      latency: HistogramSummary;
      throughput: HistogramSummary;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      /** Responses per HTTP status code. */
      statusCodeStats: Record<string, { count: number }>;
      /** Seconds. */
      duration: number;
    }
  }

  export = autocannon;
}
