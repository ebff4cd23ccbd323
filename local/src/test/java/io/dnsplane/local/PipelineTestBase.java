package io.dnsplane.local;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One whole pipeline (embedded broker, mock clusters from examples/, DNS on a free port) per test class. */
abstract class PipelineTestBase {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir
  static Path stateDir;

  static LocalPipeline pipeline;

  @BeforeAll
  static void startPipeline() {
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, EXAMPLES, 0, 3, Duration.ofSeconds(1), Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
  }
}
