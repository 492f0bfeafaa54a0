package io.nomadx.sovereign.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.support.StackConfigs;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The general pool holds every pod meant for it, each whole on one node. */
class PoolFitTest {
  private static final InstanceSpec M6I_2XL = InstanceCatalog.lookup("m6i.2xlarge").orElseThrow();

  private static List<PoolFit.Pod> pods(int n, long millicores, long gib) {
    return Collections.nCopies(n, new PoolFit.Pod("indexNode", millicores, gib * Units.GIB));
  }

  @Test
  void podsThatFitInSumButNotWholeStayUnplaced() {
    // Two m6i.2xlarge offer ~2 x 30 GiB; three 20 GiB pods sum to 60 GiB but only one fits per
    // node.
    var fit = PoolFit.place(pods(3, 1000, 20), M6I_2XL, 2);
    assertEquals(1, fit.unplaced().size());
    assertEquals(3, fit.nodesNeeded());
  }

  @Test
  void cpuAloneCanLeaveAPodWithoutANode() {
    var fit = PoolFit.place(pods(2, 5000, 1), M6I_2XL, 1);
    assertEquals(1, fit.unplaced().size(), "7.9 CPU allocatable holds one 5-CPU pod");
    assertTrue(PoolFit.place(pods(2, 3000, 1), M6I_2XL, 1).fits());
  }

  @Test
  void eachNodeKeepsRoomForTheAddOnsDaemonSets() {
    long exact = M6I_2XL.allocatableBytes();
    assertTrue(
        !PoolFit.place(List.of(new PoolFit.Pod("whole", 1000, exact)), M6I_2XL, 1).fits(),
        "a pod of the node's whole allocatable memory leaves nothing for aws-node and kube-proxy");
  }

  @Test
  void aGeneralPoolTooSmallForTheTiersPodsIsAConfigErrorNamingTheSize() {
    // The xl tier's general pool as it was: 8 x m6i.8xlarge, which the box's scheduler could not
    // fill.
    String text =
        assertThrows(
                ConfigError.class,
                () ->
                    SettingsParser.parse(
                        StackConfigs.config(
                            StackConfigs.PROD,
                            Map.of(
                                "tier",
                                "xl",
                                "nodePools",
                                "{\"general\": {\"minSize\": 6, \"desiredSize\": 8}}"))))
            .getMessage();
    assertTrue(
        text.contains(
            Defaults.PROJECT
                + ":nodePools.general.desiredSize: got 8; allowed: at least 9 m6i.8xlarge nodes: "
                + "on 8 the general pool's 47 pods leave 3 broker with no node to run on"),
        text);
  }
}
