package com.linkwithmentor.launcher;

import java.io.Console;
import java.util.HashMap;
import java.util.Map;

/**
 * The launcher's one stdout: every line carries a fixed-width source prefix ({@code user-service | })
 * so interleaved output from many processes stays readable. Colour only when a person is watching.
 */
final class Output {

  private static final String RESET = "\u001b[0m";
  private static final String[] COLOURS = {
      "\u001b[36m", "\u001b[32m", "\u001b[33m", "\u001b[35m", "\u001b[34m",
      "\u001b[96m", "\u001b[92m", "\u001b[93m", "\u001b[95m", "\u001b[94m"};

  private final boolean colour;
  private final int width;
  private final Map<String, String> prefixes = new HashMap<>();

  Output(boolean colour, int width) {
    this.colour = colour;
    this.width = width;
  }

  /** Colour is for terminals only: log files and CI output should not fill up with escape codes. */
  static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null || System.getenv("NO_COLOR") != null) {
      return false;
    }
    try {
      // Since JDK 22 System.console() is non-null even when redirected; isTerminal() tells the truth.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console at all means a terminal
    }
  }

  synchronized String prefix(String source) {
    return prefixes.computeIfAbsent(source, name -> {
      String padded = String.format("%-" + width + "s | ", name);
      return colour ? COLOURS[prefixes.size() % COLOURS.length] + padded + RESET : padded;
    });
  }

  void line(String source, String text) {
    String line = prefix(source) + text;
    synchronized (System.out) {
      System.out.println(line);
    }
  }

  /** The launcher's own messages. */
  void say(String text) {
    line("fleet", text);
  }

  /** Unprefixed, for the summary table. */
  void plain(String text) {
    synchronized (System.out) {
      System.out.println(text);
    }
  }
}
