package io.agentry.sandbox.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request on a connection of its own to an address that was checked before: the
 * connection goes to exactly that address (a second name lookup could answer another one), and TLS
 * checks the server's certificate against the host name of the URL, which it also sends as SNI. The
 * socket is a {@link SocketChannel}'s, so an interrupt of the waiting thread closes it and wakes
 * the thread up (a plain socket's read would not wake).
 */
final class Exchange {

  private Exchange() {}

  /**
   * Sends {@code request} to {@code address} and reads the response head.
   *
   * @throws IOException when the connection or the exchange fails (also on interrupt)
   * @throws HttpCallException {@link HttpAbi#TOO_LARGE} for a head over the limit, {@link
   *     HttpAbi#CONNECTION_FAILED} for a response that is not HTTP/1.x
   */
  static OpenResponse send(
      OutboundRequest request, InetAddress address, SSLContext tls, HttpLimits limits)
      throws IOException, HttpCallException {
    String scheme = request.url().getScheme().toLowerCase(Locale.ROOT);
    int port =
        request.url().getPort() == -1 ? OriginPattern.defaultPort(scheme) : request.url().getPort();
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, limits.requestTimeout().toMillis());
    Socket socket = SocketChannel.open().socket();
    boolean handedOver = false;
    try {
      socket.connect(new InetSocketAddress(address, port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      socket.setTcpNoDelay(true);
      if (scheme.equals("https")) {
        socket = secure(socket, request.url().getHost(), port, tls);
      }
      OutputStream out = socket.getOutputStream();
      out.write(head(request, port, scheme));
      out.write(request.body());
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OpenResponse response = readResponse(request, in, socket, limits.maxHeadBytes());
      handedOver = true;
      return response;
    } finally {
      if (!handedOver) {
        socket.close();
      }
    }
  }

  private static Socket secure(Socket plain, String host, int port, SSLContext tls)
      throws IOException {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, name, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static byte[] head(OutboundRequest request, int port, String scheme) {
    StringBuilder head = new StringBuilder(256);
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    String host = request.url().getHost();
    head.append("Host: ").append(host);
    if (port != OriginPattern.defaultPort(scheme)) {
      head.append(':').append(port);
    }
    head.append("\r\nConnection: close\r\n");
    boolean userAgent = false;
    for (OutboundRequest.Header header : request.headers()) {
      userAgent |= header.name().equalsIgnoreCase("user-agent");
      head.append(header.name()).append(": ").append(header.value()).append("\r\n");
    }
    if (!userAgent) {
      head.append("User-Agent: agentry-agent\r\n");
    }
    if (request.body().length > 0 || needsLength(request.method())) {
      head.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean needsLength(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static OpenResponse readResponse(
      OutboundRequest request, InputStream in, Socket socket, int maxHeadBytes)
      throws IOException, HttpCallException {
    int budget = maxHeadBytes;
    while (true) {
      ByteArrayOutputStream head = new ByteArrayOutputStream(512);
      List<String> lines = new ArrayList<>();
      budget = readHead(in, head, lines, budget);
      int status = status(lines.get(0));
      List<OpenResponse.Header> headers = headers(lines);
      if (status >= 100 && status < 200) {
        continue; // an interim response (103 Early Hints, an unasked 100 Continue)
      }
      return new OpenResponse(
          status,
          headers,
          length(request, status, headers),
          body(request, status, headers, in),
          socket);
    }
  }

  /** Reads one head into {@code lines}; returns the budget left. */
  private static int readHead(
      InputStream in, ByteArrayOutputStream scratch, List<String> lines, int budget)
      throws IOException, HttpCallException {
    while (true) {
      scratch.reset();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("the connection closed before the response head ended");
        }
        if (--budget < 0) {
          throw new HttpCallException(
              HttpAbi.TOO_LARGE, "the response head is larger than the limit");
        }
        if (c != '\r') {
          scratch.write(c);
        }
      }
      String line = scratch.toString(StandardCharsets.ISO_8859_1);
      if (line.isEmpty()) {
        if (lines.isEmpty()) {
          continue;
        }
        return budget;
      }
      if (lines.size() > 256) {
        throw new HttpCallException(HttpAbi.TOO_LARGE, "the response has too many headers");
      }
      lines.add(line);
    }
  }

  private static int status(String line) throws HttpCallException {
    if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
      throw new HttpCallException(HttpAbi.CONNECTION_FAILED, "the server did not answer HTTP/1.x");
    }
    try {
      int status = Integer.parseInt(line.substring(9, 12));
      if (status < 100 || status > 999) {
        throw new NumberFormatException();
      }
      return status;
    } catch (NumberFormatException e) {
      throw new HttpCallException(HttpAbi.CONNECTION_FAILED, "the server's status is malformed");
    }
  }

  private static List<OpenResponse.Header> headers(List<String> lines) throws HttpCallException {
    List<OpenResponse.Header> headers = new ArrayList<>(lines.size());
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new HttpCallException(
            HttpAbi.CONNECTION_FAILED, "the server sent a malformed header");
      }
      headers.add(
          new OpenResponse.Header(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim()));
    }
    return headers;
  }

  private static boolean bodiless(OutboundRequest request, int status) {
    return request.method().equals("HEAD") || status == 204 || status == 304;
  }

  private static boolean chunked(List<OpenResponse.Header> headers) {
    for (OpenResponse.Header header : headers) {
      if (header.name().equals("transfer-encoding")) {
        return true;
      }
    }
    return false;
  }

  /** The declared body length, -1 when unknown. */
  private static long length(OutboundRequest request, int status, List<OpenResponse.Header> headers)
      throws HttpCallException {
    if (bodiless(request, status)) {
      return 0;
    }
    if (chunked(headers)) {
      return -1;
    }
    long length = -1;
    for (OpenResponse.Header header : headers) {
      if (header.name().equals("content-length")) {
        long declared;
        try {
          declared = Long.parseLong(header.value());
        } catch (NumberFormatException e) {
          declared = -2;
        }
        if (declared < 0 || (length >= 0 && declared != length)) {
          throw new HttpCallException(
              HttpAbi.CONNECTION_FAILED, "the server's Content-Length is malformed");
        }
        length = declared;
      }
    }
    return length;
  }

  private static InputStream body(
      OutboundRequest request, int status, List<OpenResponse.Header> headers, InputStream in)
      throws HttpCallException {
    if (bodiless(request, status)) {
      return ResponseBody.fixed(in, 0);
    }
    if (chunked(headers)) {
      for (OpenResponse.Header header : headers) {
        if (header.name().equals("transfer-encoding")
            && !header.value().toLowerCase(Locale.ROOT).endsWith("chunked")) {
          return ResponseBody.untilClose(in);
        }
      }
      return ResponseBody.chunked(in);
    }
    long length = length(request, status, headers);
    return length >= 0 ? ResponseBody.fixed(in, length) : ResponseBody.untilClose(in);
  }
}
