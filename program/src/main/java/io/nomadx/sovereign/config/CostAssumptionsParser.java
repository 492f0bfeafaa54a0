package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.nomadx.sovereign.config.ConfigError.Problem;

import java.util.Set;

import static io.nomadx.sovereign.config.ConfigReader.quote;

/** Reads `costAssumptions`: each field optional, each problem naming the field, the value and what is allowed. */
final class CostAssumptionsParser {
    private static final Set<String> FIELDS = Set.of("controlPlaneLogGiBPerDay", "flowLogGiBPerDay",
            "natProcessedGiBPerMonth", "endpointProcessedGiBPerMonth", "objectReadsPerMonth", "objectWritesPerMonth",
            "backupsRetained");

    private final ConfigReader r;
    private final String base;

    CostAssumptionsParser(ConfigReader r) {
        this.r = r;
        this.base = r.ns() + ConfigKey.COST_ASSUMPTIONS.key();
    }

    CostAssumptions parse() {
        JsonNode c = r.objectField(ConfigKey.COST_ASSUMPTIONS).orElse(MissingNode.getInstance());
        r.onlyFields(c, base, FIELDS);
        var d = Defaults.COST_ASSUMPTIONS;
        return new CostAssumptions(
                amount(c, "controlPlaneLogGiBPerDay", d.controlPlaneLogGiBPerDay()),
                amount(c, "flowLogGiBPerDay", d.flowLogGiBPerDay()),
                amount(c, "natProcessedGiBPerMonth", d.natProcessedGiBPerMonth()),
                amount(c, "endpointProcessedGiBPerMonth", d.endpointProcessedGiBPerMonth()),
                count(c, "objectReadsPerMonth", d.objectReadsPerMonth(), Defaults.MAX_OBJECT_REQUESTS_PER_MONTH),
                count(c, "objectWritesPerMonth", d.objectWritesPerMonth(), Defaults.MAX_OBJECT_REQUESTS_PER_MONTH),
                (int) count(c, "backupsRetained", d.backupsRetained(), Defaults.MAX_BACKUPS_RETAINED));
    }

    /** A volume of data: zero is a real answer (no NAT traffic), a negative or a word is not. */
    private double amount(JsonNode node, String field, double fallback) {
        return r.number(node, base, field, fallback, 0, true);
    }

    private long count(JsonNode node, String field, long fallback, long most) {
        if (!node.has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > most) {
            r.add(new Problem(base + "." + field, quote(v.asText()), "a whole number from 0 to " + most));
            return fallback;
        }
        return v.asLong();
    }
}
