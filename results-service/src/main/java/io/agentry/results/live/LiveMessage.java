package io.agentry.results.live;

/** An event and its JSON text, encoded once however many connections receive it. */
record LiveMessage(LiveEvent event, String text) {}
