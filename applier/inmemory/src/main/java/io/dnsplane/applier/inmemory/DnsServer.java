package io.dnsplane.applier.inmemory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers DNS queries for the in-memory provider's zones over UDP and TCP, so {@code dig} sees what
 * dnsplane did. dnsjava parses and builds messages but ships no server; this loop is ours, and the
 * answers come from {@link QueryAnswerer}.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  private static final int MAX_UDP = 512;

  private final QueryAnswerer answerer;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService workers;
  private volatile boolean running = true;

  private DnsServer(QueryAnswerer answerer, InetAddress address, int port) throws IOException {
    this.answerer = answerer;
    this.tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(new InetSocketAddress(address, port));
    // UDP on the same port TCP got (port 0 picks a free TCP port first).
    this.udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()));
    this.workers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "dns-server");
      t.setDaemon(true);
      return t;
    });
  }

  /** Binds UDP and TCP on {@code address:port} (0 = a free port) and serves until closed. */
  public static DnsServer start(InMemoryProvider provider, InetAddress address, int port) throws IOException {
    DnsServer server = new DnsServer(new QueryAnswerer(provider), address, port);
    server.workers.submit(server::serveUdp);
    server.workers.submit(server::serveTcp);
    log.info("in-memory DNS answering on {}:{} (UDP and TCP)", address.getHostAddress(), server.port());
    return server;
  }

  public int port() {
    return tcp.getLocalPort();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (running) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] answer = answerer.answer(query, MAX_UDP);
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (SocketException e) {
        if (running) {
          log.warn("UDP socket error: {}", e.toString());
        }
      } catch (IOException | RuntimeException e) {
        log.warn("cannot answer a UDP query: {}", e.toString());
      }
    }
  }

  private void serveTcp() {
    while (running) {
      try {
        Socket client = tcp.accept();
        workers.submit(() -> serveTcpClient(client));
      } catch (IOException e) {
        if (running) {
          log.warn("TCP accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serveTcpClient(Socket client) {
    try (client;
         DataInputStream in = new DataInputStream(client.getInputStream());
         DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
      client.setSoTimeout(10_000);
      while (running) {
        int length = in.readUnsignedShort();
        byte[] query = in.readNBytes(length);
        byte[] answer = answerer.answer(query, 65535);
        if (answer == null) {
          return;
        }
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (EOFException e) {
      // The client closed the connection: normal end of a TCP DNS exchange.
    } catch (IOException | RuntimeException e) {
      log.debug("TCP DNS client error: {}", e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      log.debug("closing TCP socket: {}", e.toString());
    }
    workers.shutdownNow();
  }
}
