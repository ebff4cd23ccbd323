package io.dnsplane.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** --log-level and --log-format applied to logback, the logging every service ships with. */
public final class Logging {
  /** The pattern of logback.xml, kept here for switching back from JSON. */
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} {%mdc} %msg%n";

  public enum Format { TEXT, JSON }

  private Logging() {}

  /** ExternalDNS's level names (logrus): panic and fatal are logback's ERROR, warning its WARN. */
  public static Level level(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "trace" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARN;
      case "error", "fatal", "panic" -> Level.ERROR;
      default -> throw new IllegalArgumentException(
          "--log-level must be one of trace, debug, info, warning, error, fatal, panic: " + name);
    };
  }

  public static Format format(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default -> throw new IllegalArgumentException("--log-format must be text or json: " + name);
    };
  }

  /** Sets the level of dnsplane's own loggers and the root, and the console's format. */
  public static void configure(Level level, Format format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding (tests of a library module): nothing of ours to configure
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
    context.getLogger("io.dnsplane").setLevel(level);
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var appenders = root.iteratorForAppenders();
    while (appenders.hasNext()) {
      if (appenders.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        Encoder<ILoggingEvent> encoder = format == Format.JSON ? jsonEncoder(context) : textEncoder(context);
        console.stop();
        console.setEncoder(encoder);
        console.start();
      }
    }
  }

  /** These loggers at {@code level} and above only (a replay's planner would log every plan it makes again). */
  public static void quiet(String level, String... loggers) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      for (String logger : loggers) {
        context.getLogger(logger).setLevel(level(level));
      }
    }
  }

  /**
   * For a command whose standard output is its answer (explain, history, state): log lines go to
   * standard error, so {@code --output json | jq} reads only the answer, and the Kafka client's
   * chatter about its connections is left out (errors only).
   */
  public static void forCommandLine() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
    var appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (appenders.hasNext()) {
      if (appenders.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        console.stop();
        console.setTarget("System.err");
        console.start();
      }
    }
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    // The message as a person reads it, not the template and its arguments apart; no logger context noise.
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithContext(false);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }
}
