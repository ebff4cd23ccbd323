package io.dnsplane.applier.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook provider as a Go test's httptest.NewServer is one: a handler that answers as the test says. */
final class StubWebhook implements AutoCloseable {
  /** What the stub saw: method, path, Accept, Content-Type and body. */
  record Request(String method, String path, String accept, String contentType, String body) {}

  interface Handler {
    void handle(Request request, Reply reply) throws IOException;
  }

  /** How the handler answers. */
  static final class Reply {
    private final HttpExchange exchange;
    private boolean sent;

    Reply(HttpExchange exchange) {
      this.exchange = exchange;
    }

    Reply header(String name, String value) {
      exchange.getResponseHeaders().set(name, value);
      return this;
    }

    Reply mediaType() {
      return header("Content-Type", WebhookApi.MEDIA_TYPE);
    }

    void send(int status, String body) throws IOException {
      sent = true;
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }

    /** As Go's handler writing {@code body} without a status: 200. */
    void write(String body) throws IOException {
      send(200, body);
    }
  }

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  StubWebhook(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      try (ex) {
        Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
            ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("Content-Type"),
            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Reply reply = new Reply(ex);
        handler.handle(request, reply);
        if (!reply.sent) {
          reply.send(200, "");
        }
      }
    });
    server.start();
  }

  /** A stub that negotiates with {@code domainFilter} and answers every other request with {@code rest}. */
  static StubWebhook negotiating(String domainFilter, Handler rest) {
    return new StubWebhook((request, reply) -> {
      if (request.path().equals("/")) {
        reply.mediaType().write(domainFilter);
      } else {
        rest.handle(request, reply);
      }
    });
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
