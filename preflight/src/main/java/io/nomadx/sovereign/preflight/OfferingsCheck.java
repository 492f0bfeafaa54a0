package io.nomadx.sovereign.preflight;

import io.nomadx.sovereign.config.NodePoolSettings;
import io.nomadx.sovereign.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LocationType;

/**
 * The zones and instance types of the node pools, by AZ ID (names map to different zones per
 * account). Each configured zone must exist and be `available` (EC2 API reference,
 * DescribeAvailabilityZones: ZoneId, State available | information | impaired | unavailable |
 * constrained). Each pool must be able to launch in every zone: with several instance types one
 * offered there is enough (a warning names the others); with none, the node group cannot place its
 * nodes in that zone (EC2 API reference, DescribeInstanceTypeOfferings with LocationType
 * availability-zone-id, filters instance-type and location).
 */
record OfferingsCheck(Settings settings, Footprint footprint, AwsClients aws, Report report) {
  static final String CHECK = "offerings";

  void run() {
    if (!footprint.createsCluster()) {
      return;
    }
    Calls.guarded(
        report, CHECK, "availabilityZoneIds", "ec2:DescribeAvailabilityZones", this::zones);
    Calls.guarded(report, CHECK, "nodePools", "ec2:DescribeInstanceTypeOfferings", this::offerings);
  }

  private void zones() {
    Map<String, AvailabilityZone> byId = new HashMap<>();
    aws.ec2
        .describeAvailabilityZones(b -> b.allAvailabilityZones(true))
        .availabilityZones()
        .forEach(z -> byId.put(z.zoneId(), z));
    var bad = new ArrayList<String>();
    for (String zone : settings.zoneIds()) {
      AvailabilityZone z = byId.get(zone);
      if (z == null) {
        bad.add(zone);
        report.add(
            Finding.blocking(
                CHECK,
                "availabilityZoneIds",
                "no zone "
                    + zone
                    + " in "
                    + settings.region().name()
                    + " for this account (zones: "
                    + String.join(", ", new TreeSet<>(byId.keySet()))
                    + ")",
                "every configured AZ ID to exist",
                "remove " + zone + " from availabilityZoneIds"));
      } else if (!"available".equals(z.stateAsString())) {
        bad.add(zone);
        report.add(
            Finding.blocking(
                CHECK,
                "availabilityZoneIds",
                zone + " (" + z.zoneName() + ") is " + z.stateAsString(),
                "every configured zone available",
                "exclude "
                    + zone
                    + " from availabilityZoneIds (two zones need acknowledgeTwoZones: true), or wait until AWS reports it available"));
      }
    }
    if (bad.isEmpty()) {
      report.passed(
          CHECK, "zones " + String.join(", ", settings.zoneIds()) + " exist and are available");
    }
  }

  private void offerings() {
    Set<String> types = new TreeSet<>();
    footprint.pools().forEach(p -> types.addAll(p.instanceTypes()));
    Set<String> offered = new HashSet<>(); // "type@zone"
    aws.ec2
        .describeInstanceTypeOfferingsPaginator(
            b ->
                b.locationType(LocationType.AVAILABILITY_ZONE_ID)
                    .filters(
                        Filter.builder().name("instance-type").values(types).build(),
                        Filter.builder().name("location").values(settings.zoneIds()).build()))
        .instanceTypeOfferings()
        .forEach(o -> offered.add(o.instanceTypeAsString() + "@" + o.location()));
    for (NodePoolSettings pool : footprint.pools()) {
      String key = "nodePools." + pool.role().configKey() + ".instanceTypes";
      var zonesWithout = new ArrayList<String>();
      var partial = new ArrayList<String>();
      for (String zone : settings.zoneIds()) {
        List<String> here =
            pool.instanceTypes().stream().filter(t -> offered.contains(t + "@" + zone)).toList();
        if (here.isEmpty()) {
          zonesWithout.add(zone);
        } else if (here.size() < pool.instanceTypes().size()) {
          partial.add(
              zone
                  + " lacks "
                  + pool.instanceTypes().stream().filter(t -> !here.contains(t)).toList());
        }
      }
      if (!zonesWithout.isEmpty()) {
        report.add(
            Finding.blocking(
                CHECK,
                key,
                pool.instanceTypes() + " not offered in " + String.join(", ", zonesWithout),
                "a type of the pool offered in every zone of availabilityZoneIds "
                    + settings.zoneIds(),
                "choose types offered in all of them (aws ec2 describe-instance-type-offerings --location-type availability-zone-id --region "
                    + settings.region().name()
                    + "), add one to the pool, or exclude "
                    + String.join(", ", zonesWithout)));
      } else if (!partial.isEmpty()) {
        report.add(
            Finding.warning(
                CHECK,
                key,
                String.join("; ", partial),
                "every type offered in every zone, or nodes of the missing types land only elsewhere",
                "drop the types some zones lack, or accept that the node group launches the others there"));
      } else {
        report.passed(
            CHECK,
            key
                + " "
                + pool.instanceTypes()
                + " offered in "
                + String.join(", ", settings.zoneIds()));
      }
    }
  }
}
