package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackExportOrderTest {
    static Registration resource(String name, List<String> dependsOn) {
        String urn = "urn:pulumi:s::p::aws:ec2/vpcEndpoint:VpcEndpoint::" + name;
        return new Registration(0, urn, "aws:ec2/vpcEndpoint:VpcEndpoint", name, true, "", "", false, false, dependsOn,
                Map.of(), List.of(), "", JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode());
    }

    @Test
    void dependenciesComeFirst() {
        var b = resource("b", List.of());
        var a = resource("a", List.of(b.urn()));
        assertEquals(List.of("b", "a"), StackExport.ordered(List.of(a, b)).stream().map(Registration::name).toList());
    }

    /**
     * Found when two plans of one stack differed between JVMs: the registration's map of property
     * dependencies iterates in a per-JVM order, so the export must not follow it.
     */
    @Test
    void propertyDependenciesAreWrittenInPropertyOrder() {
        var deps = new java.util.LinkedHashMap<String, List<String>>();
        // Six properties given in reverse order: a hash order that happens to be sorted is 1 in 720.
        for (String property : List.of("vpcId", "tags", "subnetIds", "securityGroupIds", "policy", "dnsOptions")) {
            deps.put(property, List.of("urn:" + property));
        }
        var r = new Registration(0, "urn:pulumi:s::p::aws:ec2/vpcEndpoint:VpcEndpoint::e", "aws:ec2/vpcEndpoint:VpcEndpoint", "e",
                true, "", "", false, false, List.of(), deps, List.of(), "", JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode());
        var written = StackExport.of(List.of(r), Map.of()).path("deployment").path("resources").get(0).path("propertyDependencies");
        var names = new java.util.ArrayList<String>();
        written.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("dnsOptions", "policy", "securityGroupIds", "subnetIds", "tags", "vpcId"), names);
    }

    /** Found when the S3 interface endpoint took the gateway endpoint's name: the plan said "dependency cycle". */
    @Test
    void twoResourcesWithOneTypeAndNameAreNamedAsSuch() {
        var error = assertThrows(IllegalStateException.class,
                () -> StackExport.ordered(List.of(resource("network-s3", List.of()), resource("network-s3", List.of()))));
        assertTrue(error.getMessage().startsWith("duplicate resource URN urn:pulumi:s::p::aws:ec2/vpcEndpoint:VpcEndpoint::network-s3"),
                error.getMessage());
    }
}
