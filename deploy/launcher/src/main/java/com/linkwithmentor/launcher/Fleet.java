package com.linkwithmentor.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * What runs, in start order. Stopping goes in reverse, so every service shuts down while the
 * database and Redis it talks to are still there. Starting and stopping share one lock: a Ctrl-C
 * in the middle of a start waits for that one step, then stops it with everything else.
 */
final class Fleet {

  private record Running(String name, AutoCloseable resource) {
  }

  private final Output out;
  private final Deque<Running> running = new ArrayDeque<>();
  private volatile boolean stopping;

  Fleet(Output out) {
    this.out = out;
  }

  /** Runs one start step and takes charge of what it started. */
  synchronized <T extends AutoCloseable> T start(String name, Callable<T> step) throws Exception {
    if (stopping) {
      throw new FleetException("stopping; not starting " + name);
    }
    T resource = step.call();
    running.push(new Running(name, resource));
    return resource;
  }

  boolean isStopping() {
    return stopping;
  }

  synchronized void stopAll() {
    stopping = true;
    while (!running.isEmpty()) {
      Running next = running.pop();
      out.say("stopping " + next.name());
      try {
        next.resource().close();
      } catch (Exception e) {
        out.say("could not stop " + next.name() + " cleanly: " + e);
      }
    }
  }
}
