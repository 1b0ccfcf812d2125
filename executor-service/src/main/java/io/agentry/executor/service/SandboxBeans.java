package io.agentry.executor.service;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.executor.sandbox.ModuleCache;
import io.agentry.executor.sandbox.Sandbox;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain sandbox classes as beans, configured from {@link ExecutorConfig}. */
public class SandboxBeans {

  @Produces
  @Singleton
  Sandbox sandbox(ExecutorConfig config) {
    return new Sandbox(config.output().capBytes());
  }

  void closeSandbox(@Disposes Sandbox sandbox) {
    sandbox.close();
  }

  @Produces
  @Singleton
  ModuleCache moduleCache(ExecutorConfig config) {
    return new ModuleCache(config.cache().maxModules(), config.cache().maxBinaryBytes());
  }
}
