package io.agentry.registry;

/**
 * A user's rating of an agent, as {@code PUT /agents/{id}/rating} takes it.
 *
 * @param score 1 to 5
 * @param review plain text of at most {@link #MAX_REVIEW_CHARS} characters, or null
 */
public record Rating(int score, String review) {

  /** The longest review, in characters (Unicode code points). */
  public static final int MAX_REVIEW_CHARS = 2000;
}
