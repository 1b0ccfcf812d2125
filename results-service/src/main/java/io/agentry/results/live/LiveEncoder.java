package io.agentry.results.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Encodes live events as the JSON text of a WebSocket message. */
@ApplicationScoped
public class LiveEncoder {

  private final ObjectMapper json;

  public LiveEncoder(ObjectMapper json) {
    this.json = json;
  }

  LiveMessage encode(LiveEvent event) {
    try {
      return new LiveMessage(event, json.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a live event is always serializable", e);
    }
  }
}
