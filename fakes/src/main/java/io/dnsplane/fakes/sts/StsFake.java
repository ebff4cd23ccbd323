package io.dnsplane.fakes.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dnsplane.fakes.FakeApi;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local AWS STS that answers AssumeRole (query protocol: a form POST, an XML answer) with
 * temporary credentials whose access key id is {@link #ACCESS_KEY_ID}, and remembers each request's
 * parameters. Only what the SDK's StsAssumeRoleCredentialsProvider needs; no policy is checked.
 */
public final class StsFake extends FakeApi {
  public static final String ACCESS_KEY_ID = "ASIAASSUMEDFAKE";
  private final List<Map<String, String>> assumeRoleRequests = new CopyOnWriteArrayList<>();

  private StsFake() {
    super("/");
  }

  public static StsFake start() {
    return new StsFake();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The parameters of every AssumeRole call (RoleArn, RoleSessionName, ExternalId...). */
  public List<Map<String, String>> assumeRoleRequests() {
    return List.copyOf(assumeRoleRequests);
  }

  @Override
  protected HttpHandler handler() {
    return this::handle;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String action = form.getOrDefault("Action", "");
      count(action);
      if (!action.equals("AssumeRole")) {
        respond(ex, 400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>" + action
            + " is not served here</Message></Error><RequestId>fake</RequestId></ErrorResponse>");
        return;
      }
      assumeRoleRequests.add(form);
      Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      respond(ex, 200, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
          + "<Credentials><AccessKeyId>" + ACCESS_KEY_ID + "</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>"
          + "<SessionToken>assumed-session-token</SessionToken><Expiration>" + expires + "</Expiration></Credentials>"
          + "<AssumedRoleUser><AssumedRoleId>AROAFAKE:" + form.get("RoleSessionName") + "</AssumedRoleId><Arn>"
          + form.get("RoleArn") + "</Arn></AssumedRoleUser></AssumeRoleResult>"
          + "<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }
  }

  private static void respond(HttpExchange ex, int status, String xml) throws IOException {
    send(ex, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }
}
