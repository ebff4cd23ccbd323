package io.dnsplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restore() {
    Logging.configure(Level.INFO, Logging.Format.TEXT);
  }

  private ConsoleAppender<?> console() {
    return (ConsoleAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
  }

  @Test
  void jsonFormatWritesOneJsonObjectPerEvent() {
    Logging.configure(Level.DEBUG, Logging.Format.JSON);
    assertThat(console().getEncoder()).isInstanceOf(JsonEncoder.class);
    assertThat(context.getLogger("io.dnsplane").getLevel()).isEqualTo(Level.DEBUG);
    byte[] line = ((JsonEncoder) console().getEncoder()).encode(new ch.qos.logback.classic.spi.LoggingEvent(
        "x", context.getLogger("io.dnsplane.x"), Level.INFO, "planned {} changes", null, new Object[] {3}));
    assertThat(new String(line, java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{").contains("\"level\":\"INFO\"").contains("planned 3 changes");
  }

  @Test
  void textFormatIsTheDefaultPattern() {
    Logging.configure(Level.WARN, Logging.Format.TEXT);
    assertThat(console().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(((PatternLayoutEncoder) console().getEncoder()).getPattern()).isEqualTo(Logging.TEXT_PATTERN);
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
  }

  /** A command's answer is its standard output: logs go to standard error, the Kafka client's chatter is left out. */
  @Test
  void aCommandLogsToStandardErrorAndLeavesTheKafkaClientsWarningsOut() {
    try {
      Logging.forCommandLine();
      ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger("ROOT").iteratorForAppenders().next();
      assertThat(console.getTarget()).isEqualTo("System.err");
      assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.ERROR);
    } finally {
      ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger("ROOT").iteratorForAppenders().next();
      console.stop();
      console.setTarget("System.out");
      console.start();
      context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    }
  }
}
