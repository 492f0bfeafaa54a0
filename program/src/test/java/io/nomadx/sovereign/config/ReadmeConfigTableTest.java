package io.nomadx.sovereign.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's config table lists exactly the keys the parser accepts, in the same order. */
class ReadmeConfigTableTest {
    @Test
    void readmeDocumentsEveryKey() throws IOException {
        var row = Pattern.compile("^\\| `([A-Za-z]+)` \\|");
        var documented = new ArrayList<String>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("## Configuration")) {
                inTable = true;
            } else if (inTable && line.startsWith("## ")) {
                break;
            }
            var m = row.matcher(line);
            if (inTable && m.find()) {
                documented.add(m.group(1));
            }
        }
        assertEquals(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList(), documented,
                "README.md's configuration table is out of step with ConfigKey");
    }
}
