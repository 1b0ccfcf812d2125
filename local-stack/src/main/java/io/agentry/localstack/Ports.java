package io.agentry.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class Ports {

  private Ports() {}

  /** The port itself, or a free loopback port when it is 0. */
  static int resolve(int port) {
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** The port of an address or URL that ends in {@code :<port>}. */
  static int of(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** True when something already accepts connections on the loopback port. */
  public static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * True when nothing accepts connections on the loopback port and it can be bound there (a
   * listener on every interface also takes it).
   */
  public static boolean isFree(int port) {
    if (inUse(port)) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Throws a clear error when the port is taken. */
  static void requireFree(int port, String purpose) {
    if (inUse(port)) {
      throw new StackException(
          "port " + port + " (" + purpose + ") is already in use by another process");
    }
  }
}
