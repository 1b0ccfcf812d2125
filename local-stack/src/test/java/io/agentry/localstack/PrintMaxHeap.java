package io.agentry.localstack;

/** Prints {@code Runtime.maxMemory()}: run in a child JVM with the options under test. */
public final class PrintMaxHeap {

  private PrintMaxHeap() {}

  public static void main(String[] args) {
    System.out.println(Runtime.getRuntime().maxMemory());
  }
}
