package io.nomadx.sovereign.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration table is exactly the one generated from config.schema.json: every key,
 * its default and its meaning, in the schema's order. Regenerate it with {@code ./mvnw -q -B test
 * -pl program -Dtest='ReadmeConfigTableTest,StackFileSchemaTest' -Dconfig.regenerate=true}.
 */
class ReadmeConfigTableTest {
  @Test
  void readmeTableIsTheOneGeneratedFromTheSchema() throws IOException {
    var readme = Files.readAllLines(ConfigDocs.README);
    var expected = ConfigDocs.readmeWith(readme, ConfigDocs.readmeTable());
    if (ConfigDocs.REGENERATE && !expected.equals(readme)) {
      Files.write(ConfigDocs.README, expected);
      readme = expected;
    }
    assertEquals(
        String.join("\n", expected),
        String.join("\n", readme),
        "README.md's configuration table is stale: regenerate it from config.schema.json with "
            + "./mvnw -q -B test -pl program -Dtest='ReadmeConfigTableTest,StackFileSchemaTest' -Dconfig.regenerate=true");
  }

  @Test
  void theTableHasOneRowPerKey() {
    var table = ConfigDocs.readmeTable();
    assertEquals(ConfigSchema.keys().size() + 2, table.size());
    assertEquals(
        "| `region` | `me-central-1` | AWS region of every resource; `me-central-1` or `me-south-1`. `aws:region`, if set, must match. |",
        table.get(2 + ConfigSchema.keys().indexOf("region")));
    assertEquals(
        "| `rootPassword` | none (required, secret) | Milvus root password: `pulumi config set --secret rootPassword`. "
            + "Plain text, the public default or < 12 characters are refused. |",
        table.get(2 + ConfigSchema.keys().indexOf("rootPassword")));
  }
}
