package io.agentry.executor.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Jobs waiting for a worker, in one first-in-first-out lane per user, taken round robin across the
 * users that have jobs waiting. A user whose lane was empty joins the rotation at its end, but
 * ahead of the user served last; so while one user floods the line, another user's job is the next
 * one taken, and no user waits for more than one job of each other user. Counts the jobs and their
 * weight (bytes) so that its owner can bound both. Not thread-safe: its owner synchronizes.
 *
 * @param <J> the jobs
 */
final class FairLine<J> {

  private final Map<String, Lane<J>> lanes = new HashMap<>();

  /** The lanes with jobs, next to be served first; without {@link #servedLast}. */
  private final ArrayDeque<Lane<J>> rotation = new ArrayDeque<>();

  /**
   * The lane a job was taken from last, possibly empty now. It goes back to the end of the rotation
   * only at the next {@link #poll}, behind the users who joined meanwhile.
   */
  private Lane<J> servedLast;

  private int size;
  private long weight;

  /** Puts {@code job} at the end of {@code user}'s lane. */
  void add(String user, long jobWeight, J job) {
    Lane<J> lane = lanes.get(user);
    if (lane == null) {
      lane = new Lane<>(user);
      lanes.put(user, lane);
      rotation.addLast(lane);
    }
    lane.jobs.addLast(new Entry<>(job, jobWeight));
    size++;
    weight += jobWeight;
  }

  /** Takes the oldest job of the next user in the rotation; null when no job waits. */
  J poll() {
    if (servedLast != null) {
      if (servedLast.jobs.isEmpty()) {
        lanes.remove(servedLast.user);
      } else {
        rotation.addLast(servedLast);
      }
      servedLast = null;
    }
    Lane<J> lane = rotation.pollFirst();
    if (lane == null) {
      return null;
    }
    Entry<J> entry = lane.jobs.pollFirst();
    size--;
    weight -= entry.weight();
    servedLast = lane;
    return entry.job();
  }

  /** Removes every waiting job that {@code which} accepts; returns them. */
  List<J> removeIf(Predicate<? super J> which) {
    List<J> removed = new ArrayList<>();
    Iterator<Lane<J>> each = lanes.values().iterator();
    while (each.hasNext()) {
      Lane<J> lane = each.next();
      Iterator<Entry<J>> entries = lane.jobs.iterator();
      while (entries.hasNext()) {
        Entry<J> entry = entries.next();
        if (which.test(entry.job())) {
          entries.remove();
          removed.add(entry.job());
          size--;
          weight -= entry.weight();
        }
      }
      if (lane.jobs.isEmpty() && lane != servedLast) {
        rotation.remove(lane);
        each.remove();
      }
    }
    return removed;
  }

  /** Removes every waiting job. */
  void clear() {
    lanes.clear();
    rotation.clear();
    servedLast = null;
    size = 0;
    weight = 0;
  }

  /** Jobs waiting. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The sum of the waiting jobs' weights. */
  long weight() {
    return weight;
  }

  /** Users with jobs waiting. */
  int users() {
    boolean servedLastWaits = servedLast != null && !servedLast.jobs.isEmpty();
    return rotation.size() + (servedLastWaits ? 1 : 0);
  }

  private static final class Lane<J> {

    private final String user;
    private final ArrayDeque<Entry<J>> jobs = new ArrayDeque<>();

    private Lane(String user) {
      this.user = user;
    }
  }

  private record Entry<J>(J job, long weight) {}
}
