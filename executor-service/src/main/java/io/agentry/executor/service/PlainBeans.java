package io.agentry.executor.service;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.sandbox.MemoryBudget;
import io.agentry.sandbox.ModuleCache;
import io.agentry.sandbox.Sandbox;
import io.agentry.sandbox.http.HttpLimits;
import io.agentry.sandbox.http.HttpSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain classes (sandbox, module cache, worker pool) as beans, from {@link ExecutorConfig}. */
public class PlainBeans {

  /** The worker threads' name prefix. */
  public static final String WORKER_POOL = "agent-runner";

  @Produces
  @Singleton
  Sandbox sandbox(ExecutorConfig config) {
    return new Sandbox(
        config.output().capBytes(),
        MemoryBudget.ofHeap(config.memory().heapShare()),
        httpSettings(config.http()));
  }

  static HttpSettings httpSettings(ExecutorConfig.Http http) {
    HttpLimits defaults = HttpLimits.defaults();
    HttpLimits limits =
        new HttpLimits(
            http.maxRequests(),
            http.maxResponseBytes(),
            http.maxTotalBytes(),
            http.maxOpenResponses(),
            defaults.maxRequestBytes(),
            defaults.maxRequestBodyBytes(),
            defaults.maxHeadBytes(),
            http.requestTimeout());
    return HttpSettings.defaults().withLimits(limits).withAllowPrivate(http.allowPrivate());
  }

  void closeSandbox(@Disposes Sandbox sandbox) {
    sandbox.close();
  }

  @Produces
  @Singleton
  ModuleCache moduleCache(ExecutorConfig config) {
    return new ModuleCache(config.cache().maxBytes());
  }

  @Produces
  @Singleton
  WorkerPool workerPool(ExecutorConfig config) {
    int threads = config.workers().threads().orElse(Runtime.getRuntime().availableProcessors());
    WorkerPool.Window window =
        new WorkerPool.Window(config.intake().window(), config.intake().windowBytes());
    return new WorkerPool(threads, window, WORKER_POOL);
  }

  void closeWorkerPool(@Disposes WorkerPool workers) {
    workers.close();
  }
}
