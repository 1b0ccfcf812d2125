package io.agentry.localstack.launcher;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A stand-in for a platform process in a child JVM: its arguments give it the command line of the
 * part it plays; {@code --listen PORT} makes it hold a loopback port; {@code --print-env NAME}
 * prints {@code NAME=value} of its environment.
 */
public final class Sleeper {

  private Sleeper() {}

  public static void main(String[] args) throws Exception {
    ServerSocket socket = null;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--listen")) {
        socket = new ServerSocket();
        socket.bind(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[i + 1])));
      }
      if (args[i].equals("--print-env")) {
        System.out.println(args[i + 1] + "=" + System.getenv(args[i + 1]));
      }
    }
    System.out.println("sleeping");
    Thread.sleep(Long.MAX_VALUE);
    if (socket != null) {
      socket.close();
    }
  }
}
