package io.agentry.registry.toolbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the users' toolboxes (prefix {@code agentry.registry.toolbox}). */
@ConfigMapping(prefix = "agentry.registry.toolbox")
public interface ToolboxConfig {

  /** The most agents one user's toolbox holds (each is a tool an MCP client lists). */
  @WithDefault("50")
  int maxEntries();
}
