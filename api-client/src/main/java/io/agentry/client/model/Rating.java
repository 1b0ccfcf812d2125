package io.agentry.client.model;

import java.math.BigDecimal;

/** An agent's mean score and number of ratings, after a rating. */
public record Rating(BigDecimal rating, int ratingCount) {}
