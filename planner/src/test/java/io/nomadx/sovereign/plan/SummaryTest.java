package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryTest {
  @ParameterizedTest
  @CsvSource({"3, 3, 1/1/1", "4, 3, 2/1/1", "2, 3, 1/1/0", "5, 2, 3/2", "0, 3, 0/0/0"})
  void nodesSpreadOverZonesAsAutoScalingBalancesThem(int desired, int zones, String expected) {
    assertEquals(expected, Summary.perZone(desired, zones));
  }
}
