package io.agentry.bench;

import io.agentry.bench.engine.EngineBenchmark;
import io.agentry.bench.engine.HttpRequestBenchmark;
import io.agentry.bench.web.SearchPageBench;
import java.nio.file.Path;

/**
 * {@code ./agentry bench COMMAND [--option value]...}: measures a running platform (started with
 * {@code ./agentry up}) and the executor's engine, and writes a markdown report. See
 * docs/performance.md.
 */
public final class Main {

  private static final String USAGE =
      """
      usage: ./agentry bench COMMAND [--option value]...

        all       the platform's numbers in one report: idle memory, the first task of a new
                  agent, the submit-to-finished latency at a fixed rate, the throughput of
                  concurrent clients, memory after load, then the engine benchmark
        load      one load run: --rate R (open loop) or --concurrency C (closed loop), --tasks N
        scale     throughput of a CPU-bound agent with one executor, then with a second one
        memory    the resident memory of each service now (right after up: idle)
        engine    the executor's engine on sample agents, with node:wasi as the reference
        search    the web search page's server time over --agents (10,000) agents, on a platform
                  of its own (needs no up; --url http://host:port measures a running one instead)
        http      the cost of one outbound HTTP request of an agent to a local server (--runs N)
        mcp       a tool call over MCP (run_agent) against POST /tasks?wait=30 for the same
                  agent: --calls N [1000], --warmup N [200]; on a platform of its own (needs
                  no up; --url http://host:port/api/v1 measures a running one instead)

      options (defaults in brackets):
        --url URL             the public API [http://127.0.0.1:8080/api/v1]
        --bootstrap HOST:PORT Kafka, to watch task-events [127.0.0.1:9092]
        --executor-metrics URL, --results-metrics URL
                              the services' /q/metrics [http://127.0.0.1:8083/q/metrics,
                              http://127.0.0.1:8082/q/metrics]
        --tasks N, --rate R, --concurrency C, --warmup N, --drain-seconds S
        --max-tasks N         the tasks of the throughput run of all [20000]
        --skip-engine         all without the engine benchmark
        --report FILE         where the markdown report goes [.agentry/bench/report-TIME.md]
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.print(USAGE);
      return;
    }
    Options options = new Options(args, 1);
    Report report = new Report();
    switch (args[0]) {
      case "all" -> {
        try (PlatformBench platform = new PlatformBench(options, report)) {
          platform.all();
        }
        if (!options.flag("skip-engine")) {
          EngineBenchmark.run(report, options.integer("engine-seconds", 2));
        }
      }
      case "load" -> {
        try (PlatformBench platform = new PlatformBench(options, report)) {
          platform.load();
        }
      }
      case "scale" -> {
        try (PlatformBench platform = new PlatformBench(options, report)) {
          platform.scale();
        }
      }
      case "memory" -> {
        try (PlatformBench platform = new PlatformBench(options, report)) {
          platform.memoryNow();
        }
      }
      case "engine" -> EngineBenchmark.run(report, options.integer("engine-seconds", 2));
      case "search" -> {
        SearchPageBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        return;
      }
      case "http" -> HttpRequestBenchmark.run(report, options.integer("runs", 3000));
      case "mcp" -> new McpOverhead(options, report).run();
      default -> {
        System.err.println("unknown bench command '" + args[0] + "'");
        System.err.print(USAGE);
        System.exit(2);
      }
    }
    report.save(Path.of(options.text("report", defaultReport())));
  }

  private static String defaultReport() {
    String time = java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-');
    return ".agentry/bench/report-" + time + ".md";
  }
}
