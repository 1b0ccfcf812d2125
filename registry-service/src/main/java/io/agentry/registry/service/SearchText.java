package io.agentry.registry.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a user typed into a PostgreSQL text query: every word must match (AND), each by its
 * English stem, and the last word also as a prefix, so that results appear while a word is still
 * being typed. Only letters and digits reach the query, so its syntax cannot be injected.
 */
public final class SearchText {

  /** The longest query accepted. */
  public static final int MAX_LENGTH = 256;

  private static final int MAX_WORDS = 16;
  private static final int MAX_WORD = 64;

  private SearchText() {}

  /** The {@code to_tsquery('english', ...)} text, or null when {@code q} holds no word. */
  public static String toTsQuery(String q) {
    List<String> words = new ArrayList<>();
    for (String word : q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && words.size() < MAX_WORDS) {
        words.add(word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word);
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    int last = words.size() - 1;
    words.set(last, words.get(last) + ":*");
    return String.join(" & ", words);
  }
}
