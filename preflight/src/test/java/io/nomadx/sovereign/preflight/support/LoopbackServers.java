package io.nomadx.sovereign.preflight.support;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP(S) servers the stand-ins answer on, at a free port of 127.0.0.1, with TCP_NODELAY
 * on every accepted connection. Without it each answer waited ~40 ms, the mark of Nagle's algorithm
 * holding the last part of a response until the client's delayed ACK of the first (measured: 45-50
 * ms between consecutive preflight calls that took 5 ms each, about 2 s a test; with it, the gaps
 * are gone and nothing else changes). The JDK reads the switch once, from the system property
 * sun.net.httpserver.nodelay, when its first server starts (openjdk/jdk
 * src/jdk.httpserver/share/classes/sun/net/httpserver/ServerConfig.java, `noDelay`; ServerImpl sets
 * it on each accepted channel), so every server of the test JVM is made here.
 */
public final class LoopbackServers {
  private LoopbackServers() {}

  public static HttpServer http() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
  }

  public static HttpsServer https() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
  }
}
