package io.nomadx.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads `costAssumptions`: each field optional; fields, types and ranges are the schema's to judge.
 */
final class CostAssumptionsParser {
  private final ConfigReader r;

  CostAssumptionsParser(ConfigReader r) {
    this.r = r;
  }

  CostAssumptions parse() {
    JsonNode c = r.objectField(ConfigKey.COST_ASSUMPTIONS).orElse(MissingNode.getInstance());
    var d = Defaults.COST_ASSUMPTIONS;
    return new CostAssumptions(
        c.path("controlPlaneLogGiBPerDay").asDouble(d.controlPlaneLogGiBPerDay()),
        c.path("flowLogGiBPerDay").asDouble(d.flowLogGiBPerDay()),
        c.path("natProcessedGiBPerMonth").asDouble(d.natProcessedGiBPerMonth()),
        c.path("endpointProcessedGiBPerMonth").asDouble(d.endpointProcessedGiBPerMonth()),
        c.path("objectReadsPerMonth").asLong(d.objectReadsPerMonth()),
        c.path("objectWritesPerMonth").asLong(d.objectWritesPerMonth()),
        c.path("backupsRetained").asInt(d.backupsRetained()));
  }
}
